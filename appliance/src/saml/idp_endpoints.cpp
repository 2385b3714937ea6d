// SPDX-License-Identifier: Apache-2.0
// SamlIdpEndpoints: a service as SAML IdP (metadata, SSO, SLO).
#include "saml/idp_endpoints.hpp"

#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/saml/authn_request.hpp>
#include <authcore/saml/idp_metadata.hpp>
#include <authcore/saml/logout.hpp>
#include <authcore/saml/post_binding.hpp>
#include <authcore/saml/post_form.hpp>
#include <authcore/saml/redirect_binding.hpp>
#include <authcore/saml/response_builder.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <sstream>

namespace authcore::appliance {
namespace {

using SystemTime = std::chrono::system_clock::time_point;

constexpr auto kParkedFor = std::chrono::minutes(10);
const std::string kMessageIdPrefix = "saml-idp-message:";
const std::string kParkedPrefix = "saml-idp-pending:";
const std::string kSessionIndexPrefix = "saml-idp-session:";

SystemTime systemTime(Timestamp t) { return SystemTime(t.time_since_epoch()); }

SamlPageError refused(const saml::Error& error) {
    return SamlPageError(400, "SAML request refused", std::string(saml::errcName(error.code)) + ": " + error.message);
}

void requireEnabled(const SamlRuntime& runtime) {
    if (!runtime.config.enabled)
        throw SamlPageError(403, "SAML sign-in disabled", "SAML single sign-on is disabled for this service.");
}

const SamlSigningMaterial& requireCertificate(const SamlRuntime& runtime) {
    if (!runtime.active)
        throw SamlPageError(503, "SAML not ready",
                            "This identity provider has no signing certificate yet; ask its administrator to "
                            "generate one.");
    return *runtime.active;
}

saml::Certificate readCertificate(const std::string& pem, const char* what) {
    auto certificate = saml::Certificate::fromPem(pem);
    if (!certificate) throw SamlPageError(500, "SAML configuration error", std::string("the ") + what + " cannot be read");
    return *certificate;
}

std::optional<saml::Certificate> spCertificate(const SamlIdpConfig& config) {
    if (!config.spCertificatePem) return std::nullopt;
    return readCertificate(*config.spCertificatePem, "configured SP certificate");
}

std::vector<saml::NameIdFormat> nameIdFormats(const SamlIdpConfig& config) {
    std::vector<saml::NameIdFormat> formats;
    if (auto configured = saml::parseNameIdFormat(config.nameIdFormat)) formats.push_back(*configured);
    for (auto format : {saml::NameIdFormat::EmailAddress, saml::NameIdFormat::Persistent,
                        saml::NameIdFormat::Transient, saml::NameIdFormat::Unspecified})
        if (std::find(formats.begin(), formats.end(), format) == formats.end()) formats.push_back(format);
    return formats;
}

std::string toJson(const Poco::JSON::Object& object) {
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

// The message of either binding: the query's (Redirect) or the form's (POST).
template <typename ReadRedirect, typename ReadPost>
auto readInbound(const InboundSaml& inbound, const char* parameter, std::optional<std::string>& relayState,
                 ReadRedirect&& readRedirect, ReadPost&& readPost) {
    if (inbound.post) {
        auto xml = saml::decodePostParameter(inbound.samlValue);
        if (!xml) throw refused(xml.error());
        relayState = inbound.relayState;
        return readPost(*xml);
    }
    auto message = saml::decodeRedirect(inbound.rawQuery, parameter);
    if (!message) throw refused(message.error());
    relayState = message->relayState;
    return readRedirect(*message);
}

} // namespace

SamlIdpEndpoints::SamlIdpEndpoints(Context& context) : context_(context), subjects_(context.db->organizations()) {}

SamlRuntime SamlIdpEndpoints::runtime(const std::string& orgSlug, const std::string& serviceSlug) {
    std::optional<SamlRuntime> found;
    try {
        found = context_.samlIdp->runtimeFor(orgSlug, serviceSlug);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::NotFound) throw;
    }
    // Unknown organization, unknown service and unconfigured service look alike.
    if (!found) throw SamlPageError(404, "Not found", "There is no SAML identity provider at this address.");
    return std::move(*found);
}

std::string SamlIdpEndpoints::sloUrl(const SamlRuntime& runtime) const {
    return context_.config.publicUrl() + "/saml/" + runtime.organizationSlug + "/" + runtime.serviceSlug + "/slo";
}

std::string SamlIdpEndpoints::metadata(const SamlRuntime& runtime) {
    if (!runtime.active)
        throw SamlPageError(404, "Not found", "This identity provider has no signing certificate yet.");
    saml::IdpMetadataSpec spec;
    spec.entityId = context_.samlIdp->metadataUrl(runtime.organizationSlug, runtime.serviceSlug);
    spec.ssoUrl = context_.samlIdp->ssoUrl(runtime.organizationSlug, runtime.serviceSlug);
    if (runtime.config.sloUrl) spec.sloUrl = sloUrl(runtime);
    spec.signingCertificates.push_back(readCertificate(runtime.active->certificatePem, "signing certificate"));
    if (runtime.nextCertificatePem)
        spec.signingCertificates.push_back(readCertificate(*runtime.nextCertificatePem, "next certificate"));
    spec.nameIdFormats = nameIdFormats(runtime.config);
    spec.wantAuthnRequestsSigned = runtime.config.wantAuthnRequestsSigned;
    auto xml = saml::buildIdpMetadata(spec);
    if (!xml) throw SamlPageError(500, "SAML metadata failed", xml.error().message);
    return std::move(*xml);
}

bool SamlIdpEndpoints::rememberMessageId(const std::string& serviceId, const std::string& id, SystemTime expiresAt) {
    const auto left = std::chrono::duration_cast<std::chrono::seconds>(expiresAt - systemTime(context_.clock.now()));
    return context_.codes->putIfAbsent(kMessageIdPrefix + serviceId + ":" + id, "1",
                                       std::max(left, std::chrono::seconds(1)));
}

PendingSso SamlIdpEndpoints::accept(const SamlRuntime& runtime, const InboundSaml& inbound) {
    requireEnabled(runtime);
    saml::AuthnRequestPolicy policy;
    policy.expectedIssuer = runtime.config.entityId;
    policy.ssoUrl = context_.samlIdp->ssoUrl(runtime.organizationSlug, runtime.serviceSlug);
    policy.acsUrl = runtime.config.acsUrl;
    policy.now = systemTime(context_.clock.now());
    policy.spCertificate = spCertificate(runtime.config);
    policy.requireSignature = runtime.config.wantAuthnRequestsSigned;
    policy.rememberId = [&](const std::string& id, SystemTime expiresAt) {
        return rememberMessageId(runtime.serviceId, id, expiresAt);
    };
    std::optional<std::string> relayState;
    auto request = readInbound(
        inbound, "SAMLRequest", relayState,
        [&](const saml::RedirectMessage& m) { return saml::readRedirectAuthnRequest(m, policy); },
        [&](const std::string& xml) { return saml::readPostAuthnRequest(xml, policy); });
    if (!request) throw refused(request.error());
    return PendingSso{request->id, relayState, request->forceAuthn, request->isPassive};
}

std::string SamlIdpEndpoints::park(const SamlRuntime& runtime, const PendingSso& pending) {
    Poco::JSON::Object parked;
    parked.set("service", runtime.serviceId);
    if (pending.requestId) parked.set("request_id", *pending.requestId);
    if (pending.relayState) parked.set("relay_state", *pending.relayState);
    const auto ticket = crypto::randomToken(16);
    context_.codes->putIfAbsent(kParkedPrefix + ticket, toJson(parked), kParkedFor);
    return ticket;
}

PendingSso SamlIdpEndpoints::resume(const SamlRuntime& runtime, const std::string& ticket) {
    const auto stored = ticket.size() <= 64 ? context_.codes->take(kParkedPrefix + ticket) : std::nullopt;
    const auto parked = stored ? Poco::JSON::Parser().parse(*stored).extract<Poco::JSON::Object::Ptr>() : nullptr;
    if (!parked || parked->getValue<std::string>("service") != runtime.serviceId)
        throw SamlPageError(400, "Sign-in expired",
                            "This sign-in request has expired or was already used; start again from the application.");
    PendingSso pending;
    if (parked->has("request_id")) pending.requestId = parked->getValue<std::string>("request_id");
    if (parked->has("relay_state")) pending.relayState = parked->getValue<std::string>("relay_state");
    return pending;
}

const saml::SigningCredential& SamlIdpEndpoints::credential(const SamlRuntime& runtime) {
    const auto& material = requireCertificate(runtime);
    std::lock_guard lock(credentialsMutex_);
    if (auto found = credentials_.find(material.certificateId); found != credentials_.end()) return found->second;
    auto loaded = saml::SigningCredential::fromPem(material.privateKeyPem, material.certificatePem);
    if (!loaded) throw SamlPageError(500, "SAML configuration error", "the signing key cannot be read");
    if (credentials_.size() >= 1024) credentials_.clear(); // retired certificates never come back
    return credentials_.emplace(material.certificateId, std::move(*loaded)).first->second;
}

std::string SamlIdpEndpoints::openSessionIndex(const SamlRuntime& runtime, const ActiveBrowserSession& session) {
    const auto index = "_" + crypto::randomToken(16);
    const auto left = std::chrono::duration_cast<std::chrono::seconds>(session.session.expiresAt - context_.clock.now());
    context_.codes->putIfAbsent(kSessionIndexPrefix + index, runtime.serviceId + "\n" + session.session.idHash,
                                std::max(left, std::chrono::seconds(1)));
    return index;
}

void SamlIdpEndpoints::endSessionIndex(const SamlRuntime& runtime, const std::string& sessionIndex) {
    if (sessionIndex.size() > 128) return;
    const auto stored = context_.codes->take(kSessionIndexPrefix + sessionIndex);
    const auto prefix = runtime.serviceId + "\n";
    // An SP ends only the sessions it was told about.
    if (!stored || stored->compare(0, prefix.size(), prefix) != 0) return;
    context_.auth->closeSessionById(stored->substr(prefix.size()));
}

std::string SamlIdpEndpoints::respond(const SamlRuntime& runtime, const PendingSso& pending,
                                      const ActiveBrowserSession& session) {
    requireEnabled(runtime);
    const auto& signer = credential(runtime);
    const auto subject = subjects_.subjectFor(runtime, session.user);
    saml::ResponseSpec spec;
    spec.issuer = context_.samlIdp->metadataUrl(runtime.organizationSlug, runtime.serviceSlug);
    spec.destination = runtime.config.acsUrl;
    spec.inResponseTo = pending.requestId;
    spec.audience = runtime.config.entityId;
    spec.nameId = subject.nameId;
    spec.nameIdFormat = saml::parseNameIdFormat(runtime.config.nameIdFormat).value_or(saml::NameIdFormat::Unspecified);
    if (spec.nameIdFormat == saml::NameIdFormat::Persistent || spec.nameIdFormat == saml::NameIdFormat::Transient)
        spec.spNameQualifier = runtime.config.entityId;
    spec.sessionIndex = openSessionIndex(runtime, session);
    for (const auto& [name, values] : subject.attributes) spec.attributes.push_back({name, values});
    spec.now = systemTime(context_.clock.now());
    spec.authnInstant = systemTime(session.session.createdAt);
    spec.sessionNotOnOrAfter = systemTime(session.session.expiresAt);
    spec.signResponse = runtime.config.signResponse;
    // Never unsigned: a configuration that asks for neither signature gets a signed assertion.
    spec.signAssertion = runtime.config.signAssertions || !runtime.config.signResponse;
    auto built = saml::buildResponse(spec, signer);
    if (!built) throw SamlPageError(500, "SAML response failed", built.error().message);
    std::optional<std::string_view> relayState;
    if (pending.relayState) relayState = *pending.relayState;
    return saml::renderPostForm(runtime.config.acsUrl, "SAMLResponse", built->xml, relayState);
}

saml::LogoutPolicy SamlIdpEndpoints::logoutPolicy(const SamlRuntime& runtime) {
    saml::LogoutPolicy policy;
    policy.expectedIssuer = runtime.config.entityId;
    policy.destination = sloUrl(runtime);
    policy.now = systemTime(context_.clock.now());
    policy.peerCertificate = spCertificate(runtime.config);
    policy.requireSignature = policy.peerCertificate.has_value();
    policy.rememberId = [this, serviceId = runtime.serviceId](const std::string& id, SystemTime expiresAt) {
        return rememberMessageId(serviceId, id, expiresAt);
    };
    return policy;
}

std::string SamlIdpEndpoints::respondNoPassive(const SamlRuntime& runtime, const PendingSso& pending) {
    requireEnabled(runtime);
    const auto& signer = credential(runtime);
    saml::StatusResponseSpec spec;
    spec.issuer = context_.samlIdp->metadataUrl(runtime.organizationSlug, runtime.serviceSlug);
    spec.destination = runtime.config.acsUrl;
    spec.inResponseTo = pending.requestId;
    spec.subStatusCode = "urn:oasis:names:tc:SAML:2.0:status:NoPassive";
    spec.statusMessage = "The user is not signed in and the request allows no sign-in page.";
    spec.now = systemTime(context_.clock.now());
    auto built = saml::buildStatusResponse(spec, signer);
    if (!built) throw SamlPageError(500, "SAML response failed", built.error().message);
    std::optional<std::string_view> relayState;
    if (pending.relayState) relayState = *pending.relayState;
    return saml::renderPostForm(runtime.config.acsUrl, "SAMLResponse", built->xml, relayState);
}

std::string SamlIdpEndpoints::logout(const SamlRuntime& runtime, const InboundSaml& inbound,
                                     const std::optional<std::string>& browserCookie) {
    if (!runtime.config.sloUrl)
        throw SamlPageError(400, "Single logout not configured",
                            "This service has no slo_url, so single logout is not available.");
    const auto policy = logoutPolicy(runtime);
    std::optional<std::string> relayState;
    if (inbound.response) {
        auto response = readInbound(
            inbound, "SAMLResponse", relayState,
            [&](const saml::RedirectMessage& m) { return saml::readRedirectLogoutResponse(m, policy); },
            [&](const std::string& xml) { return saml::readPostLogoutResponse(xml, policy); });
        if (!response) throw refused(response.error());
        return "/login";
    }
    auto request = readInbound(
        inbound, "SAMLRequest", relayState,
        [&](const saml::RedirectMessage& m) { return saml::readRedirectLogoutRequest(m, policy); },
        [&](const std::string& xml) { return saml::readPostLogoutRequest(xml, policy); });
    if (!request) throw refused(request.error());
    const auto& signer = credential(runtime);
    for (const auto& index : request->sessionIndexes) endSessionIndex(runtime, index);
    if (request->sessionIndexes.empty() && browserCookie) context_.auth->closeSession(*browserCookie);
    return logoutResponseUrl(runtime, request->id, relayState, signer);
}

std::string SamlIdpEndpoints::logoutResponseUrl(const SamlRuntime& runtime, const std::string& inResponseTo,
                                                const std::optional<std::string>& relayState,
                                                const saml::SigningCredential& signer) {
    saml::LogoutResponseSpec spec;
    spec.issuer = context_.samlIdp->metadataUrl(runtime.organizationSlug, runtime.serviceSlug);
    spec.destination = *runtime.config.sloUrl;
    spec.inResponseTo = inResponseTo;
    spec.now = systemTime(context_.clock.now());
    auto built = saml::buildLogoutResponse(spec);
    if (!built) throw SamlPageError(500, "SAML logout failed", built.error().message);
    std::optional<std::string_view> relay;
    if (relayState) relay = *relayState;
    auto url = saml::encodeRedirect(*runtime.config.sloUrl, "SAMLResponse", built->xml, relay, &signer);
    if (!url) throw SamlPageError(500, "SAML logout failed", url.error().message);
    return std::move(*url);
}

} // namespace authcore::appliance
