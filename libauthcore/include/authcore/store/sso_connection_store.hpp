// SPDX-License-Identifier: Apache-2.0
// SsoConnectionStore: organizations' SSO connections and the domains they claim.
// Throws authcore::Error (Conflict, NotFound, StoreUnavailable). Connections go
// with their organization.
#pragma once

#include <authcore/model/sso_connection.hpp>

#include <optional>
#include <string>
#include <vector>

namespace authcore {

class SsoConnectionStore {
public:
    virtual ~SsoConnectionStore() = default;

    /// In one transaction: the connection and its domains. Conflict (nothing
    /// written) when the id or slug is taken or a domain is claimed by any
    /// connection; NotFound when the organization does not exist.
    virtual void insert(const SsoConnection& connection) = 0;
    /// In one transaction: replaces every field but id, organizationId and
    /// createdAt, and the domains. NotFound when there is no such connection;
    /// Conflict (nothing written) when a domain or the slug is another's.
    virtual void update(const SsoConnection& connection) = 0;
    /// False when there was no such connection.
    virtual bool remove(const std::string& id) = 0;

    virtual std::optional<SsoConnection> find(const std::string& id) = 0;
    virtual std::optional<SsoConnection> findBySlug(const std::string& slug) = 0;
    /// The connection that claims `domain` (lower case), whatever its status.
    virtual std::optional<SsoConnection> findByDomain(const std::string& domain) = 0;
    /// The organization's connections, oldest first.
    virtual std::vector<SsoConnection> listByOrganization(const std::string& organizationId) = 0;

    /// The connection's SP signing credential (deleted with the connection).
    virtual std::optional<SsoSpCredential> findSpCredential(const std::string& connectionId) = 0;
    /// False (nothing written) when the connection has one already, so that
    /// two nodes racing to make one keep the first; NotFound for an unknown connection.
    virtual bool insertSpCredential(const SsoSpCredential& credential) = 0;

    /// The organization's enforcement policy; nullopt when never set.
    virtual std::optional<SsoEnforcement> findEnforcement(const std::string& organizationId) = 0;
    /// Replaces the organization's policy (deleted with the organization);
    /// NotFound when the organization does not exist.
    virtual void putEnforcement(const SsoEnforcement& enforcement) = 0;
};

} // namespace authcore
