// SPDX-License-Identifier: Apache-2.0
// SSO sessions in the SQL store.
#include "store/sso_session_store_sql.hpp"

#include "store/rows.hpp"

namespace authcore::sql {
namespace {

const std::string kSelect = "SELECT id, organization_id, connection_id, user_id, email, subject, session_index, "
                            "refresh_family_id, created_at, expires_at, scope FROM sso_sessions ";

SsoSession ssoSessionAt(const RecordSet& rows, std::size_t row) {
    return {textAt(rows, 0, row), textAt(rows, 1, row), textAt(rows, 2, row), textAt(rows, 3, row),
            textAt(rows, 4, row), textAt(rows, 5, row), textAt(rows, 6, row), textAt(rows, 7, row),
            timeAt(rows, 8, row), timeAt(rows, 9, row), optionalTextAt(rows, 10, row)};
}

} // namespace

void SsoSessionStoreSql::insert(const SsoSession& s) {
    executor_.transact("an SSO session with this id", [&](Session& session) {
        // Unknown references are NotFound, not the foreign key's generic Conflict.
        requireRow(session, "sso_connections", "id", s.connectionId, "SSO connection");
        requireRow(session, "users", "id", s.userId, "user");
        session << "INSERT INTO sso_sessions (id, organization_id, connection_id, user_id, email, subject, "
                   "session_index, refresh_family_id, created_at, expires_at, scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            kw::bind(s.id), kw::bind(s.organizationId), kw::bind(s.connectionId), kw::bind(s.userId),
            kw::bind(s.email), kw::bind(s.subject), kw::bind(s.sessionIndex), kw::bind(s.refreshFamilyId),
            kw::bind(unixSeconds(s.createdAt)), kw::bind(unixSeconds(s.expiresAt)), kw::bind(nullableText(s.scope)), kw::now;
    });
}

std::optional<SsoSession> SsoSessionStoreSql::find(const std::string& id) {
    return selectOne(executor_, kSelect + "WHERE id = ?", {id}, ssoSessionAt);
}

std::vector<SsoSession> SsoSessionStoreSql::listActive(const std::string& organizationId, Timestamp now) {
    return executor_.evaluate([&](Session& session) {
        Statement statement(session);
        statement << kSelect + "WHERE organization_id = ? AND expires_at > ? ORDER BY created_at DESC, id DESC",
            kw::bind(organizationId), kw::bind(unixSeconds(now));
        return readRows(statement, ssoSessionAt);
    });
}

std::vector<SsoSession> SsoSessionStoreSql::findBySubject(const std::string& connectionId, const std::string& subject,
                                                          const std::string& sessionIndex) {
    if (sessionIndex.empty())
        return selectRows(executor_, kSelect + "WHERE connection_id = ? AND subject = ? ORDER BY created_at, id",
                          {connectionId, subject}, ssoSessionAt);
    return selectRows(executor_,
                      kSelect + "WHERE connection_id = ? AND subject = ? AND session_index = ? ORDER BY created_at, id",
                      {connectionId, subject, sessionIndex}, ssoSessionAt);
}

std::vector<SsoSession> SsoSessionStoreSql::findBySessionIndex(const std::string& connectionId,
                                                               const std::string& sessionIndex) {
    return selectRows(executor_, kSelect + "WHERE connection_id = ? AND session_index = ? ORDER BY created_at, id",
                      {connectionId, sessionIndex}, ssoSessionAt);
}

// Asked on refresh grants of users under SSO enforcement; user_id is indexed
// and a user has few sessions, so no index of its own on the family.
std::optional<SsoSession> SsoSessionStoreSql::findByRefreshFamily(const std::string& userId,
                                                                  const std::string& refreshFamilyId) {
    return selectOne(executor_, kSelect + "WHERE user_id = ? AND refresh_family_id = ?", {userId, refreshFamilyId},
                     ssoSessionAt);
}

bool SsoSessionStoreSql::remove(const std::string& id) {
    return changeRows(executor_, "DELETE FROM sso_sessions WHERE id = ?", {id}) > 0;
}

int SsoSessionStoreSql::purgeExpired(Timestamp now) {
    return executor_.evaluate([&](Session& session) {
        Statement statement(session);
        statement << "DELETE FROM sso_sessions WHERE expires_at <= ?", kw::bind(unixSeconds(now));
        return static_cast<int>(statement.execute());
    });
}

} // namespace authcore::sql
