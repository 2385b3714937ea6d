// SPDX-License-Identifier: Apache-2.0
// The user grants: authorization_code (PKCE S256, single-use codes whose replay
// revokes what the first use issued) and refresh_token (rotating families).
#include "services/code_replay.hpp"

#include <authcore/crypto/constant_time.hpp>
#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/services/sso_gate.hpp>
#include <authcore/services/token_service.hpp>

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cctype>
#include <sstream>
#include <vector>

namespace authcore {
namespace {

using Form = std::map<std::string, std::string>;

constexpr std::chrono::seconds kCodeLifetime{60};
constexpr std::chrono::seconds kRefreshLifetime{30 * 24 * 3600};

std::string formValue(const Form& form, const std::string& name) {
    auto it = form.find(name);
    return it == form.end() ? "" : it->second;
}

std::string hashHex(const std::string& value) { return crypto::hexEncode(crypto::sha256(value)); }
// Only the code's hash reaches the store: whoever reads the store (Redis dump,
// a shared node) learns nothing that can be redeemed.
std::string codeKey(const std::string& codeHash) { return "authz:code:" + codeHash; }
std::string usedKey(const std::string& codeHash) { return "authz:used:" + codeHash; }

std::vector<std::string> splitScopes(const std::string& text) {
    std::vector<std::string> scopes;
    std::istringstream in(text);
    for (std::string s; in >> s;)
        if (std::find(scopes.begin(), scopes.end(), s) == scopes.end()) scopes.push_back(s);
    return scopes;
}

std::string joinScopes(const std::vector<std::string>& scopes) {
    std::string out;
    for (const auto& s : scopes) out += (out.empty() ? "" : " ") + s;
    return out;
}

bool hasScope(const std::string& scope, const std::string& wanted) {
    const auto scopes = splitScopes(scope);
    return std::find(scopes.begin(), scopes.end(), wanted) != scopes.end();
}

/// base64url of a SHA-256 digest: 43 chars decoding to 32 bytes.
bool isS256Challenge(const std::string& challenge) {
    if (challenge.size() != 43) return false;
    const auto decoded = crypto::base64UrlDecode(challenge);
    return decoded && decoded->size() == 32;
}

/// RFC 7636 §4.1: 43..128 chars of [A-Za-z0-9-._~].
bool isVerifier(const std::string& verifier) {
    if (verifier.size() < 43 || verifier.size() > 128) return false;
    return std::all_of(verifier.begin(), verifier.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
    });
}

std::string stringify(const Poco::JSON::Object& object) {
    std::ostringstream json;
    object.stringify(json);
    return json.str();
}

Poco::JSON::Object::Ptr parseObject(const std::string& json) {
    try {
        return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
        return nullptr;
    }
}

std::string serialise(const CodeGrant& grant) {
    Poco::JSON::Object o;
    o.set("client_id", grant.clientId);
    o.set("redirect_uri", grant.redirectUri);
    o.set("code_challenge", grant.codeChallenge);
    o.set("user_id", grant.userId);
    o.set("email", grant.email);
    o.set("scope", grant.scope);
    o.set("audience", grant.audience);
    o.set("nonce", grant.nonce);
    o.set("auth_time", static_cast<Poco::Int64>(toUnix(grant.authTime)));
    return stringify(o);
}

CodeGrant deserialise(const std::string& json) {
    const auto o = parseObject(json);
    // Only we write these values; a bad one is a corrupt store entry, and the
    // code is treated as unknown.
    if (!o) throw OAuthError("invalid_grant", "the authorization code is invalid");
    CodeGrant grant;
    grant.clientId = o->optValue<std::string>("client_id", "");
    grant.redirectUri = o->optValue<std::string>("redirect_uri", "");
    grant.codeChallenge = o->optValue<std::string>("code_challenge", "");
    grant.userId = o->optValue<std::string>("user_id", "");
    grant.email = o->optValue<std::string>("email", "");
    grant.scope = o->optValue<std::string>("scope", "");
    grant.audience = o->optValue<std::string>("audience", "");
    grant.nonce = o->optValue<std::string>("nonce", "");
    grant.authTime = fromUnix(o->optValue<Poco::Int64>("auth_time", 0));
    return grant;
}

/// The code is bound to the client, the redirect_uri and the PKCE challenge.
void checkCodeBinding(const CodeGrant& grant, const Client& client, const std::string& redirectUri,
                      const std::string& verifier) {
    if (grant.clientId != client.clientId)
        throw OAuthError("invalid_grant", "the authorization code was issued to another client");
    if (grant.redirectUri != redirectUri)
        throw OAuthError("invalid_grant", "redirect_uri does not match the authorization request");
    if (!isVerifier(verifier)) throw OAuthError("invalid_grant", "code_verifier is malformed");
    // S256 only: there is no "plain" path, the stored challenge is always a digest.
    const auto computed = crypto::base64UrlEncode(crypto::sha256(verifier));
    if (!crypto::constantTimeEquals(computed, grant.codeChallenge))
        throw OAuthError("invalid_grant", "code_verifier does not match the code_challenge");
}

/// Confidential clients prove a secret; public ones send only client_id (PKCE
/// or possession of the refresh token is their proof), but a secret that is
/// sent must still be right. Unknown clients go through authenticateClient
/// so they cost the same and count against the failure limit.
Client userGrantClient(TokenService& service, ClientDirectory& directory, const Form& form,
                       const ClientCredentials& creds, const std::map<std::string, std::string>& aliases) {
    const auto canonical = [&](const std::string& id) {
        const auto alias = aliases.find(id);
        return alias == aliases.end() ? id : alias->second;
    };
    const auto formId = canonical(formValue(form, "client_id"));
    const auto basicId = canonical(creds.clientId);
    if (!basicId.empty() && !formId.empty() && formId != basicId)
        throw OAuthError("invalid_request", "client_id does not match the authenticated client");
    const ClientCredentials presented{basicId.empty() ? formId : basicId, creds.clientSecret};
    if (presented.clientId.empty()) throw OAuthError("invalid_client", "client_id is required");
    const auto client = directory.client(presented.clientId);
    if (client && client->publicClient && presented.clientSecret.empty()) return *client;
    return service.authenticateClient(presented);
}

/// Whom and what both grants mint tokens for.
struct UserSession {
    std::string userId;
    std::string clientId;
    std::string audience;
    std::string scope;        ///< of the access token (and the id_token decision)
    std::string refreshScope; ///< of the refresh token: the original grant's, never narrowed
    std::string email;
    std::string nonce;
    Timestamp authTime{};
    std::string familyId;
    /// When the family ends: set at login, kept by every rotation, so a
    /// session that keeps refreshing still ends (an absolute session limit).
    Timestamp familyExpiresAt{};
};

/// The id_token's aud: the client_id as the client named itself, which is
/// an alias (`provider:github`) for ServiceAuthCentral's console.
std::string idTokenAudience(const Form& form, const ClientCredentials& creds, const Client& client) {
    const auto presented = creds.clientId.empty() ? formValue(form, "client_id") : creds.clientId;
    return presented.empty() ? client.clientId : presented;
}

TokenResult mintUserTokens(TokenIssuer& issuer, TokenStore& store, Timestamp now, const UserSession& session,
                           const std::string& grantType, const std::string& idAudience) {
    TokenResult result;
    result.accessToken = issuer.issue(
        AccessTokenRequest{session.userId, session.audience, session.clientId, session.scope, session.email, {}});
    result.scope = session.scope;
    result.grantType = grantType;
    result.refreshToken = crypto::randomToken(32);
    RefreshToken refresh;
    refresh.idHash = hashHex(result.refreshToken);
    refresh.familyId = session.familyId;
    refresh.userId = session.userId;
    refresh.clientId = session.clientId;
    refresh.audience = session.audience;
    refresh.scope = session.refreshScope;
    refresh.email = session.email;
    if (session.authTime != Timestamp{}) refresh.authTime = session.authTime;
    refresh.createdAt = now;
    refresh.expiresAt = session.familyExpiresAt;
    store.insertRefreshToken(refresh);
    if (hasScope(session.scope, "openid"))
        result.idToken = issuer
                             .issueIdToken(IdTokenRequest{session.userId, idAudience, session.email,
                                                          session.nonce, session.authTime, {}})
                             .token;
    return result;
}

/// An extension error (RFC 6749 §8.5) that the HTTP layer answers with 403.
OAuthError ssoRequired() {
    return OAuthError("sso_required", "the user's organization requires single sign-on; log in through SSO");
}

/// The requested scope, which must be a subset of the original; the original when absent.
std::string narrowScope(const std::string& original, const Form& form) {
    const auto requested = splitScopes(formValue(form, "scope"));
    if (requested.empty()) return original;
    const auto allowed = splitScopes(original);
    for (const auto& s : requested)
        if (std::find(allowed.begin(), allowed.end(), s) == allowed.end())
            throw OAuthError("invalid_scope", "scope '" + s.substr(0, 100) + "' exceeds the original grant");
    return joinScopes(requested);
}

} // namespace

std::string TokenService::issueAuthorizationCode(const CodeGrant& grant) {
    if (!isS256Challenge(grant.codeChallenge))
        throw Error(ErrorCode::InvalidInput, "code_challenge must be a base64url SHA-256 digest (43 chars)");
    if (grant.clientId.empty() || grant.redirectUri.empty() || grant.userId.empty() || grant.audience.empty())
        throw Error(ErrorCode::InvalidInput, "an authorization code needs a client, redirect URI, user and audience");
    const auto code = crypto::randomToken(32);
    // 256 random bits: a collision means a broken CSPRNG, never a retry case.
    if (!codes_.putIfAbsent(codeKey(hashHex(code)), serialise(grant), kCodeLifetime))
        throw Error(ErrorCode::Internal, "authorization code collision");
    return code;
}

TokenResult TokenService::authorizationCode(const Form& form, const ClientCredentials& creds) {
    const auto code = formValue(form, "code");
    const auto redirectUri = formValue(form, "redirect_uri");
    const auto verifier = formValue(form, "code_verifier");
    if (code.empty() || redirectUri.empty()) throw OAuthError("invalid_request", "code and redirect_uri are required");
    if (verifier.empty()) throw OAuthError("invalid_request", "code_verifier is required");
    const auto client = userGrantClient(*this, directory_, form, creds, options_.clientAliases);

    const auto codeHash = hashHex(code);
    const auto stored = codes_.take(codeKey(codeHash)); // single use: gone whatever happens next
    if (!stored) {
        const auto family = detail::revokeReplayedCode(codes_, tokens_, usedKey(codeHash));
        if (!family.empty())
            audit_.record(client.ownerOrganizationId, client.clientId, "token.code_reuse", family, false);
        throw OAuthError("invalid_grant", "the authorization code is invalid, expired or already used");
    }
    const auto grant = deserialise(*stored);
    checkCodeBinding(grant, client, redirectUri, verifier);
    // The code may predate the enforcement: the user is checked when it is
    // redeemed too. The code is spent either way.
    if (options_.ssoGate && options_.ssoGate->ssoRequired(grant.userId)) {
        audit_.record(client.ownerOrganizationId, grant.userId, "token.sso_required", client.clientId, false);
        throw ssoRequired();
    }

    const auto now = clock_.now();
    const UserSession session{grant.userId, client.clientId, grant.audience, grant.scope, grant.scope,
                              grant.email,  grant.nonce,     grant.authTime, crypto::randomId("rtf_"),
                              now + kRefreshLifetime};
    auto result = mintUserTokens(issuer_, tokens_, now, session, "authorization_code",
                                 idTokenAudience(form, creds, client));
    detail::rememberUsedCode(codes_, usedKey(codeHash), session.familyId, result.accessToken, now);
    audit_.record(client.ownerOrganizationId, client.clientId, "token.issue.authorization_code", grant.userId, true);
    return result;
}

TokenResult TokenService::issueSessionTokens(const SessionGrant& grant) {
    const auto now = clock_.now();
    // The login's own scopes (LDAP group mapping) widen the base, never replace it.
    const auto scope = joinScopes(splitScopes("openid email profile " + grant.extraScope));
    const UserSession session{grant.userId, grant.clientId, issuer_.issuer(), scope,          scope,
                              grant.email,  "",             grant.authTime,   grant.familyId, grant.familyExpiresAt};
    return mintUserTokens(issuer_, tokens_, now, session, "session", grant.clientId);
}

TokenResult TokenService::refreshToken(const Form& form, const ClientCredentials& creds) {
    const auto presented = formValue(form, "refresh_token");
    if (presented.empty()) throw OAuthError("invalid_request", "refresh_token is required");
    const auto client = userGrantClient(*this, directory_, form, creds, options_.clientAliases);
    const auto stored = tokens_.findRefreshToken(hashHex(presented));
    const auto now = clock_.now();
    if (!stored || stored->clientId != client.clientId)
        throw OAuthError("invalid_grant", "the refresh token is invalid");
    const auto reuse = [&] {
        // A rotated token coming back means two parties hold the family: end it.
        tokens_.revokeFamily(stored->familyId);
        audit_.record(client.ownerOrganizationId, client.clientId, "token.refresh_reuse", stored->familyId, false);
        return OAuthError("invalid_grant", "the refresh token was already used; the session is revoked");
    };
    if (stored->usedAt) throw reuse();
    if (stored->revoked || stored->expiresAt <= now)
        throw OAuthError("invalid_grant", "the refresh token is expired or revoked");
    const auto scope = narrowScope(stored->scope, form); // before marking, so a bad scope burns nothing
    // Refused before marking: the token stays as it was, nothing is revoked.
    if (options_.ssoGate && options_.ssoGate->refreshRefused(stored->userId, stored->familyId)) {
        audit_.record(client.ownerOrganizationId, stored->userId, "token.sso_required", client.clientId, false);
        throw ssoRequired();
    }
    if (!tokens_.markRefreshTokenUsed(stored->idHash, now)) throw reuse();

    // Email and auth_time are the login's (OpenID Connect Core §12.2); the
    // nonce belonged to the authentication request and is not repeated.
    const UserSession session{stored->userId,  client.clientId,
                              stored->audience, scope,
                              stored->scope,    stored->email,
                              "",               stored->authTime.value_or(Timestamp{}),
                              stored->familyId, stored->expiresAt};
    auto result =
        mintUserTokens(issuer_, tokens_, now, session, "refresh_token", idTokenAudience(form, creds, client));
    audit_.record(client.ownerOrganizationId, client.clientId, "token.issue.refresh_token", stored->userId, true);
    return result;
}

} // namespace authcore
