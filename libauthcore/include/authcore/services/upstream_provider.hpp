// SPDX-License-Identifier: Apache-2.0
// UpstreamProvider: the identity provider /login sends people to (GitHub,
// Google, Microsoft or any OpenID Provider), spoken to as an OAuth client.
#pragma once

#include <authcore/services/http_client.hpp>
#include <authcore/services/jwks_cache.hpp>
#include <authcore/time.hpp>

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace authcore {

enum class UpstreamType { GitHub, Google, Microsoft, Oidc };

/// `github`, `google`, `microsoft`, `oidc`; nullopt for anything else.
std::optional<UpstreamType> parseUpstreamType(std::string_view text) noexcept;

/// `login.upstream.*`. Empty endpoint fields take the preset's value (or,
/// for `oidc`, the issuer's discovery document).
struct UpstreamSettings {
    UpstreamType type = UpstreamType::Oidc;
    std::string clientId;
    std::string clientSecret;
    std::string scopes;          ///< space-separated; empty: the preset's
    std::string issuer;          ///< required for `oidc`; the id_token's `iss`
    std::string tokenAuthMethod; ///< client_secret_basic | client_secret_post; empty: the preset's
    std::string authorizationEndpoint;
    std::string tokenEndpoint;
    std::string userinfoEndpoint;
    std::string jwksUri;
    std::string redirectUri; ///< our /login/callback, registered at the provider
};

/// The person an upstream login authenticated.
struct UpstreamUser {
    std::string provider; ///< ExternalIdentity::provider
    std::string subject;
    std::string email;
    bool emailVerified = false;
    std::string name;
    std::string givenName;  ///< OpenID `given_name`; empty when not sent
    std::string familyName; ///< OpenID `family_name`; empty when not sent
    std::string sessionId;  ///< OpenID `sid` of the provider's session; empty when not sent
};

/// A verified OpenID Connect Back-Channel Logout token (§2.4): at least one
/// of subject and sessionId is set.
struct LogoutToken {
    std::string subject;   ///< `sub`; may be empty
    std::string sessionId; ///< `sid`; may be empty
    std::string jti;
    Timestamp issuedAt{};
};

/// The per-login values sent upstream and checked on the way back.
struct UpstreamChallenge {
    std::string state;        ///< 128-bit random
    std::string nonce;        ///< 128-bit random (OpenID providers)
    std::string codeVerifier; ///< PKCE S256
    static UpstreamChallenge generate();
};

class UpstreamProvider {
public:
    /// Throws Error(InvalidInput) when the settings are incomplete (no client
    /// id, `oidc` without issuer, an unknown token_auth_method).
    UpstreamProvider(UpstreamSettings settings, HttpClient& http, JwksCache& jwks, const Clock& clock);

    /// Where the browser goes: the authorization endpoint with client_id,
    /// redirect_uri, scope, state, nonce and the PKCE challenge. For `oidc`
    /// the first call fetches the discovery document (Error(UpstreamError)
    /// when it cannot).
    std::string authorizationUrl(const UpstreamChallenge& challenge);

    /// Redeems the provider's code and reads who signed in. Error(UpstreamError)
    /// when the exchange or a user lookup fails; Error(Unauthenticated) when
    /// the id_token is invalid (signature, iss, aud, exp, nonce).
    UpstreamUser redeem(const std::string& code, const UpstreamChallenge& challenge);

    /// Verifies an OpenID Connect Back-Channel Logout token (§2.6): signed by
    /// the provider's JWKS key (algorithm from the key), `iss` the issuer,
    /// `aud` containing the client id, `iat` present, not in the future and
    /// at most `maxAge` old, `exp` when present, `jti` present, `events`
    /// naming the back-channel logout event, `sub` or `sid`, no `nonce`.
    /// Error(InvalidInput) when the token is refused (the caller remembers
    /// the jti); Error(UpstreamError) when the JWKS cannot be fetched.
    LogoutToken verifyLogoutToken(const std::string& token, std::chrono::seconds maxAge);

    /// ExternalIdentity::provider for users of this provider.
    std::string providerKey() const;
    UpstreamType type() const { return settings_.type; }

    /// The endpoints in use, after presets and discovery.
    struct Endpoints {
        std::string authorization, token, userinfo, jwks, issuer;
    };
    /// The endpoints, discovering them on first use (Error(UpstreamError) when
    /// discovery fails or names another issuer; a failure is not cached).
    Endpoints endpoints();

private:
    std::string exchangeCode(const std::string& code, const UpstreamChallenge& challenge, std::string& idToken);
    UpstreamUser openIdUser(const std::string& idToken, const std::string& accessToken,
                            const UpstreamChallenge& challenge);
    UpstreamUser gitHubUser(const std::string& accessToken);
    void addUserinfo(UpstreamUser& user, const std::string& accessToken);

    UpstreamSettings settings_;
    HttpClient& http_;
    JwksCache& jwks_;
    const Clock& clock_;
    std::mutex mutex_;
    std::optional<Endpoints> resolved_;
};

} // namespace authcore
