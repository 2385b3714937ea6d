// SPDX-License-Identifier: Apache-2.0
// TokenService: the token endpoint's grants, introspection and revocation.
#pragma once

#include <authcore/crypto/secret_hasher.hpp>
#include <authcore/ephemeral/code_store.hpp>
#include <authcore/services/audit_log.hpp>
#include <authcore/services/client_directory.hpp>
#include <authcore/services/jwks_cache.hpp>
#include <authcore/services/rate_limiter.hpp>
#include <authcore/services/token_issuer.hpp>
#include <authcore/store/client_store.hpp>
#include <authcore/store/token_store.hpp>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace authcore {

class SsoGate;

/// An RFC 6749 §5.2 error (`invalid_client`, `invalid_grant`, ...). The HTTP
/// layer answers 401 for invalid_client, 403 for the extension error
/// `sso_required` (RFC 6749 §8.5), 429 when retryAfter is set, else 400.
class OAuthError : public std::runtime_error {
public:
    OAuthError(std::string code, const std::string& description)
        : std::runtime_error(description), code_(std::move(code)) {}
    const std::string& code() const { return code_; }
    int retryAfter = 0;

private:
    std::string code_;
};

/// Credentials a client presented (HTTP Basic or form fields).
struct ClientCredentials {
    std::string clientId;
    std::string clientSecret;
};

struct TokenResult {
    IssuedToken accessToken;
    std::string scope;
    std::string grantType;
    std::string refreshToken; ///< user grants only; empty otherwise
    std::string idToken;      ///< when the granted scope contains `openid`
};

/// What a user consented to at /login, bound into a single-use authorization code.
struct CodeGrant {
    std::string clientId;
    std::string redirectUri;   ///< must be sent again, identical, at the token endpoint
    std::string codeChallenge; ///< PKCE S256: base64url(SHA-256(code_verifier))
    std::string userId;
    std::string email;
    std::string scope;    ///< space-separated
    std::string audience; ///< the access token's aud: the client id, or public_url for the console
    std::string nonce;    ///< echoed in the id_token when non-empty
    Timestamp authTime{};
};

/// A user session opened outside the token endpoint (an SSO login), whose
/// tokens are for the management plane.
struct SessionGrant {
    std::string userId;
    std::string email;
    std::string familyId;        ///< the refresh family: ending it ends the session's tokens
    Timestamp familyExpiresAt{}; ///< the refresh tokens' absolute end, kept by every rotation
    Timestamp authTime{};
    std::string clientId = "authcore-console"; ///< a public client: its refresh grant needs no secret
    std::string extraScope; ///< space-separated scopes the login granted, added to the base scope
};

struct TokenServiceOptions {
    RateLimit clientFailures{20, std::chrono::seconds{60}}; ///< failed authentications per client id
    std::chrono::seconds maxAssertionLifetime{3600};        ///< jwt-bearer: exp - iat (or now) at most this
    /// Other names of a client in the user grants (`provider:github` for the
    /// console client, the id ServiceAuthCentral's console sends).
    std::map<std::string, std::string> clientAliases;
    /// SSO enforcement of the user grants; null: none (no organizations to enforce for).
    SsoGate* ssoGate = nullptr;
};

class TokenService {
public:
    TokenService(ClientDirectory& directory, ClientStore& clients, TokenStore& tokens, TokenIssuer& issuer,
                 JwksCache& jwks, CodeStore& codes, RateLimiter& limiter, const crypto::SecretHasher& hasher,
                 AuditLog& audit, const Clock& clock, TokenServiceOptions options = {});

    /// A 256-bit single-use code for `grant`, valid 60 s (kept in the CodeStore).
    std::string issueAuthorizationCode(const CodeGrant& grant);
    /// For `grant`'s user: an access token with aud = the issuer (public_url),
    /// client = grant.clientId, scope `openid email profile` followed by
    /// grant.extraScope (duplicates dropped), and a refresh token in
    /// grant.familyId with that scope, ending at grant.familyExpiresAt.
    /// Throws Error (StoreUnavailable) from the store.
    TokenResult issueSessionTokens(const SessionGrant& grant);
    /// Dispatches on `grant_type` of the form fields; throws OAuthError.
    /// The user grants throw OAuthError(sso_required) for a user who must
    /// sign in through SSO, except on refresh families born from SSO logins.
    TokenResult token(const std::map<std::string, std::string>& form, const ClientCredentials& credentials);
    /// The client, if the credentials match either secret slot; else OAuthError(invalid_client).
    Client authenticateClient(const ClientCredentials& credentials);

    /// RFC 7662 for a client authenticated by `credentials`: the claims JSON
    /// with "active": true, or {"active": false}. Only the token's audience or
    /// its own client may introspect it.
    std::string introspect(const ClientCredentials& credentials, const std::string& token);
    /// RFC 7009: revokes an access token of this client (by jti, until it
    /// expires) or the family of one of its refresh tokens. Unknown tokens are
    /// not an error.
    void revoke(const ClientCredentials& credentials, const std::string& token);

private:
    TokenResult clientCredentials(const std::map<std::string, std::string>& form, const ClientCredentials& creds);
    TokenResult jwtBearer(const std::map<std::string, std::string>& form, const ClientCredentials& creds);
    TokenResult authorizationCode(const std::map<std::string, std::string>& form, const ClientCredentials& creds);
    TokenResult refreshToken(const std::map<std::string, std::string>& form, const ClientCredentials& creds);
    TokenResult issueFor(const Client& client, const std::string& audience, const std::optional<std::string>& scope,
                         const std::string& grantType);
    JwtBearer matchBearer(const Client& client, const std::string& assertion);

    ClientDirectory& directory_;
    ClientStore& clients_;
    TokenStore& tokens_;
    TokenIssuer& issuer_;
    JwksCache& jwks_;
    CodeStore& codes_;
    RateLimiter& limiter_;
    const crypto::SecretHasher& hasher_;
    AuditLog& audit_;
    const Clock& clock_;
    TokenServiceOptions options_;
    std::string dummyHash_;
};

} // namespace authcore
