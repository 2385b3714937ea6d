// SPDX-License-Identifier: Apache-2.0
// Token endpoint: client authentication and the client_credentials grant.
// The hot path reads only the ClientDirectory cache and writes only the
// buffered audit log.
#include <authcore/crypto/constant_time.hpp>
#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/services/token_service.hpp>

#include <algorithm>
#include <sstream>

namespace authcore {
namespace {

std::vector<std::string> splitScopes(const std::string& text) {
    std::vector<std::string> scopes;
    std::istringstream in(text);
    for (std::string s; in >> s;) scopes.push_back(s);
    return scopes;
}

std::string joinScopes(const std::vector<std::string>& scopes) {
    std::string out;
    for (const auto& s : scopes) out += (out.empty() ? "" : " ") + s;
    return out;
}

std::string field(const std::map<std::string, std::string>& form, const std::string& name) {
    auto it = form.find(name);
    return it == form.end() ? "" : it->second;
}

} // namespace

TokenService::TokenService(ClientDirectory& directory, ClientStore& clients, TokenStore& tokens, TokenIssuer& issuer,
                           JwksCache& jwks, CodeStore& codes, RateLimiter& limiter, const crypto::SecretHasher& hasher,
                           AuditLog& audit, const Clock& clock, TokenServiceOptions options)
    : directory_(directory), clients_(clients), tokens_(tokens), issuer_(issuer), jwks_(jwks), codes_(codes),
      limiter_(limiter), hasher_(hasher), audit_(audit), clock_(clock), options_(options),
      dummyHash_(hasher.hash(crypto::randomToken(32))) {}

Client TokenService::authenticateClient(const ClientCredentials& credentials) {
    if (credentials.clientId.empty()) throw OAuthError("invalid_client", "client authentication is required");
    const auto client = directory_.client(credentials.clientId);
    const auto presented = hasher_.hash(credentials.clientSecret);
    // Both slots are always compared, and unknown clients against a dummy, so
    // timing tells nothing about which slot or client exists.
    const auto& slot1 = client && client->secret1.isSet() ? client->secret1.hash : dummyHash_;
    const auto& slot2 = client && client->secret2.isSet() ? client->secret2.hash : dummyHash_;
    const bool first = crypto::constantTimeEquals(presented, slot1);
    const bool second = crypto::constantTimeEquals(presented, slot2);
    const bool ok = client && !credentials.clientSecret.empty() &&
                    ((first && client->secret1.isSet()) || (second && client->secret2.isSet()));
    if (ok) return *client;
    audit_.record("", credentials.clientId, "token.client_auth", credentials.clientId, false);
    try {
        limiter_.hit("token:fail:" + credentials.clientId, options_.clientFailures);
    } catch (const Error& e) {
        OAuthError limited("invalid_client", "too many failed client authentications; retry later");
        limited.retryAfter = e.retryAfterSeconds();
        throw limited;
    }
    throw OAuthError("invalid_client", "client authentication failed");
}

TokenResult TokenService::token(const std::map<std::string, std::string>& form, const ClientCredentials& credentials) {
    const auto grantType = field(form, "grant_type");
    if (grantType.empty()) throw OAuthError("invalid_request", "grant_type is required");
    if (grantType == "client_credentials") return clientCredentials(form, credentials);
    if (grantType == "urn:ietf:params:oauth:grant-type:jwt-bearer") return jwtBearer(form, credentials);
    if (grantType == "authorization_code") return authorizationCode(form, credentials);
    if (grantType == "refresh_token") return refreshToken(form, credentials);
    throw OAuthError("unsupported_grant_type", "grant_type " + grantType.substr(0, 100) + " is not supported");
}

TokenResult TokenService::clientCredentials(const std::map<std::string, std::string>& form,
                                            const ClientCredentials& credentials) {
    const auto client = authenticateClient(credentials);
    if (client.type == ClientType::User)
        throw OAuthError("unauthorized_client", "user clients cannot use client_credentials");
    const auto audience = field(form, "audience");
    if (audience.empty()) throw OAuthError("invalid_request", "audience is required");
    std::optional<std::string> scope;
    if (form.count("scope")) scope = field(form, "scope");
    return issueFor(client, audience, scope, "client_credentials");
}

TokenResult TokenService::issueFor(const Client& client, const std::string& audience,
                                   const std::optional<std::string>& scope, const std::string& grantType) {
    const auto authorization = directory_.authorization(client.clientId, audience);
    if (!authorization) throw OAuthError("invalid_grant", "the client is not authorized for this audience");
    auto granted = authorization->scopes;
    if (scope && !splitScopes(*scope).empty()) {
        granted = splitScopes(*scope);
        for (const auto& s : granted)
            if (std::find(authorization->scopes.begin(), authorization->scopes.end(), s) == authorization->scopes.end())
                throw OAuthError("invalid_scope", "scope '" + s.substr(0, 100) + "' is not authorized");
        std::sort(granted.begin(), granted.end());
        granted.erase(std::unique(granted.begin(), granted.end()), granted.end());
    }
    AccessTokenRequest request;
    request.subject = client.clientId;
    request.audience = audience;
    request.clientId = client.clientId;
    request.scope = joinScopes(granted);
    TokenResult result{issuer_.issue(request), request.scope, grantType, {}, {}};
    audit_.record(client.ownerOrganizationId, client.clientId, "token.issue." + grantType, audience, true);
    return result;
}

} // namespace authcore
