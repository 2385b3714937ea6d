// SPDX-License-Identifier: Apache-2.0
// OpenID Connect Back-Channel Logout 1.0 §2.6: the checks of a logout token
// that the provider sends us, on top of the ID token's JWT verification.
#include <authcore/crypto/jwt.hpp>
#include <authcore/error.hpp>
#include <authcore/services/upstream_provider.hpp>

#include "services/upstream_http.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

namespace authcore {
namespace {

const std::string kLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

Error refused(const std::string& why) { return Error(ErrorCode::InvalidInput, "logout token refused: " + why); }

/// §2.4: `events` is a JSON object whose back-channel logout member is a JSON object.
bool namesLogoutEvent(const std::string& claimsJson) {
    try {
        const auto claims = Poco::JSON::Parser().parse(claimsJson).extract<Poco::JSON::Object::Ptr>();
        const auto events = claims ? claims->getObject("events") : nullptr;
        return events && events->getObject(kLogoutEvent);
    } catch (const std::exception&) {
        return false;
    }
}

} // namespace

LogoutToken UpstreamProvider::verifyLogoutToken(const std::string& token, std::chrono::seconds maxAge) {
    const auto where = endpoints();
    const auto keys = upstream::keysForToken(jwks_, where.jwks, token);
    auto verify = upstream::verifyOptions(clock_.now(), where.issuer, settings_.clientId);
    verify.requireExp = false; // §2.4 makes exp optional; checked when present
    const auto claims = crypto::verifyJwt(token, keys, verify);
    if (!claims) throw refused(std::string(errcName(claims.error().code)));
    const auto iat = claims->integer("iat");
    if (!iat) throw refused("no iat");
    // Older tokens are refused so that the jti memory (kept this long) covers
    // every token that could still be accepted.
    if (fromUnix(*iat) + maxAge < verify.now) throw refused("issued too long ago");
    LogoutToken logout{claims->string("sub").value_or(""), claims->string("sid").value_or(""),
                       claims->string("jti").value_or(""), fromUnix(*iat)};
    if (logout.jti.empty()) throw refused("no jti");
    if (!namesLogoutEvent(claims->json())) throw refused("no back-channel logout event");
    if (logout.subject.empty() && logout.sessionId.empty()) throw refused("neither sub nor sid");
    // §2.6: a nonce marks an ID token presented as a logout token.
    if (claims->has("nonce")) throw refused("a nonce is present");
    return logout;
}

} // namespace authcore
