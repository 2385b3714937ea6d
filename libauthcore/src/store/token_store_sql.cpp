// SPDX-License-Identifier: Apache-2.0
// Refresh-token families and revoked access-token ids in the SQL store.
#include "store/token_store_sql.hpp"

#include "store/rows.hpp"

namespace authcore::sql {
namespace {

RefreshToken refreshTokenAt(const RecordSet& rows, std::size_t row) {
    RefreshToken token;
    token.idHash = textAt(rows, 0, row);
    token.familyId = textAt(rows, 1, row);
    token.userId = textAt(rows, 2, row);
    token.clientId = textAt(rows, 3, row);
    token.audience = textAt(rows, 4, row);
    token.scope = textAt(rows, 5, row);
    token.createdAt = timeAt(rows, 6, row);
    token.expiresAt = timeAt(rows, 7, row);
    token.usedAt = optionalTimeAt(rows, 8, row);
    token.revoked = integerAt(rows, 9, row) != 0;
    token.email = optionalTextAt(rows, 10, row);
    token.authTime = optionalTimeAt(rows, 11, row);
    return token;
}

int deleteExpired(Session& session, const std::string& sql, Timestamp now) {
    Statement statement(session);
    statement << sql, kw::bind(unixSeconds(now));
    return static_cast<int>(statement.execute());
}

} // namespace

void TokenStoreSql::insertRefreshToken(const RefreshToken& token) {
    executor_.run("a refresh token with this id", [&](Session& session) {
        session << "INSERT INTO refresh_tokens (id_hash, family_id, user_id, client_id, audience, scope, created_at, "
                   "expires_at, used_at, revoked, email, auth_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            kw::bind(token.idHash), kw::bind(token.familyId), kw::bind(token.userId), kw::bind(token.clientId),
            kw::bind(token.audience), kw::bind(token.scope), kw::bind(unixSeconds(token.createdAt)),
            kw::bind(unixSeconds(token.expiresAt)), kw::bind(nullableSeconds(token.usedAt)),
            kw::bind(int{token.revoked}), kw::bind(nullableText(token.email)), kw::bind(nullableSeconds(token.authTime)),
            kw::now;
    });
}

std::optional<RefreshToken> TokenStoreSql::findRefreshToken(const std::string& idHash) {
    return selectOne(executor_,
                     "SELECT id_hash, family_id, user_id, client_id, audience, scope, created_at, expires_at, "
                     "used_at, revoked, email, auth_time FROM refresh_tokens WHERE id_hash = ?",
                     {idHash}, refreshTokenAt);
}

// One conditional UPDATE: the database serialises concurrent callers on the
// row, and only the one that still finds used_at NULL changes it.
bool TokenStoreSql::markRefreshTokenUsed(const std::string& idHash, Timestamp now) {
    return executor_.evaluate([&](Session& session) {
        Statement statement(session);
        statement << "UPDATE refresh_tokens SET used_at = ? WHERE id_hash = ? AND used_at IS NULL AND revoked = 0",
            kw::bind(unixSeconds(now)), kw::bind(idHash);
        return statement.execute() == 1;
    });
}

int TokenStoreSql::revokeFamily(const std::string& familyId) {
    return static_cast<int>(
        changeRows(executor_, "UPDATE refresh_tokens SET revoked = 1 WHERE family_id = ? AND revoked = 0", {familyId}));
}

void TokenStoreSql::revokeAccessToken(const std::string& jti, Timestamp expiresAt) {
    const auto sql =
        executor_.dialect().insertOrIgnore("INSERT INTO revoked_access_tokens (jti, expires_at) VALUES (?, ?)", "jti");
    executor_.run("a revoked access token with this id", [&](Session& session) {
        session << sql, kw::bind(jti), kw::bind(unixSeconds(expiresAt)), kw::now;
    });
}

bool TokenStoreSql::isAccessTokenRevoked(const std::string& jti) {
    return executor_.evaluate([&](Session& session) {
        Poco::Int64 count = 0;
        session << "SELECT COUNT(*) FROM revoked_access_tokens WHERE jti = ?", kw::bind(jti), kw::into(count), kw::now;
        return count > 0;
    });
}

int TokenStoreSql::purgeExpired(Timestamp now) {
    int purged = 0;
    executor_.transact("record", [&](Session& session) {
        purged = deleteExpired(session, "DELETE FROM refresh_tokens WHERE expires_at <= ?", now) +
                 deleteExpired(session, "DELETE FROM revoked_access_tokens WHERE expires_at <= ?", now);
    });
    return purged;
}

} // namespace authcore::sql
