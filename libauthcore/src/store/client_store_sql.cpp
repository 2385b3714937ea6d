// SPDX-License-Identifier: Apache-2.0
// OAuth clients, their scopes and jwt-bearer trust entries in the SQL store.
#include "store/client_store_sql.hpp"

#include "store/rows.hpp"
#include "store/text_list.hpp"

#include <algorithm>

namespace authcore::sql {
namespace {

constexpr std::string_view kClientIdTaken = "a client with this client_id";
constexpr std::string_view kScopeTaken = "this scope of the client";
constexpr std::string_view kBearerTaken = "a jwt-bearer entry with this id";
const std::string kSelectClients =
    "SELECT client_id, description, client_type, owner_organization_id, owner_user_id, secret1_hash, "
    "secret1_updated_at, secret2_hash, secret2_updated_at, created_at, redirect_uris, public_client FROM clients ";
const std::string kSelectBearers =
    "SELECT id, client_id, jwks_url, iss, sub, aud, created_at FROM jwt_bearers WHERE client_id = ? ";

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
    client.redirectUris = textListAt(rows, 10, row, "clients.redirect_uris");
    client.publicClient = integerAt(rows, 11, row) != 0;
    return client;
}

ClientScope scopeAt(const RecordSet& rows, std::size_t row) { return {textAt(rows, 0, row), textAt(rows, 1, row)}; }

JwtBearer bearerAt(const RecordSet& rows, std::size_t row) {
    JwtBearer bearer;
    bearer.id = textAt(rows, 0, row);
    bearer.clientId = textAt(rows, 1, row);
    bearer.jwksUrl = textAt(rows, 2, row);
    bearer.iss = textAt(rows, 3, row);
    bearer.sub = textAt(rows, 4, row);
    bearer.aud = textAt(rows, 5, row);
    bearer.createdAt = timeAt(rows, 6, row);
    return bearer;
}

// Binds the columns insert and update share, in this order: description,
// client_type, owner_organization_id, owner_user_id, secret1_hash,
// secret1_updated_at, secret2_hash, secret2_updated_at, redirect_uris,
// public_client, client_id.
void bindShared(Statement& statement, const Client& client) {
    statement.addBind(kw::bind(client.description));
    statement.addBind(kw::bind(std::string(clientTypeName(client.type))));
    statement.addBind(kw::bind(nullableText(client.ownerOrganizationId)));
    statement.addBind(kw::bind(nullableText(client.ownerUserId)));
    statement.addBind(kw::bind(client.secret1.hash));
    statement.addBind(kw::bind(nullableSeconds(client.secret1.updatedAt)));
    statement.addBind(kw::bind(client.secret2.hash));
    statement.addBind(kw::bind(nullableSeconds(client.secret2.updatedAt)));
    statement.addBind(kw::bind(encodeTextList(client.redirectUris)));
    statement.addBind(kw::bind(int{client.publicClient}));
    statement.addBind(kw::bind(client.clientId));
}

void requireClient(Session& session, const std::string& clientId) {
    requireRow(session, "clients", "client_id", clientId, "client");
}

} // namespace

void insertClientRow(Session& session, const Client& client) {
    Statement statement(session);
    statement << "INSERT INTO clients (description, client_type, owner_organization_id, owner_user_id, "
                 "secret1_hash, secret1_updated_at, secret2_hash, secret2_updated_at, redirect_uris, "
                 "public_client, client_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    bindShared(statement, client);
    statement.addBind(kw::bind(unixSeconds(client.createdAt)));
    statement.execute();
}

void ClientStoreSql::insert(const Client& client) {
    executor_.run(kClientIdTaken, [&](Session& session) { insertClientRow(session, client); });
}

std::optional<Client> ClientStoreSql::findById(const std::string& clientId) {
    return selectOne(executor_, kSelectClients + "WHERE client_id = ?", {clientId}, clientAt);
}

void ClientStoreSql::update(const Client& client) {
    executor_.run(kClientIdTaken, [&](Session& session) {
        Statement statement(session);
        statement << "UPDATE clients SET description = ?, client_type = ?, owner_organization_id = ?, "
                     "owner_user_id = ?, secret1_hash = ?, secret1_updated_at = ?, secret2_hash = ?, "
                     "secret2_updated_at = ?, redirect_uris = ?, public_client = ? WHERE client_id = ?";
        bindShared(statement, client);
        if (statement.execute() == 0) requireClient(session, client.clientId);
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

std::vector<Client> ClientStoreSql::listBefore(const std::string& beforeClientId, int limit) {
    if (limit <= 0) return {};
    auto page = executor_.evaluate([&](Session& session) {
        Statement statement(session);
        if (beforeClientId.empty()) {
            statement << kSelectClients + "ORDER BY client_id DESC LIMIT ?", kw::bind(limit);
        } else {
            statement << kSelectClients + "WHERE client_id < ? ORDER BY client_id DESC LIMIT ?",
                kw::bind(beforeClientId), kw::bind(limit);
        }
        return readRows(statement, clientAt);
    });
    std::reverse(page.begin(), page.end());
    return page;
}

// The client is looked up in the inserting transaction so that an unknown
// one is NotFound rather than the foreign key's generic Conflict.
void ClientStoreSql::addScope(const std::string& clientId, const ClientScope& scope) {
    executor_.transact(kScopeTaken, [&](Session& session) {
        requireClient(session, clientId);
        session << "INSERT INTO client_scopes (client_id, scope, description) VALUES (?, ?, ?)", kw::bind(clientId),
            kw::bind(scope.scope), kw::bind(scope.description), kw::now;
    });
}

std::vector<ClientScope> ClientStoreSql::listScopes(const std::string& clientId) {
    return selectRows(executor_, "SELECT scope, description FROM client_scopes WHERE client_id = ? ORDER BY scope",
                      {clientId}, scopeAt);
}

void ClientStoreSql::addJwtBearer(const JwtBearer& bearer) {
    executor_.transact(kBearerTaken, [&](Session& session) {
        requireClient(session, bearer.clientId);
        session << "INSERT INTO jwt_bearers (id, client_id, jwks_url, iss, sub, aud, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
            kw::bind(bearer.id), kw::bind(bearer.clientId), kw::bind(bearer.jwksUrl), kw::bind(bearer.iss),
            kw::bind(bearer.sub), kw::bind(bearer.aud), kw::bind(unixSeconds(bearer.createdAt)), kw::now;
    });
}

bool ClientStoreSql::removeJwtBearer(const std::string& clientId, const std::string& id) {
    return changeRows(executor_, "DELETE FROM jwt_bearers WHERE client_id = ? AND id = ?", {clientId, id}) > 0;
}

std::vector<JwtBearer> ClientStoreSql::listJwtBearers(const std::string& clientId) {
    return selectRows(executor_, kSelectBearers + "ORDER BY created_at, id", {clientId}, bearerAt);
}

} // namespace authcore::sql
