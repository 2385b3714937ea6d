// SPDX-License-Identifier: Apache-2.0
// SamlServiceProvider::logout: single logout started by the tenant's IdP
// (HTTP-Redirect). Only a LogoutRequest signed by the IdP ends sessions: an
// unsigned one would let any page log users out.
#include "saml/service_provider.hpp"

#include "app/context.hpp"

#include <authcore/error.hpp>
#include <authcore/saml/bindings.hpp>
#include <authcore/saml/logout.hpp>
#include <authcore/saml/redirect_binding.hpp>

namespace authcore::appliance {
namespace {

using SystemTime = std::chrono::system_clock::time_point;

const std::string kLogoutPrefix = "saml-sp-logout:";

Error refused(const saml::Error& error) {
    return Error(ErrorCode::InvalidInput,
                 "SAML logout refused: " + std::string(saml::errcName(error.code)) + ": " + error.message);
}

/// Reads the message with each of the IdP's certificates in turn (rollover):
/// the first that is not a signature mismatch decides.
template <typename Read>
auto readWithAnyCertificate(const saml::IdpDescriptor& idp, saml::LogoutPolicy policy, Read&& read) {
    const auto& certificates = idp.signingCertificates; // never empty: the metadata reader requires one
    policy.peerCertificate = certificates.front();
    auto result = read(policy);
    for (std::size_t i = 1; i < certificates.size() && !result && result.error().code == saml::Errc::SignatureInvalid;
         ++i) {
        policy.peerCertificate = certificates[i];
        result = read(policy);
    }
    return result;
}

} // namespace

std::string SamlServiceProvider::logout(const SamlSpRuntime& runtime, const std::string& rawQuery) {
    const bool isResponse = rawQuery.find("SAMLResponse=") != std::string::npos;
    auto message = saml::decodeRedirect(rawQuery, isResponse ? "SAMLResponse" : "SAMLRequest");
    if (!message) throw refused(message.error());
    std::shared_ptr<const saml::IdpDescriptor> idp;
    try {
        idp = metadata_.descriptor(runtime.connection);
    } catch (const Error& e) {
        throw Error(ErrorCode::UpstreamError, std::string("the identity provider's metadata is unavailable: ") + e.what());
    }
    const auto now = context_.clock.now();
    auto& codes = *context_.codes;
    const auto& id = runtime.connection.id;
    saml::LogoutPolicy policy;
    policy.expectedIssuer = idp->entityId;
    policy.destination = runtime.sloUrl;
    policy.now = SystemTime(now.time_since_epoch());
    policy.requireSignature = true;
    policy.rememberId = [&](const std::string& messageId, SystemTime until) {
        const auto left = std::chrono::duration_cast<std::chrono::seconds>(until - policy.now);
        return codes.putIfAbsent(kLogoutPrefix + id + ":" + messageId, "1", std::max(left, std::chrono::seconds(60)));
    };

    if (isResponse) {
        // We send no LogoutRequests ourselves; a genuine answer just lands on the login page.
        auto response = readWithAnyCertificate(*idp, policy, [&](const saml::LogoutPolicy& p) {
            return saml::readRedirectLogoutResponse(*message, p);
        });
        if (!response) throw refused(response.error());
        return "/login";
    }
    auto request = readWithAnyCertificate(*idp, policy, [&](const saml::LogoutPolicy& p) {
        return saml::readRedirectLogoutRequest(*message, p);
    });
    if (!request) throw refused(request.error());
    const auto destination = idp->sloLocation(saml::kBindingHttpRedirect);
    if (!destination) throw Error(ErrorCode::InvalidInput, "the identity provider's metadata has no SLO endpoint");

    int ended = 0;
    if (request->sessionIndexes.empty()) ended = context_.ssoLogin->endSessions(id, request->nameId, "");
    for (const auto& index : request->sessionIndexes) ended += context_.ssoLogin->endSessions(id, request->nameId, index);
    context_.logger.info("SAML single logout", {{"connection", id}, {"sessions_ended", std::to_string(ended)}});

    saml::LogoutResponseSpec spec;
    spec.issuer = runtime.entityId;
    spec.destination = *destination;
    spec.inResponseTo = request->id;
    spec.now = policy.now;
    auto response = saml::buildLogoutResponse(spec);
    if (!response) throw Error(ErrorCode::Internal, "LogoutResponse failed: " + response.error().message);
    const auto credential = credentials_.forConnection(runtime.connection);
    std::optional<std::string_view> relay;
    if (message->relayState) relay = *message->relayState;
    auto url = saml::encodeRedirect(*destination, "SAMLResponse", response->xml, relay, &credential);
    if (!url) throw Error(ErrorCode::Internal, "LogoutResponse encoding failed: " + url.error().message);
    return std::move(*url);
}

} // namespace authcore::appliance
