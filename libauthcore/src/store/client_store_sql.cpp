// SPDX-License-Identifier: Apache-2.0
// OAuth clients in the SQL store.
#include "store/client_store_sql.hpp"

#include "store/rows.hpp"

namespace authcore::sql {
namespace {

constexpr std::string_view kClientIdTaken = "a client with this client_id";
const std::string kSelectClients =
    "SELECT client_id, description, client_type, owner_organization_id, owner_user_id, secret1_hash, "
    "secret1_updated_at, secret2_hash, secret2_updated_at, created_at FROM clients ";

Client clientAt(const RecordSet& rows, std::size_t row) {
    Client client;
    client.clientId = textAt(rows, 0, row);
    client.description = textAt(rows, 1, row);
    client.type = parsedAt(rows, 2, row, "clients.client_type", parseClientType);
    client.ownerOrganizationId = optionalTextAt(rows, 3, row);
    client.ownerUserId = optionalTextAt(rows, 4, row);
    client.secret1 = {textAt(rows, 5, row), optionalTimeAt(rows, 6, row)};
    client.secret2 = {textAt(rows, 7, row), optionalTimeAt(rows, 8, row)};
    client.createdAt = timeAt(rows, 9, row);
    return client;
}

// Binds the columns insert and update share, in this order: description,
// client_type, owner_organization_id, owner_user_id, secret1_hash,
// secret1_updated_at, secret2_hash, secret2_updated_at, client_id.
void bindShared(Statement& statement, const Client& client) {
    statement.addBind(kw::bind(client.description));
    statement.addBind(kw::bind(std::string(clientTypeName(client.type))));
    statement.addBind(kw::bind(nullableText(client.ownerOrganizationId)));
    statement.addBind(kw::bind(nullableText(client.ownerUserId)));
    statement.addBind(kw::bind(client.secret1.hash));
    statement.addBind(kw::bind(nullableSeconds(client.secret1.updatedAt)));
    statement.addBind(kw::bind(client.secret2.hash));
    statement.addBind(kw::bind(nullableSeconds(client.secret2.updatedAt)));
    statement.addBind(kw::bind(client.clientId));
}

} // namespace

void ClientStoreSql::insert(const Client& client) {
    executor_.run(kClientIdTaken, [&](Session& session) {
        Statement statement(session);
        statement << "INSERT INTO clients (description, client_type, owner_organization_id, owner_user_id, "
                     "secret1_hash, secret1_updated_at, secret2_hash, secret2_updated_at, client_id, created_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        bindShared(statement, client);
        statement.addBind(kw::bind(unixSeconds(client.createdAt)));
        statement.execute();
    });
}

std::optional<Client> ClientStoreSql::findById(const std::string& clientId) {
    return selectOne(executor_, kSelectClients + "WHERE client_id = ?", {clientId}, clientAt);
}

void ClientStoreSql::update(const Client& client) {
    executor_.run(kClientIdTaken, [&](Session& session) {
        Statement statement(session);
        statement << "UPDATE clients SET description = ?, client_type = ?, owner_organization_id = ?, "
                     "owner_user_id = ?, secret1_hash = ?, secret1_updated_at = ?, secret2_hash = ?, "
                     "secret2_updated_at = ? WHERE client_id = ?";
        bindShared(statement, client);
        if (statement.execute() == 0) requireRow(session, "clients", "client_id", client.clientId, "client");
    });
}

bool ClientStoreSql::remove(const std::string& clientId) {
    return changeRows(executor_, "DELETE FROM clients WHERE client_id = ?", {clientId}) > 0;
}

std::vector<Client> ClientStoreSql::list(const std::string& afterClientId, int limit) {
    if (limit <= 0) return {};
    return executor_.evaluate([&](Session& session) {
        Statement statement(session);
        statement << kSelectClients + "WHERE client_id > ? ORDER BY client_id LIMIT ?", kw::bind(afterClientId),
            kw::bind(limit);
        return readRows(statement, clientAt);
    });
}

} // namespace authcore::sql
