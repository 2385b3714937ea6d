// SPDX-License-Identifier: Apache-2.0
// SamlServiceProvider: this server as the SAML SP of an SSO connection (the
// tenant's IdP authenticates; we consume its assertion). Composes libsaml's SP
// half with libauthcore's SsoLoginService, which holds the login rules.
#pragma once

#include "saml/idp_metadata_source.hpp"
#include "saml/sp_credentials.hpp"

#include <authcore/services/sso_connection_service.hpp>
#include <authcore/services/sso_login_service.hpp>

#include <memory>
#include <optional>
#include <string>

namespace authcore::appliance {

class Context;

/// An active SAML connection with the URLs this server serves for it.
struct SamlSpRuntime {
    SsoConnection connection;
    std::string entityId; ///< our SP entity ID (override or the metadata URL)
    std::string acsUrl;   ///< the ACS the IdP posts to (override or ours)
    std::string sloUrl;   ///< `{public_url}/auth/sso/{slug}/saml/slo`
};

/// Where the browser goes after a consumed Response.
struct SamlSpLanding {
    SsoLoginOutcome outcome;
    std::string location; ///< the return URL with `code=` or `link_token=` added
};

/// What the API callback answers.
struct SamlSpIdentity {
    SsoIdentity identity;
    std::string subject;
    std::string connectionId;
};

/// What a connection test found.
struct SamlSpTestResult {
    bool success = false;
    std::string message;
};

class SamlServiceProvider {
public:
    explicit SamlServiceProvider(Context& context);
    ~SamlServiceProvider();

    /// The active SAML connection with this slug; Error(NotFound) "not found"
    /// for every other slug (unknown, inactive, another protocol) alike.
    SamlSpRuntime runtime(const std::string& slug);
    /// Our SP metadata for the connection's IdP.
    std::string metadata(const SamlSpRuntime& runtime);
    /// The signed HTTP-Redirect URL of a fresh AuthnRequest to the IdP.
    /// InvalidInput for a return_url not under frontend_url; UpstreamError
    /// when the IdP metadata cannot be had or names no HTTP-Redirect SSO endpoint.
    std::string loginRedirect(const SamlSpRuntime& runtime, const std::optional<std::string>& returnUrl);
    /// Consumes a posted Response (ACS). InvalidInput (400) for a bad
    /// RelayState or any validation failure, and what SsoLoginService::login throws.
    SamlSpLanding consume(const SamlSpRuntime& runtime, const std::string& samlResponse,
                          const std::optional<std::string>& relayState);
    /// The API callback: the RelayState names the connection; SsoLoginService::resolve.
    SamlSpIdentity resolve(const std::string& samlResponse, const std::string& relayState);
    /// The IdP's HTTP-Redirect LogoutRequest or LogoutResponse: where to send the browser.
    std::string logout(const SamlSpRuntime& runtime, const std::string& rawQuery);
    /// Metadata read afresh and its signing certificates checked.
    SamlSpTestResult test(const SsoConnection& connection);

private:
    struct Relay;
    Relay readRelayState(const std::optional<std::string>& relayState);
    SsoAssertion validate(const SamlSpRuntime& runtime, const std::string& samlResponse);
    SamlSpRuntime runtimeOf(const SsoConnection& connection) const;

    Context& context_;
    IdpMetadataSource metadata_;
    SpCredentials credentials_;
};

} // namespace authcore::appliance
