// SPDX-License-Identifier: Apache-2.0
// The signing key ring in the SQL store.
#include "store/signing_key_store_sql.hpp"

#include "store/rows.hpp"

namespace authcore::sql {
namespace {

SigningKey keyAt(const RecordSet& rows, std::size_t row) {
    SigningKey key;
    key.kid = textAt(rows, 0, row);
    key.algorithm = parsedAt(rows, 1, row, "signing_keys.algorithm", parseAlgorithm);
    key.status = parsedAt(rows, 2, row, "signing_keys.status", parseKeyStatus);
    key.publicJwk = textAt(rows, 3, row);
    key.sealedPrivateKey = textAt(rows, 4, row);
    key.createdAt = timeAt(rows, 5, row);
    key.retiredAt = optionalTimeAt(rows, 6, row);
    return key;
}

void insertKey(Session& session, const SigningKey& key) {
    session << "INSERT INTO signing_keys (kid, algorithm, status, public_jwk, sealed_private_key, created_at, "
               "retired_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        kw::bind(key.kid), kw::bind(std::string(algorithmName(key.algorithm))),
        kw::bind(std::string(keyStatusName(key.status))), kw::bind(key.publicJwk), kw::bind(key.sealedPrivateKey),
        kw::bind(unixSeconds(key.createdAt)), kw::bind(nullableSeconds(key.retiredAt)), kw::now;
}

void rewriteStatus(Session& session, const SigningKey& key) {
    Statement statement(session);
    statement << "UPDATE signing_keys SET status = ?, retired_at = ? WHERE kid = ?",
        kw::bind(std::string(keyStatusName(key.status))), kw::bind(nullableSeconds(key.retiredAt)), kw::bind(key.kid);
    if (statement.execute() == 0) requireRow(session, "signing_keys", "kid", key.kid, "signing key " + key.kid);
}

} // namespace

std::vector<SigningKey> SigningKeyStoreSql::list() {
    return selectRows(executor_,
                      "SELECT kid, algorithm, status, public_jwk, sealed_private_key, created_at, retired_at "
                      "FROM signing_keys ORDER BY created_at, kid",
                      {}, keyAt);
}

void SigningKeyStoreSql::apply(const std::vector<SigningKey>& added, const std::vector<SigningKey>& changed) {
    executor_.transact("a signing key with this kid", [&](Session& session) {
        for (const auto& key : added) insertKey(session, key);
        for (const auto& key : changed) rewriteStatus(session, key);
    });
}

} // namespace authcore::sql
