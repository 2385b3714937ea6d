// SPDX-License-Identifier: Apache-2.0
// ClientStore: OAuth clients and their secret slots.
#pragma once

#include <authcore/model/client.hpp>
#include <optional>
#include <string>
#include <vector>

namespace authcore {

class ClientStore {
public:
    virtual ~ClientStore() = default;
    /// Conflict when the clientId is taken.
    virtual void insert(const Client& client) = 0;
    virtual std::optional<Client> findById(const std::string& clientId) = 0;
    /// Replaces description, type, owners and both slots; NotFound when absent.
    virtual void update(const Client& client) = 0;
    /// False when absent.
    virtual bool remove(const std::string& clientId) = 0;
    /// Ordered by clientId; at most `limit` after `afterClientId` (exclusive, "" = start).
    virtual std::vector<Client> list(const std::string& afterClientId, int limit) = 0;
    /// The `limit` clients just before `beforeClientId` (empty: the last
    /// ones), in ascending client_id order.
    virtual std::vector<Client> listBefore(const std::string& beforeClientId, int limit) = 0;

    /// Adds an available scope; Conflict when the client already offers it,
    /// NotFound for an unknown client.
    virtual void addScope(const std::string& clientId, const ClientScope& scope) = 0;
    /// Ordered by scope.
    virtual std::vector<ClientScope> listScopes(const std::string& clientId) = 0;

    /// NotFound for an unknown client.
    virtual void addJwtBearer(const JwtBearer& bearer) = 0;
    /// False when the client has no entry with that id.
    virtual bool removeJwtBearer(const std::string& clientId, const std::string& id) = 0;
    /// Ordered by createdAt, then id.
    virtual std::vector<JwtBearer> listJwtBearers(const std::string& clientId) = 0;
};

} // namespace authcore
