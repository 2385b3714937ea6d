// SPDX-License-Identifier: Apache-2.0
// RFC 9068 JWT access tokens signed by the key ring's current key.
#include <authcore/crypto/random.hpp>
#include <authcore/services/token_issuer.hpp>

#include <Poco/JSON/Object.h>
#include <sstream>

namespace authcore {

TokenIssuer::TokenIssuer(KeyRing& keys, const Clock& clock, std::string issuer, std::chrono::seconds defaultLifetime)
    : keys_(keys), clock_(clock), issuer_(std::move(issuer)), defaultLifetime_(defaultLifetime) {}

IssuedToken TokenIssuer::issue(const AccessTokenRequest& request) {
    const auto now = clock_.now();
    const auto lifetime = request.lifetime.count() > 0 ? request.lifetime : defaultLifetime_;
    IssuedToken issued;
    issued.jti = crypto::randomToken(16);
    issued.expiresIn = lifetime;

    Poco::JSON::Object claims;
    claims.set("iss", issuer_);
    claims.set("sub", request.subject);
    claims.set("aud", request.audience);
    claims.set("exp", static_cast<Poco::Int64>(toUnix(now + lifetime)));
    claims.set("iat", static_cast<Poco::Int64>(toUnix(now)));
    claims.set("jti", issued.jti);
    claims.set("client_id", request.clientId);
    claims.set("scope", request.scope);
    if (!request.email.empty()) claims.set("email", request.email);
    std::ostringstream json;
    claims.stringify(json);

    const auto active = keys_.active();
    issued.token = crypto::signJwt(active.key, active.kid, "at+jwt", json.str());
    return issued;
}

IssuedToken TokenIssuer::issueIdToken(const IdTokenRequest& request) {
    const auto now = clock_.now();
    const auto lifetime = request.lifetime.count() > 0 ? request.lifetime : defaultLifetime_;
    Poco::JSON::Object claims;
    claims.set("iss", issuer_);
    claims.set("sub", request.subject);
    claims.set("aud", request.audience);
    claims.set("exp", static_cast<Poco::Int64>(toUnix(now + lifetime)));
    claims.set("iat", static_cast<Poco::Int64>(toUnix(now)));
    // auth_time must be the original authentication; when unknown it is left
    // out rather than replaced by the issue time.
    if (request.authTime != Timestamp{}) claims.set("auth_time", static_cast<Poco::Int64>(toUnix(request.authTime)));
    if (!request.email.empty()) claims.set("email", request.email);
    if (!request.nonce.empty()) claims.set("nonce", request.nonce);
    std::ostringstream json;
    claims.stringify(json);

    const auto active = keys_.active();
    IssuedToken issued;
    issued.expiresIn = lifetime;
    issued.token = crypto::signJwt(active.key, active.kid, "JWT", json.str());
    return issued;
}

Result<crypto::Claims> TokenIssuer::verify(std::string_view token, const std::string& audience) {
    crypto::VerifyOptions options;
    options.now = clock_.now();
    options.issuer = issuer_;
    options.audience = audience;
    options.type = "at+jwt";
    return crypto::verifyJwt(token, keys_.verificationKeys(), options);
}

} // namespace authcore
