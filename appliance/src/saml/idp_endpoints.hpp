// SPDX-License-Identifier: Apache-2.0
// SamlIdpEndpoints: a service as SAML IdP (metadata, SSO, SLO), composing
// libsaml's messages with libauthcore's configuration, users and sessions.
#pragma once

#include "app/context.hpp"

#include <authcore/saml/credential.hpp>
#include <authcore/saml/logout.hpp>
#include <authcore/services/saml_idp_service.hpp>
#include <authcore/services/saml_subject.hpp>

#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

namespace authcore::appliance {

/// A refusal the routes show as an HTML error page (never a SAML response).
struct SamlPageError : std::runtime_error {
    SamlPageError(int status, std::string title, const std::string& message)
        : std::runtime_error(message), status(status), title(std::move(title)) {}
    int status;
    std::string title;
};

/// An AuthnRequest (or an IdP-initiated start) accepted and waiting for the
/// browser's sign-in.
struct PendingSso {
    std::optional<std::string> requestId; ///< absent: IdP-initiated, no InResponseTo
    std::optional<std::string> relayState;
    bool forceAuthn = false;
    bool isPassive = false; ///< the SP forbids asking the user anything
};

/// A SAML message as it reached an endpoint.
struct InboundSaml {
    bool post = false;      ///< HTTP-POST binding (form) rather than HTTP-Redirect (query)
    std::string rawQuery;   ///< the query string exactly as received (Redirect)
    std::string samlValue;  ///< the form's SAMLRequest or SAMLResponse (POST)
    std::optional<std::string> relayState; ///< the form's RelayState (POST)
    bool response = false;  ///< a SAMLResponse rather than a SAMLRequest
};

class SamlIdpEndpoints {
public:
    explicit SamlIdpEndpoints(Context& context);

    /// The service's runtime; SamlPageError 404 for an unknown organization,
    /// service, or a service without SAML configuration.
    SamlRuntime runtime(const std::string& orgSlug, const std::string& serviceSlug);
    /// IdP metadata XML; 404 while there is no signing certificate.
    std::string metadata(const SamlRuntime& runtime);
    /// Checks an SP's AuthnRequest (signature, issuer, ACS, freshness, replay);
    /// 403 when SAML is disabled, 400 with the reason when refused.
    PendingSso accept(const SamlRuntime& runtime, const InboundSaml& inbound);
    /// Keeps `pending` across the sign-in; returns the single-use ticket.
    std::string park(const SamlRuntime& runtime, const PendingSso& pending);
    /// Takes a parked request back (once); 400 when unknown or expired.
    PendingSso resume(const SamlRuntime& runtime, const std::string& ticket);
    /// The auto-submitting form that posts the signed Response to the ACS.
    /// 403 when disabled, 503 without a signing certificate.
    std::string respond(const SamlRuntime& runtime, const PendingSso& pending, const ActiveBrowserSession& session);
    /// The form that posts a signed Response with status NoPassive: the SP asked
    /// IsPassive and the browser has no session.
    std::string respondNoPassive(const SamlRuntime& runtime, const PendingSso& pending);
    /// Answers an SP's LogoutRequest (either binding): ends the IdP sessions it
    /// names, or the browser's own when it names none; returns the URL of the
    /// signed LogoutResponse to `slo_url` (HTTP-Redirect). A LogoutResponse
    /// returns "/login". 400 without `slo_url` or when refused.
    std::string logout(const SamlRuntime& runtime, const InboundSaml& inbound,
                       const std::optional<std::string>& browserCookie);

    /// `{public_url}/saml/{org}/{svc}/slo`.
    std::string sloUrl(const SamlRuntime& runtime) const;

private:
    const saml::SigningCredential& credential(const SamlRuntime& runtime);
    bool rememberMessageId(const std::string& serviceId, const std::string& id,
                           std::chrono::system_clock::time_point expiresAt);
    saml::LogoutPolicy logoutPolicy(const SamlRuntime& runtime);
    std::string logoutResponseUrl(const SamlRuntime& runtime, const std::string& inResponseTo,
                                  const std::optional<std::string>& relayState, const saml::SigningCredential& signer);
    std::string openSessionIndex(const SamlRuntime& runtime, const ActiveBrowserSession& session);
    void endSessionIndex(const SamlRuntime& runtime, const std::string& sessionIndex);

    Context& context_;
    SamlSubjects subjects_;
    std::mutex credentialsMutex_;
    std::map<std::string, saml::SigningCredential> credentials_; ///< by certificate id
};

} // namespace authcore::appliance
