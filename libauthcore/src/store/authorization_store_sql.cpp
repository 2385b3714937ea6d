// SPDX-License-Identifier: Apache-2.0
// Client-to-client authorizations in the SQL store.
#include "store/authorization_store_sql.hpp"

#include "store/rows.hpp"
#include "store/text_list.hpp"

#include <algorithm>

namespace authcore::sql {
namespace {

constexpr std::string_view kAuthorizationTaken = "an authorization for this subject and audience";
const std::string kSelectAuthorizations =
    "SELECT id, subject_client_id, audience_client_id, scopes, created_at FROM authorizations ";

Authorization authorizationAt(const RecordSet& rows, std::size_t row) {
    Authorization authorization;
    authorization.id = textAt(rows, 0, row);
    authorization.subjectClientId = textAt(rows, 1, row);
    authorization.audienceClientId = textAt(rows, 2, row);
    authorization.scopes = textListAt(rows, 3, row, "authorizations.scopes");
    authorization.createdAt = timeAt(rows, 4, row);
    return authorization;
}

// Stored sorted and unique, as Authorization::scopes promises its readers.
std::string scopesText(std::vector<std::string> scopes) {
    std::sort(scopes.begin(), scopes.end());
    scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
    return encodeTextList(scopes);
}

} // namespace

// Both clients are looked up in the inserting transaction so that an unknown
// one is NotFound rather than the foreign key's generic Conflict.
void AuthorizationStoreSql::insert(const Authorization& authorization) {
    executor_.transact(kAuthorizationTaken, [&](Session& session) {
        requireRow(session, "clients", "client_id", authorization.subjectClientId, "subject client");
        requireRow(session, "clients", "client_id", authorization.audienceClientId, "audience client");
        session << "INSERT INTO authorizations (id, subject_client_id, audience_client_id, scopes, created_at) "
                   "VALUES (?, ?, ?, ?, ?)",
            kw::bind(authorization.id), kw::bind(authorization.subjectClientId),
            kw::bind(authorization.audienceClientId), kw::bind(scopesText(authorization.scopes)),
            kw::bind(unixSeconds(authorization.createdAt)), kw::now;
    });
}

std::optional<Authorization> AuthorizationStoreSql::findById(const std::string& id) {
    return selectOne(executor_, kSelectAuthorizations + "WHERE id = ?", {id}, authorizationAt);
}

std::optional<Authorization> AuthorizationStoreSql::find(const std::string& subjectClientId,
                                                         const std::string& audienceClientId) {
    return selectOne(executor_, kSelectAuthorizations + "WHERE subject_client_id = ? AND audience_client_id = ?",
                     {subjectClientId, audienceClientId}, authorizationAt);
}

void AuthorizationStoreSql::updateScopes(const std::string& id, const std::vector<std::string>& scopes) {
    executor_.run(kAuthorizationTaken, [&](Session& session) {
        Statement statement(session);
        statement << "UPDATE authorizations SET scopes = ? WHERE id = ?", kw::bind(scopesText(scopes)), kw::bind(id);
        if (statement.execute() == 0) requireRow(session, "authorizations", "id", id, "authorization");
    });
}

bool AuthorizationStoreSql::remove(const std::string& subjectClientId, const std::string& audienceClientId) {
    return changeRows(executor_, "DELETE FROM authorizations WHERE subject_client_id = ? AND audience_client_id = ?",
                      {subjectClientId, audienceClientId}) > 0;
}

std::vector<Authorization> AuthorizationStoreSql::listBySubject(const std::string& subjectClientId) {
    return authorizations("WHERE subject_client_id = ? ORDER BY audience_client_id", {subjectClientId});
}

std::vector<Authorization> AuthorizationStoreSql::listByAudience(const std::string& audienceClientId) {
    return authorizations("WHERE audience_client_id = ? ORDER BY subject_client_id", {audienceClientId});
}

std::vector<Authorization> AuthorizationStoreSql::authorizations(const std::string& sqlTail,
                                                                 const std::vector<std::string>& parameters) {
    return selectRows(executor_, kSelectAuthorizations + sqlTail, parameters, authorizationAt);
}

} // namespace authcore::sql
