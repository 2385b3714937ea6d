// SPDX-License-Identifier: Apache-2.0
// ClientStoreSql: ClientStore on the SQL executor.
#pragma once

#include "store/executor.hpp"

#include <authcore/store/client_store.hpp>

namespace authcore::sql {

/// The INSERT of one client row on `session`, for stores that write a client inside their own transaction.
void insertClientRow(Session& session, const Client& client);

class ClientStoreSql final : public ClientStore {
public:
    explicit ClientStoreSql(Executor& executor) : executor_(executor) {}

    void insert(const Client& client) override;
    std::optional<Client> findById(const std::string& clientId) override;
    void update(const Client& client) override;
    bool remove(const std::string& clientId) override;
    std::vector<Client> list(const std::string& afterClientId, int limit) override;
    std::vector<Client> listBefore(const std::string& beforeClientId, int limit) override;

    void addScope(const std::string& clientId, const ClientScope& scope) override;
    std::vector<ClientScope> listScopes(const std::string& clientId) override;

    void addJwtBearer(const JwtBearer& bearer) override;
    bool removeJwtBearer(const std::string& clientId, const std::string& id) override;
    std::vector<JwtBearer> listJwtBearers(const std::string& clientId) override;

private:
    Executor& executor_;
};

} // namespace authcore::sql
