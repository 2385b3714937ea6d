// SPDX-License-Identifier: Apache-2.0
// OidcRelyingParty: the login redirect, the pending-login state (server side
// and sealed cookie), the callback and the API callback.
#include "oidc/relying_party.hpp"

#include "app/context.hpp"
#include "app/sso_landing.hpp"

#include <authcore/crypto/constant_time.hpp>
#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/jwt.hpp>
#include <authcore/error.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cctype>
#include <sstream>

namespace authcore::appliance {
namespace {

const std::string kPendingPrefix = "oidc-sso-state:";
const std::string kUsedPrefix = "oidc-sso-state-used:";
const std::string kCookieContext = "oidc-state";

Error badState(const std::string& why) { return Error(ErrorCode::InvalidInput, "state refused: " + why); }

/// Only the provider's error code, trimmed: the rest of its text is not ours to echo.
std::string errorCodeOf(const std::string& error) {
    std::string out;
    for (const char c : error.substr(0, 64))
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') out += c;
    return out;
}

} // namespace

/// A login sent to the provider and not yet back.
struct OidcRelyingParty::Pending {
    std::string connectionId;
    UpstreamChallenge challenge;
    std::string returnUrl;
    Timestamp created{};
    std::string redirectUri; ///< sent with the authorization request; the token exchange repeats it

    std::string toJson() const {
        Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
        o.set("c", connectionId);
        o.set("s", challenge.state);
        o.set("n", challenge.nonce);
        o.set("v", challenge.codeVerifier);
        o.set("r", returnUrl);
        o.set("t", static_cast<Poco::Int64>(toUnix(created)));
        o.set("u", redirectUri);
        std::ostringstream out;
        o.stringify(out);
        return out.str();
    }
    static std::optional<Pending> fromJson(const std::string& text) {
        try {
            const auto o = Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
            Pending p;
            p.connectionId = o->getValue<std::string>("c");
            p.challenge = {o->getValue<std::string>("s"), o->getValue<std::string>("n"), o->getValue<std::string>("v")};
            p.returnUrl = o->getValue<std::string>("r");
            p.created = fromUnix(o->getValue<Poco::Int64>("t"));
            p.redirectUri = o->optValue<std::string>("u", "");
            return p;
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
};

OidcRelyingParty::OidcRelyingParty(Context& context) : context_(context) {}

OidcRelyingParty::~OidcRelyingParty() = default;

SsoConnection OidcRelyingParty::connection(const std::string& slug) {
    const auto view = context_.ssoConnections->findBySlug(slug);
    // Unknown, inactive and non-OIDC slugs look alike: tenants are not enumerable.
    if (!view || view->connection.protocol != SsoProtocol::Oidc) throw Error(ErrorCode::NotFound, "not found");
    return view->connection;
}

std::unique_ptr<UpstreamProvider> OidcRelyingParty::makeProvider(const SsoConnection& connection,
                                                                 const std::string& redirectUri) {
    UpstreamSettings settings;
    settings.type = UpstreamType::Oidc;
    settings.issuer = connection.oidc.issuerUrl;
    settings.clientId = connection.oidc.clientId;
    settings.clientSecret = context_.ssoConnections->openClientSecret(connection);
    settings.scopes = connection.oidc.scopes;                   // empty: the `oidc` preset's
    settings.tokenAuthMethod = connection.oidc.tokenAuthMethod; // empty: client_secret_basic
    settings.redirectUri = redirectUri;
    try {
        return std::make_unique<UpstreamProvider>(settings, *context_.http, *context_.jwks, context_.clock);
    } catch (const Error& e) {
        // An incomplete connection is the administrator's to fix, not the browser's fault.
        throw Error(ErrorCode::UpstreamError, std::string("the connection is not usable: ") + e.what());
    }
}

std::shared_ptr<UpstreamProvider> OidcRelyingParty::providerFor(const SsoConnection& connection) {
    std::lock_guard lock(mutex_);
    auto& slot = providers_[connection.id];
    // updatedAt has one-second resolution: the settings themselves (and the sealed
    // secret, a fresh nonce on every change) tell a change made within the same second.
    const auto stored = context_.db->ssoConnections().find(connection.id);
    const auto& s = stored ? stored->oidc : connection.oidc;
    const auto redirectUri = context_.ssoConnections->oidcRedirectUri(connection);
    const auto fingerprint = crypto::sha256(s.issuerUrl + '\n' + s.clientId + '\n' + s.sealedClientSecret + '\n' +
                                            s.scopes + '\n' + s.tokenAuthMethod + '\n' + redirectUri);
    if (!slot.second || slot.first != fingerprint) slot = {fingerprint, makeProvider(connection, redirectUri)};
    return slot.second;
}

OidcLoginStart OidcRelyingParty::start(const SsoConnection& connection, const std::optional<std::string>& returnUrl) {
    Pending pending{connection.id, UpstreamChallenge::generate(),
                    checkedReturnUrl(returnUrl, context_.config.frontendUrl()), context_.clock.now(),
                    context_.ssoConnections->oidcRedirectUri(connection)};
    const auto location = providerFor(connection)->authorizationUrl(pending.challenge);
    const auto json = pending.toJson();
    if (!context_.codes->putIfAbsent(kPendingPrefix + pending.challenge.state, json, std::chrono::seconds(kStateSeconds)))
        throw Error(ErrorCode::Internal, "state collision");
    return {location, context_.envelope->seal(json, kCookieContext)};
}

OidcRelyingParty::Pending OidcRelyingParty::takePending(const std::string& state,
                                                        const std::optional<std::string>& cookie) {
    auto& codes = *context_.codes;
    const auto stored = codes.take(kPendingPrefix + state);
    // Recorded on both paths: a cookie replayed after the server-side copy was consumed is refused.
    if (!codes.putIfAbsent(kUsedPrefix + state, "1", std::chrono::seconds(kStateSeconds)))
        throw badState("already used");
    std::optional<Pending> pending;
    if (stored) {
        pending = Pending::fromJson(*stored);
    } else if (cookie && !cookie->empty()) {
        const auto opened = context_.envelope->open(*cookie, kCookieContext);
        if (!opened) throw badState("unknown");
        pending = Pending::fromJson(*opened);
        if (pending && !crypto::constantTimeEquals(pending->challenge.state, state)) throw badState("not this browser's");
    }
    if (!pending) throw badState("unknown or expired");
    if (context_.clock.now() - pending->created >= std::chrono::seconds(kStateSeconds)) throw badState("expired");
    return std::move(*pending);
}

SsoAssertion OidcRelyingParty::redeem(const SsoConnection& connection, const Pending& pending,
                                      const std::string& code) {
    if (code.empty()) throw Error(ErrorCode::InvalidInput, "the callback has no code");
    auto provider = providerFor(connection);
    // The connection's redirect_uri changed since the login started: the
    // exchange must still name the one the provider sent the code to.
    if (!pending.redirectUri.empty() && pending.redirectUri != context_.ssoConnections->oidcRedirectUri(connection))
        provider = makeProvider(connection, pending.redirectUri);
    const auto user = provider->redeem(code, pending.challenge);
    SsoAssertion assertion;
    assertion.subject = user.subject;
    // The provider's session id: a back-channel logout may name only this session.
    assertion.sessionIndex = user.sessionId;
    const std::pair<const char*, const std::string*> claims[] = {
        {"email", &user.email}, {"name", &user.name}, {"given_name", &user.givenName}, {"family_name", &user.familyName}};
    for (const auto& [claim, value] : claims)
        if (!value->empty()) assertion.attributes[claim] = {*value};
    return assertion;
}

OidcLanding OidcRelyingParty::finish(const SsoConnection& connection, const OidcCallback& callback) {
    if (!callback.state || callback.state->empty()) throw badState("missing");
    const auto pending = takePending(*callback.state, callback.stateCookie);
    if (pending.connectionId != connection.id) throw badState("issued for another connection");
    if (callback.error)
        throw Error(ErrorCode::Unauthenticated, "the identity provider refused the sign-in: " + errorCodeOf(*callback.error));
    const auto assertion = redeem(connection, pending, callback.code.value_or(""));
    auto outcome = context_.ssoLogin->login(connection, assertion);
    auto location = landingLocation(pending.returnUrl, outcome);
    return {std::move(outcome), std::move(location)};
}

OidcIdentity OidcRelyingParty::resolve(const std::string& code, const std::string& state) {
    if (state.empty()) throw badState("missing");
    const auto pending = takePending(state, std::nullopt);
    const auto stored = context_.db->ssoConnections().find(pending.connectionId);
    const auto view = stored ? context_.ssoConnections->findBySlug(stored->slug) : std::nullopt;
    if (!view || view->connection.id != pending.connectionId || view->connection.protocol != SsoProtocol::Oidc)
        throw badState("names no active OIDC connection");
    const auto assertion = redeem(view->connection, pending, code);
    return {context_.ssoLogin->resolve(view->connection, assertion), assertion.subject, view->connection.id};
}

OidcTestResult OidcRelyingParty::test(const SsoConnection& connection) {
    try {
        // A provider of its own: the test reads discovery afresh, not a cached copy.
        const auto where = makeProvider(connection, context_.ssoConnections->oidcRedirectUri(connection))->endpoints();
        if (where.jwks.empty()) return {false, "the discovery document of " + where.issuer + " names no jwks_uri"};
        OutboundRequest request;
        request.url = where.jwks;
        request.headers.emplace_back("Accept", "application/json");
        const auto answer = context_.http->send(request);
        if (answer.status != 200)
            return {false, "the JWKS at " + where.jwks + " answered HTTP " + std::to_string(answer.status)};
        const auto keys = crypto::KeySet::fromJwks(answer.body);
        if (!keys) return {false, "the JWKS at " + where.jwks + " is malformed: " + keys.error().reason};
        if (keys->size() == 0) return {false, "the JWKS at " + where.jwks + " has no usable signing key"};
        return {true, "discovery of " + where.issuer + " read: " + std::to_string(keys->size()) +
                          " usable signing key(s), sign-in at " + where.authorization};
    } catch (const Error& e) {
        return {false, e.what()};
    }
}

} // namespace authcore::appliance
