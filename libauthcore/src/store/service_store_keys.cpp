// SPDX-License-Identifier: Apache-2.0
// API keys in the SQL store.
#include "store/rows.hpp"
#include "store/service_store_sql.hpp"
#include "store/text_list.hpp"

namespace authcore::sql {
namespace {

const std::string kSelectKeys = "SELECT id, service_id, prefix, name, permissions, secret_hash, expires_at, "
                                "last_used_at, created_at FROM api_keys ";

ApiKey keyAt(const RecordSet& rows, std::size_t row) {
    ApiKey key;
    key.id = textAt(rows, 0, row);
    key.serviceId = textAt(rows, 1, row);
    key.prefix = textAt(rows, 2, row);
    key.name = textAt(rows, 3, row);
    key.permissions = textListAt(rows, 4, row, "api_keys.permissions");
    key.secretHash = textAt(rows, 5, row);
    key.expiresAt = optionalTimeAt(rows, 6, row);
    key.lastUsedAt = optionalTimeAt(rows, 7, row);
    key.createdAt = timeAt(rows, 8, row);
    return key;
}

} // namespace

void ServiceStoreSql::insertApiKey(const ApiKey& key) {
    executor_.transact("an API key with this id or prefix", [&](Session& session) {
        requireRow(session, "services", "id", key.serviceId, "service");
        session << "INSERT INTO api_keys (id, service_id, prefix, name, permissions, secret_hash, expires_at, "
                   "last_used_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            kw::bind(key.id), kw::bind(key.serviceId), kw::bind(key.prefix), kw::bind(key.name),
            kw::bind(encodeTextList(key.permissions)), kw::bind(key.secretHash),
            kw::bind(nullableSeconds(key.expiresAt)), kw::bind(nullableSeconds(key.lastUsedAt)),
            kw::bind(unixSeconds(key.createdAt)), kw::now;
    });
}

std::optional<ApiKey> ServiceStoreSql::findApiKey(const std::string& serviceId, const std::string& id) {
    return selectOne(executor_, kSelectKeys + "WHERE service_id = ? AND id = ?", {serviceId, id}, keyAt);
}

std::optional<ApiKey> ServiceStoreSql::findApiKeyByPrefix(const std::string& prefix) {
    return selectOne(executor_, kSelectKeys + "WHERE prefix = ?", {prefix}, keyAt);
}

std::vector<ApiKey> ServiceStoreSql::listApiKeys(const std::string& serviceId, int limit, int offset) {
    if (limit <= 0) return {};
    return executor_.evaluate([&](Session& session) {
        Statement statement(session);
        statement << kSelectKeys + "WHERE service_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
            kw::bind(serviceId), kw::bind(limit), kw::bind(std::max(offset, 0));
        return readRows(statement, keyAt);
    });
}

int ServiceStoreSql::countApiKeys(const std::string& serviceId) {
    return countRows(executor_, "SELECT COUNT(*) FROM api_keys WHERE service_id = ?", {serviceId});
}

bool ServiceStoreSql::removeApiKey(const std::string& serviceId, const std::string& id) {
    return changeRows(executor_, "DELETE FROM api_keys WHERE service_id = ? AND id = ?", {serviceId, id}) > 0;
}

void ServiceStoreSql::touchApiKey(const std::string& id, Timestamp now, Timestamp notBefore) {
    executor_.run("API key", [&](Session& session) {
        session << "UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
            kw::bind(unixSeconds(now)), kw::bind(id), kw::bind(unixSeconds(notBefore)), kw::now;
    });
}

} // namespace authcore::sql
