// SPDX-License-Identifier: Apache-2.0
// ServiceCatalog: API keys, `ak_<prefix>_<secret>`, and what a presented key is worth.
#include <authcore/crypto/constant_time.hpp>
#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/services/service_catalog.hpp>

#include "services/service_rules.hpp"

#include <algorithm>

namespace authcore {
namespace {

constexpr std::string_view kKeyPrefix = "ak_";
constexpr std::size_t kPrefixLength = 8;
constexpr auto kTouchInterval = std::chrono::seconds(60);
constexpr int kMaxPageSize = 200;

// 8 lower-case alphanumerics: readable in lists, and 41 bits so that a
// collision (refused by the unique index) is rare enough to just retry.
std::string randomPrefix() {
    static constexpr std::string_view alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    const auto bytes = crypto::randomBytes(kPrefixLength);
    std::string prefix;
    for (unsigned char b : bytes) prefix += alphabet[b % alphabet.size()];
    return prefix;
}

Error badKey() { return Error(ErrorCode::Unauthenticated, "invalid API key"); }

} // namespace

CreatedApiKey ServiceCatalog::createApiKey(const Principal& actor, const std::string& orgSlug,
                                           const std::string& serviceSlug, const NewApiKey& request) {
    const auto [org, service] = access(actor, orgSlug, serviceSlug, Role::Admin, "");
    rules::checkName(request.name, "name");
    rules::checkPermissions(request.permissions);
    if (request.expiresInDays && (*request.expiresInDays < 1 || *request.expiresInDays > 3650))
        throw Error(ErrorCode::InvalidInput, "expires_in_days must be between 1 and 3650");
    const auto now = clock_.now();
    const auto secret = crypto::randomToken(32);
    ApiKey key;
    key.id = crypto::randomId("key_");
    key.serviceId = service.id;
    key.name = request.name;
    key.permissions = request.permissions;
    key.secretHash = hasher_.hash(secret);
    if (request.expiresInDays) key.expiresAt = now + std::chrono::hours(24) * *request.expiresInDays;
    key.createdAt = now;
    for (int attempt = 0;; ++attempt) {
        key.prefix = randomPrefix();
        try {
            services_.insertApiKey(key);
            break;
        } catch (const Error& e) {
            if (e.code() != ErrorCode::Conflict || attempt == 2) throw;
        }
    }
    audit_.record(org.id, actor.actor(), "api_key.create", key.id, true);
    return {key, std::string(kKeyPrefix) + key.prefix + "_" + secret};
}

ApiKeyPage ServiceCatalog::apiKeys(const Principal& actor, const std::string& orgSlug,
                                   const std::string& serviceSlug, int limit, int offset) {
    const auto service = access(actor, orgSlug, serviceSlug, Role::Member, "").service;
    if (limit < 1 || limit > kMaxPageSize || offset < 0)
        throw Error(ErrorCode::InvalidInput, "limit must be 1-200 and offset not negative");
    return {services_.listApiKeys(service.id, limit, offset), services_.countApiKeys(service.id)};
}

ApiKey ServiceCatalog::apiKey(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug,
                              const std::string& id) {
    const auto service = access(actor, orgSlug, serviceSlug, Role::Member, "").service;
    auto key = services_.findApiKey(service.id, id);
    if (!key) throw Error(ErrorCode::NotFound, "API key not found");
    return *key;
}

void ServiceCatalog::removeApiKey(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug,
                                  const std::string& id) {
    const auto [org, service] = access(actor, orgSlug, serviceSlug, Role::Admin, "");
    if (!services_.removeApiKey(service.id, id)) throw Error(ErrorCode::NotFound, "API key not found");
    audit_.record(org.id, actor.actor(), "api_key.delete", id, true);
}

Principal ServiceCatalog::authenticateApiKey(const std::string& presented) {
    const auto headerLength = kKeyPrefix.size() + kPrefixLength + 1;
    if (presented.size() <= headerLength || presented.size() > 200 || presented.rfind(kKeyPrefix, 0) != 0 ||
        presented[headerLength - 1] != '_')
        throw badKey();
    const auto prefix = presented.substr(kKeyPrefix.size(), kPrefixLength);
    const auto secret = presented.substr(headerLength);
    const auto key = services_.findApiKeyByPrefix(prefix);
    // Unknown prefixes still pay for one HMAC, so timing does not tell them apart.
    const bool matches = hasher_.verify(secret, key ? key->secretHash : dummyHash_);
    const auto now = clock_.now();
    if (!key || !matches || (key->expiresAt && *key->expiresAt <= now)) throw badKey();
    services_.touchApiKey(key->id, now, now - kTouchInterval);
    Principal principal;
    principal.email = "api-key:" + key->prefix;
    principal.apiKeyId = key->id;
    principal.apiKeyServiceId = key->serviceId;
    principal.apiKeyPermissions = key->permissions;
    return principal;
}

} // namespace authcore
