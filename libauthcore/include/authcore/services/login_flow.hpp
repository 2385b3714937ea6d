// SPDX-License-Identifier: Apache-2.0
// LoginFlow: GET /login/authorize and /login/callback, the "double OAuth"
// that signs a person in upstream and answers the client with our own code.
#pragma once

#include <authcore/ephemeral/code_store.hpp>
#include <authcore/services/audit_log.hpp>
#include <authcore/services/client_directory.hpp>
#include <authcore/services/identity_linker.hpp>
#include <authcore/services/token_service.hpp>
#include <authcore/services/upstream_provider.hpp>
#include <authcore/store/client_store.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace authcore {

struct LoginPending;
class SsoGate;

/// The query of GET /login/authorize.
struct AuthorizeRequest {
    std::string responseType;
    std::string clientId;
    std::string redirectUri;
    std::string codeChallenge;
    std::string codeChallengeMethod;
    std::string state;
    std::string scope; ///< space-separated; may be empty
    std::string nonce; ///< echoed in the id_token
};

/// The query of GET /login/callback (the provider's answer).
struct CallbackRequest {
    std::string code;
    std::string state;
    std::string error; ///< the provider's refusal, e.g. access_denied
};

/// Where to send the browser next. `sessionId`, when set, goes into the
/// `sessionId` cookie that binds the callback to this browser.
struct LoginRedirect {
    std::string location;
    std::string sessionId;
};

struct LoginFlowOptions {
    std::string publicUrl;          ///< audience of console tokens
    std::string consoleClientId = "authcore-console";
    std::vector<std::string> consoleRedirectUris;
    std::vector<std::string> consoleAliases; ///< e.g. `provider:github`, also accepted as the console
    std::chrono::seconds pendingLifetime{600};
    std::size_t maxParameterBytes = 2048; ///< state, nonce, scope, redirect_uri each
    /// SSO enforcement: a user who must sign in through SSO gets
    /// error=access_denied, error_description=sso_required. Null: none.
    SsoGate* ssoGate = nullptr;
};

class LoginFlow {
public:
    /// `upstream` may be null: /login then answers every valid request with
    /// error=temporarily_unavailable.
    LoginFlow(ClientDirectory& directory, ClientStore& clients, UpstreamProvider* upstream, IdentityLinker& linker,
              TokenService& tokens, CodeStore& codes, AuditLog& audit, const Clock& clock, LoginFlowOptions options);

    /// Validates the request and stores it server-side. Error(InvalidInput)
    /// (a 400 page, never a redirect) for an unknown client or a redirect_uri
    /// it did not register; every other refusal is a redirect back to the
    /// client with `error` and `state` (RFC 6749 §4.1.2.1). `browserSession`
    /// is the caller's current sessionId cookie, reused when well-formed.
    LoginRedirect authorize(const AuthorizeRequest& request, const std::string& browserSession);

    /// Redeems the provider's answer. Error(InvalidInput) (a 400 page) when
    /// no pending login matches the state and this browser's session; else a
    /// redirect to the client with our `code`, or with `error`.
    LoginRedirect callback(const CallbackRequest& request, const std::string& browserSession);

    /// The client a /login or token request names, with console aliases resolved.
    std::string canonicalClientId(const std::string& clientId) const;
    /// The built-in console client as it should be stored.
    Client consoleClient(Timestamp now) const;

private:
    std::string allowedScope(const std::string& clientId, const std::string& requested);
    std::string finish(const LoginPending& pending, const CallbackRequest& request);

    ClientDirectory& directory_;
    ClientStore& clients_;
    UpstreamProvider* upstream_;
    IdentityLinker& linker_;
    TokenService& tokens_;
    CodeStore& codes_;
    AuditLog& audit_;
    const Clock& clock_;
    LoginFlowOptions options_;
};

} // namespace authcore
