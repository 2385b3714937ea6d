// SPDX-License-Identifier: Apache-2.0
// TokenIssuer: mints and verifies our RFC 9068 access tokens.
#pragma once

#include <authcore/crypto/jwt.hpp>
#include <authcore/result.hpp>
#include <authcore/services/key_ring.hpp>
#include <authcore/time.hpp>
#include <chrono>
#include <string>

namespace authcore {

struct AccessTokenRequest {
    std::string subject;  ///< user id or client id
    std::string audience; ///< public_url for the management plane, else a client id
    std::string clientId;
    std::string scope; ///< space-separated; may be empty
    std::string email; ///< user tokens only
    std::chrono::seconds lifetime{0}; ///< 0: the issuer's default
};

/// An OpenID Connect id_token (typ "JWT") for a user signed in through a client.
struct IdTokenRequest {
    std::string subject;  ///< the user id
    std::string audience; ///< the client id
    std::string email;    ///< omitted when empty
    std::string nonce;    ///< echoed only when non-empty
    Timestamp authTime{}; ///< when the user authenticated; omitted when unset (epoch)
    std::chrono::seconds lifetime{0}; ///< 0: the issuer's default
};

struct IssuedToken {
    std::string token;
    std::string jti;
    std::chrono::seconds expiresIn{0};
};

class TokenIssuer {
public:
    TokenIssuer(KeyRing& keys, const Clock& clock, std::string issuer, std::chrono::seconds defaultLifetime);
    IssuedToken issue(const AccessTokenRequest& request);
    /// Signs an id_token with the active key (iss, sub, aud, exp, iat, auth_time, email, nonce).
    IssuedToken issueIdToken(const IdTokenRequest& request);
    /// Verifies signature, typ at+jwt, exp/nbf/iat (60 s skew), iss and aud.
    Result<crypto::Claims> verify(std::string_view token, const std::string& audience);
    const std::string& issuer() const { return issuer_; }

private:
    KeyRing& keys_;
    const Clock& clock_;
    std::string issuer_;
    std::chrono::seconds defaultLifetime_;
};

} // namespace authcore
