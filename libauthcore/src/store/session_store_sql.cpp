// SPDX-License-Identifier: Apache-2.0
// Browser sessions in the SQL store.
#include "store/session_store_sql.hpp"

#include "store/rows.hpp"

namespace authcore::sql {
namespace {

BrowserSession browserSessionAt(const RecordSet& rows, std::size_t row) {
    return {textAt(rows, 0, row), textAt(rows, 1, row), timeAt(rows, 2, row), timeAt(rows, 3, row)};
}

} // namespace

void SessionStoreSql::insert(const BrowserSession& browserSession) {
    executor_.run("a session with this id", [&](Session& session) {
        session << "INSERT INTO browser_sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
            kw::bind(browserSession.idHash), kw::bind(browserSession.userId),
            kw::bind(unixSeconds(browserSession.createdAt)), kw::bind(unixSeconds(browserSession.expiresAt)), kw::now;
    });
}

std::optional<BrowserSession> SessionStoreSql::find(const std::string& idHash) {
    return selectOne(executor_,
                     "SELECT id_hash, user_id, created_at, expires_at FROM browser_sessions WHERE id_hash = ?",
                     {idHash}, browserSessionAt);
}

bool SessionStoreSql::remove(const std::string& idHash) {
    return changeRows(executor_, "DELETE FROM browser_sessions WHERE id_hash = ?", {idHash}) > 0;
}

int SessionStoreSql::removeForUser(const std::string& userId) {
    return static_cast<int>(changeRows(executor_, "DELETE FROM browser_sessions WHERE user_id = ?", {userId}));
}

int SessionStoreSql::purgeExpired(Timestamp now) {
    return executor_.evaluate([&](Session& session) {
        Statement statement(session);
        statement << "DELETE FROM browser_sessions WHERE expires_at <= ?", kw::bind(unixSeconds(now));
        return static_cast<int>(statement.execute());
    });
}

} // namespace authcore::sql
