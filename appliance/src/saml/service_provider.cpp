// SPDX-License-Identifier: Apache-2.0
// SamlServiceProvider: SP-initiated SSO, the ACS, the API callback and SLO.
#include "saml/service_provider.hpp"

#include "app/context.hpp"
#include "app/sso_landing.hpp"
#include "http/exchange.hpp"

#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/saml/authn_request_builder.hpp>
#include <authcore/saml/bindings.hpp>
#include <authcore/saml/logout.hpp>
#include <authcore/saml/post_binding.hpp>
#include <authcore/saml/redirect_binding.hpp>
#include <authcore/saml/relay_state.hpp>
#include <authcore/saml/response_validator.hpp>
#include <authcore/saml/sp_metadata.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace authcore::appliance {
namespace {

using SystemTime = std::chrono::system_clock::time_point;

constexpr std::chrono::seconds kRequestLifetime{600};
constexpr std::chrono::seconds kClockSkew{60};
const std::string kRequestPrefix = "saml-sp-request:";
const std::string kAssertionPrefix = "saml-sp-assertion:";

SystemTime systemTime(Timestamp t) { return SystemTime(t.time_since_epoch()); }

Timestamp timestampOf(SystemTime t) { return std::chrono::floor<std::chrono::seconds>(t); }

Error refused(const char* what, const saml::Error& error) {
    return Error(ErrorCode::InvalidInput,
                 std::string(what) + " refused: " + std::string(saml::errcName(error.code)) + ": " + error.message);
}

/// Keeps `key` in the CodeStore until `expiresAt` (at least a second); false when it was there.
bool rememberUntil(CodeStore& codes, const std::string& key, SystemTime expiresAt, Timestamp now) {
    const auto left = std::chrono::duration_cast<std::chrono::seconds>(expiresAt - systemTime(now)) + kClockSkew;
    return codes.putIfAbsent(key, "1", std::max(left, std::chrono::seconds(1)));
}

SsoAssertion ssoAssertionOf(const saml::Assertion& assertion) {
    SsoAssertion out;
    out.subject = assertion.nameId;
    out.subjectIsEmail = assertion.nameIdFormat == saml::nameIdFormatUri(saml::NameIdFormat::EmailAddress);
    for (const auto& [name, values] : assertion.attributes) {
        auto& kept = out.attributes[name];
        kept.insert(kept.end(), values.begin(), values.end());
    }
    out.sessionIndex = assertion.sessionIndex.value_or("");
    if (assertion.sessionNotOnOrAfter) out.notOnOrAfter = timestampOf(*assertion.sessionNotOnOrAfter);
    return out;
}

} // namespace

/// What our RelayState carries: the connection the request was for and where to land.
struct SamlServiceProvider::Relay {
    std::string connectionId;
    std::string returnUrl;
};

SamlServiceProvider::SamlServiceProvider(Context& context)
    : context_(context), metadata_(*context.http, context.clock),
      credentials_(context.db->ssoConnections(), *context.envelope, context.clock,
                   context.config.getInt("saml.certificate_validity_days")) {}

SamlServiceProvider::~SamlServiceProvider() = default;

SamlSpRuntime SamlServiceProvider::runtimeOf(const SsoConnection& connection) const {
    SamlSpRuntime runtime;
    runtime.connection = connection;
    runtime.entityId = connection.saml.spEntityId;
    runtime.acsUrl = connection.saml.acsUrl;
    runtime.sloUrl = context_.config.publicUrl() + "/auth/sso/" + connection.slug + "/saml/slo";
    return runtime;
}

SamlSpRuntime SamlServiceProvider::runtime(const std::string& slug) {
    const auto view = context_.ssoConnections->findBySlug(slug);
    // Unknown, inactive and non-SAML slugs look alike: tenants are not enumerable.
    if (!view || view->connection.protocol != SsoProtocol::Saml) throw Error(ErrorCode::NotFound, "not found");
    return runtimeOf(view->connection);
}

std::string SamlServiceProvider::metadata(const SamlSpRuntime& runtime) {
    saml::SpMetadataSpec spec;
    spec.entityId = runtime.entityId;
    spec.acsUrl = runtime.acsUrl;
    spec.sloUrl = runtime.sloUrl;
    spec.signingCertificates.push_back(credentials_.forConnection(runtime.connection).certificate());
    spec.nameIdFormats = {saml::NameIdFormat::EmailAddress, saml::NameIdFormat::Persistent,
                          saml::NameIdFormat::Unspecified};
    auto xml = saml::buildSpMetadata(spec);
    if (!xml) throw Error(ErrorCode::Internal, "SP metadata failed: " + xml.error().message);
    return std::move(*xml);
}

std::string SamlServiceProvider::loginRedirect(const SamlSpRuntime& runtime,
                                               const std::optional<std::string>& returnUrl) {
    const auto landing = checkedReturnUrl(returnUrl, context_.config.frontendUrl());
    std::shared_ptr<const saml::IdpDescriptor> idp;
    try {
        idp = metadata_.descriptor(runtime.connection);
    } catch (const Error& e) {
        // The administrator's metadata, not the browser's request, is at fault.
        throw Error(ErrorCode::UpstreamError, std::string("the identity provider cannot be reached: ") + e.what());
    }
    const auto destination = idp->ssoLocation(saml::kBindingHttpRedirect);
    if (!destination)
        throw Error(ErrorCode::UpstreamError, "the identity provider's metadata has no HTTP-Redirect sign-in endpoint");

    saml::AuthnRequestSpec spec;
    spec.issuer = runtime.entityId;
    spec.destination = *destination;
    spec.acsUrl = runtime.acsUrl;
    spec.now = systemTime(context_.clock.now());
    auto request = saml::buildAuthnRequest(spec);
    if (!request) throw Error(ErrorCode::Internal, "AuthnRequest failed: " + request.error().message);
    if (!context_.codes->putIfAbsent(kRequestPrefix + runtime.connection.id + ":" + request->id, "1", kRequestLifetime))
        throw Error(ErrorCode::Internal, "AuthnRequest ID collision");

    Poco::JSON::Object payload(Poco::JSON_PRESERVE_KEY_ORDER);
    payload.set("c", runtime.connection.id);
    payload.set("r", landing);
    payload.set("n", crypto::randomToken(12));
    std::ostringstream json;
    payload.stringify(json);
    auto relay = saml::signRelayState(json.str(), context_.ssoRelayKey);
    if (!relay) throw refused("RelayState", relay.error()); // only a return_url too long to carry
    const auto credential = credentials_.forConnection(runtime.connection);
    auto url = saml::encodeRedirect(*destination, "SAMLRequest", request->xml, *relay, &credential);
    if (!url) throw Error(ErrorCode::Internal, "AuthnRequest encoding failed: " + url.error().message);
    return std::move(*url);
}

SamlServiceProvider::Relay SamlServiceProvider::readRelayState(const std::optional<std::string>& relayState) {
    if (!relayState || relayState->empty())
        throw Error(ErrorCode::InvalidInput, "RelayState is missing (IdP-initiated sign-in is not accepted)");
    auto payload = saml::verifyRelayState(*relayState, context_.ssoRelayKey);
    if (!payload) throw refused("RelayState", payload.error());
    Poco::JSON::Object::Ptr object;
    try {
        object = Poco::JSON::Parser().parse(*payload).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        // A valid MAC over bad JSON means our own key signed it: not the browser's fault.
        throw Error(ErrorCode::Internal, "RelayState payload unreadable");
    }
    return Relay{object->optValue<std::string>("c", ""), object->optValue<std::string>("r", "")};
}

SsoAssertion SamlServiceProvider::validate(const SamlSpRuntime& runtime, const std::string& samlResponse) {
    std::shared_ptr<const saml::IdpDescriptor> idp;
    try {
        idp = metadata_.descriptor(runtime.connection);
    } catch (const Error& e) {
        throw Error(ErrorCode::UpstreamError, std::string("the identity provider's metadata is unavailable: ") + e.what());
    }
    auto xml = saml::decodePostParameter(samlResponse);
    if (!xml) throw refused("SAMLResponse", xml.error());

    const auto now = context_.clock.now();
    const auto& id = runtime.connection.id;
    auto& codes = *context_.codes;
    saml::ResponsePolicy policy;
    policy.expectedIssuer = idp->entityId;
    policy.idpCertificates = idp->signingCertificates;
    policy.spEntityId = runtime.entityId;
    policy.acsUrl = runtime.acsUrl;
    policy.now = systemTime(now);
    policy.clockSkew = kClockSkew;
    policy.consumeRequestId = [&](const std::string& requestId) {
        return codes.take(kRequestPrefix + id + ":" + requestId).has_value();
    };
    policy.rememberAssertionId = [&](const std::string& assertionId, SystemTime expiresAt) {
        return rememberUntil(codes, kAssertionPrefix + id + ":" + assertionId, expiresAt, now);
    };
    auto assertion = saml::validateResponse(*xml, policy);
    if (!assertion) throw refused("SAML response", assertion.error());
    return ssoAssertionOf(*assertion);
}

SamlSpLanding SamlServiceProvider::consume(const SamlSpRuntime& runtime, const std::string& samlResponse,
                                           const std::optional<std::string>& relayState) {
    const auto relay = readRelayState(relayState);
    if (relay.connectionId != runtime.connection.id)
        throw Error(ErrorCode::InvalidInput, "RelayState belongs to another connection");
    const auto assertion = validate(runtime, samlResponse);
    auto outcome = context_.ssoLogin->login(runtime.connection, assertion);
    const auto landing = relay.returnUrl.empty() ? context_.config.frontendUrl() : relay.returnUrl;
    auto location = landingLocation(landing, outcome);
    return SamlSpLanding{std::move(outcome), std::move(location)};
}

SamlSpIdentity SamlServiceProvider::resolve(const std::string& samlResponse, const std::string& relayState) {
    const auto relay = readRelayState(relayState);
    const auto stored = context_.db->ssoConnections().find(relay.connectionId);
    const auto view = stored ? context_.ssoConnections->findBySlug(stored->slug) : std::nullopt;
    if (!view || view->connection.id != relay.connectionId || view->connection.protocol != SsoProtocol::Saml)
        throw Error(ErrorCode::InvalidInput, "RelayState names no active SAML connection");
    const auto runtime = runtimeOf(view->connection);
    const auto assertion = validate(runtime, samlResponse);
    return SamlSpIdentity{context_.ssoLogin->resolve(runtime.connection, assertion), assertion.subject,
                          runtime.connection.id};
}

SamlSpTestResult SamlServiceProvider::test(const SsoConnection& connection) {
    saml::IdpDescriptor idp;
    try {
        idp = metadata_.load(connection);
    } catch (const Error& e) {
        return {false, e.what()};
    }
    const auto now = systemTime(context_.clock.now());
    int usable = 0;
    for (const auto& certificate : idp.signingCertificates)
        if (certificate.notBefore() <= now && now < certificate.notAfter()) ++usable;
    if (usable == 0) return {false, "no signing certificate of " + idp.entityId + " is valid now"};
    if (!idp.ssoLocation(saml::kBindingHttpRedirect))
        return {false, "the metadata of " + idp.entityId + " has no HTTP-Redirect SingleSignOnService"};
    return {true, "metadata of " + idp.entityId + " read: " + std::to_string(usable) +
                      " valid signing certificate(s), sign-in at " + *idp.ssoLocation(saml::kBindingHttpRedirect)};
}

} // namespace authcore::appliance
