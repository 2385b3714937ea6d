// SPDX-License-Identifier: Apache-2.0
// The tunable options of an SSO connection: session lifetime, the OIDC scopes
// and token endpoint authentication, and the LDAP timeout.
#include "services/sso_rules.hpp"

#include <authcore/error.hpp>

#include <algorithm>
#include <sstream>

namespace authcore::rules {
namespace {

constexpr long long kMinSessionSeconds = 300;
constexpr long long kMaxSessionSeconds = 30LL * 24 * 3600;
constexpr long long kMinLdapTimeoutMs = 100;
constexpr long long kMaxLdapTimeoutMs = 60000;
constexpr std::size_t kMaxScopesBytes = 1024;

[[noreturn]] void invalid(const std::string& message) { throw Error(ErrorCode::InvalidInput, message); }

std::vector<std::string> spaceSeparated(const std::string& text) {
    std::vector<std::string> tokens;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = std::min(text.find(' ', start), text.size());
        if (end > start) tokens.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return tokens;
}

void checkScopes(const std::string& scopes) {
    const auto tokens = spaceSeparated(scopes);
    if (scopes.size() > kMaxScopesBytes) invalid("scopes must be at most 1024 bytes");
    for (const auto& token : tokens)
        if (!isScopeToken(token))
            invalid("scopes: '" + token.substr(0, 100) +
                    "' is not an RFC 6749 scope token (printable ASCII without '\"' and '\\'), or the "
                    "separator is not a space");
    if (std::find(tokens.begin(), tokens.end(), "openid") == tokens.end())
        invalid("scopes must contain openid (space-separated, e.g. \"openid email profile\")");
}

void checkTokenAuthMethod(const std::string& method) {
    if (method != "client_secret_basic" && method != "client_secret_post")
        invalid("token_auth_method must be client_secret_basic or client_secret_post");
}

} // namespace

bool isScopeToken(const std::string& token) {
    return !token.empty() && std::all_of(token.begin(), token.end(), [](unsigned char c) {
        return c >= 0x21 && c <= 0x7e && c != '"' && c != '\\';
    });
}

void checkSessionLifetime(long long seconds) {
    if (seconds < kMinSessionSeconds || seconds > kMaxSessionSeconds)
        invalid("session_lifetime_seconds must be an integer from 300 to 2592000 (30 days)");
}

void checkOptionSettings(const SsoSettingsInput& s) {
    if (s.scopes) checkScopes(*s.scopes);
    if (s.tokenAuthMethod) checkTokenAuthMethod(*s.tokenAuthMethod);
    if (s.ldapTimeoutMs && (*s.ldapTimeoutMs < kMinLdapTimeoutMs || *s.ldapTimeoutMs > kMaxLdapTimeoutMs))
        invalid("ldap_timeout_ms must be an integer from 100 to 60000");
}

void fillOptionDefaults(SsoConnection& c) {
    if (c.sessionTtlSeconds <= 0) c.sessionTtlSeconds = kDefaultSsoSessionTtlSeconds;
    if (c.protocol == SsoProtocol::Oidc && c.oidc.scopes.empty()) c.oidc.scopes = kDefaultOidcScopes;
    if (c.protocol == SsoProtocol::Oidc && c.oidc.tokenAuthMethod.empty()) c.oidc.tokenAuthMethod = kDefaultTokenAuthMethod;
    if (c.protocol == SsoProtocol::Ldap && c.ldap.timeoutMs <= 0) c.ldap.timeoutMs = kDefaultLdapTimeoutMs;
}

std::string normalizedSpaceList(const std::string& scopes) {
    std::vector<std::string> kept;
    for (auto& token : spaceSeparated(scopes))
        if (std::find(kept.begin(), kept.end(), token) == kept.end()) kept.push_back(std::move(token));
    std::string out;
    for (const auto& token : kept) out += (out.empty() ? "" : " ") + token;
    return out;
}

} // namespace authcore::rules
