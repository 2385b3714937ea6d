// SPDX-License-Identifier: Apache-2.0
// OidcRelyingParty: this server as the OpenID Connect relying party of an SSO
// connection (seed 003). Speaks to the provider through libauthcore's
// UpstreamProvider (discovery, PKCE, id_token checks) and hands the verified
// claims to SsoLoginService, which holds the login rules.
#pragma once

#include <authcore/services/sso_connection_service.hpp>
#include <authcore/services/sso_login_service.hpp>
#include <authcore/services/upstream_provider.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace authcore::appliance {

class Context;

/// The start of a login: where the browser goes and the sealed cookie that
/// carries the pending login as a fallback for the server-side copy.
struct OidcLoginStart {
    std::string location;
    std::string stateCookie;
};

/// What the provider sent back to the callback.
struct OidcCallback {
    std::optional<std::string> code, state, error;
    std::optional<std::string> stateCookie; ///< the browser's cookie, when it has one
};

/// Where the browser goes after an accepted callback.
struct OidcLanding {
    SsoLoginOutcome outcome;
    std::string location; ///< the return URL with `code=` or `link_token=` added
};

/// What the API callback answers.
struct OidcIdentity {
    SsoIdentity identity;
    std::string subject;
    std::string connectionId;
};

struct OidcTestResult {
    bool success = false;
    std::string message;
};

class OidcRelyingParty {
public:
    static constexpr const char* kStateCookie = "authcore_oidc_state";
    static constexpr long kStateSeconds = 600;

    explicit OidcRelyingParty(Context& context);
    ~OidcRelyingParty();

    /// The active OIDC connection with this slug; Error(NotFound) "not found"
    /// for every other slug (unknown, inactive, another protocol) alike.
    SsoConnection connection(const std::string& slug);
    /// A fresh state, nonce and PKCE verifier kept for 10 minutes, with the
    /// redirect_uri sent (SsoConnectionService::oidcRedirectUri); InvalidInput
    /// for a return_url not under frontend_url; UpstreamError when discovery fails.
    OidcLoginStart start(const SsoConnection& connection, const std::optional<std::string>& returnUrl);
    /// The browser callback. InvalidInput: state missing, unknown, used,
    /// expired or another connection's; no code. Unauthenticated: the
    /// provider's `error=`, or an invalid id_token. UpstreamError: the token
    /// exchange failed. Then what SsoLoginService::login throws.
    OidcLanding finish(const SsoConnection& connection, const OidcCallback& callback);
    /// The API callback: the state (server-side copy only) names the connection;
    /// SsoLoginService::resolve. Same errors as finish.
    OidcIdentity resolve(const std::string& code, const std::string& state);
    /// OpenID Connect Back-Channel Logout 1.0: verifies `logoutToken`
    /// (UpstreamProvider::verifyLogoutToken), refuses a jti seen before, then
    /// ends the connection's SSO sessions of its `sub` (only those of its
    /// `sid` when present) and revokes their refresh tokens. Returns how many
    /// ended (0 is a success too). InvalidInput for a refused or replayed
    /// token; UpstreamError when the provider's keys cannot be fetched.
    int backChannelLogout(const SsoConnection& connection, const std::string& logoutToken);
    /// Discovery document and JWKS read afresh.
    OidcTestResult test(const SsoConnection& connection);

private:
    struct Pending;
    /// The pending login of `state`, consumed: the server-side copy, else the
    /// cookie's; either way the state is recorded as used.
    Pending takePending(const std::string& state, const std::optional<std::string>& cookie);
    SsoAssertion redeem(const SsoConnection& connection, const Pending& pending, const std::string& code);
    std::unique_ptr<UpstreamProvider> makeProvider(const SsoConnection& connection, const std::string& redirectUri);
    std::shared_ptr<UpstreamProvider> providerFor(const SsoConnection& connection);

    Context& context_;
    std::mutex mutex_;
    /// One provider per connection (it caches discovery), with the fingerprint
    /// of the stored settings it was made from; replaced when they change.
    std::map<std::string, std::pair<std::string, std::shared_ptr<UpstreamProvider>>> providers_;
};

} // namespace authcore::appliance
