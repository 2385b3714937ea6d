// SPDX-License-Identifier: Apache-2.0
// LoginFlow: validate, park the request, go upstream, come back, mint our code.
#include <authcore/crypto/constant_time.hpp>
#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/services/login_flow.hpp>
#include <authcore/services/sso_gate.hpp>

#include "services/login_pending.hpp"
#include "services/upstream_http.hpp"

#include <algorithm>
#include <sstream>

namespace authcore {
namespace {

const std::vector<std::string> kOpenIdScopes{"openid", "email", "profile", "offline_access"};

/// A client's mistake reported to its redirect_uri (RFC 6749 §4.1.2.1).
struct RedirectError {
    std::string error;
    std::string description;
};

bool isSessionId(const std::string& value) {
    return value.size() == 43 && crypto::base64UrlDecode(value).has_value();
}

std::string pendingKey(const std::string& upstreamState) {
    return "login:pending:" + crypto::hexEncode(crypto::sha256(upstreamState));
}

std::string sessionHash(const std::string& sessionId) { return crypto::hexEncode(crypto::sha256(sessionId)); }

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

/// What the code we answer with stands for.
CodeGrant codeGrant(const LoginPending& pending, const User& user, const LoginFlowOptions& options, Timestamp now) {
    CodeGrant grant;
    grant.clientId = pending.clientId;
    grant.redirectUri = pending.redirectUri;
    grant.codeChallenge = pending.codeChallenge;
    grant.userId = user.id;
    grant.email = user.email;
    grant.scope = pending.scope;
    grant.audience = pending.clientId == options.consoleClientId ? options.publicUrl : pending.clientId;
    grant.nonce = pending.nonce;
    grant.authTime = now;
    return grant;
}

} // namespace

LoginFlow::LoginFlow(ClientDirectory& directory, ClientStore& clients, UpstreamProvider* upstream,
                     IdentityLinker& linker, TokenService& tokens, CodeStore& codes, AuditLog& audit,
                     const Clock& clock, LoginFlowOptions options)
    : directory_(directory), clients_(clients), upstream_(upstream), linker_(linker), tokens_(tokens), codes_(codes),
      audit_(audit), clock_(clock), options_(std::move(options)) {}

std::string LoginFlow::canonicalClientId(const std::string& clientId) const {
    return contains(options_.consoleAliases, clientId) ? options_.consoleClientId : clientId;
}

Client LoginFlow::consoleClient(Timestamp now) const {
    Client console;
    console.clientId = options_.consoleClientId;
    console.description = "AuthCore web console (built in)";
    console.type = ClientType::Application;
    console.redirectUris = options_.consoleRedirectUris;
    console.publicClient = true;
    console.createdAt = now;
    return console;
}

std::string LoginFlow::allowedScope(const std::string& clientId, const std::string& requested) {
    std::vector<std::string> offered = kOpenIdScopes;
    if (clientId != options_.consoleClientId)
        for (const auto& scope : clients_.listScopes(clientId)) offered.push_back(scope.scope);
    std::vector<std::string> granted;
    std::istringstream words(requested);
    for (std::string scope; words >> scope;) {
        if (!contains(offered, scope)) throw RedirectError{"invalid_scope", "scope '" + scope.substr(0, 64) + "' is not offered"};
        if (!contains(granted, scope)) granted.push_back(scope);
    }
    std::string joined;
    for (const auto& scope : granted) joined += (joined.empty() ? "" : " ") + scope;
    return joined;
}

LoginRedirect LoginFlow::authorize(const AuthorizeRequest& request, const std::string& browserSession) {
    const auto clientId = canonicalClientId(request.clientId);
    const auto client = clientId.size() <= 128 ? directory_.client(clientId) : std::nullopt;
    if (!client || client->type == ClientType::User)
        throw Error(ErrorCode::InvalidInput, "unknown client_id");
    if (request.redirectUri.empty() || !contains(client->redirectUris, request.redirectUri))
        throw Error(ErrorCode::InvalidInput, "redirect_uri is not registered for this client");

    // From here the redirect_uri is trusted: refusals go back to the client.
    const auto backToClient = [&](const RedirectError& e) {
        return LoginRedirect{upstream::withQuery(request.redirectUri, {{"error", e.error},
                                                                       {"error_description", e.description},
                                                                       {"state", request.state},
                                                                       {"iss", options_.publicUrl}}),
                             ""};
    };
    try {
        for (const auto* value : {&request.state, &request.nonce, &request.scope})
            if (value->size() > options_.maxParameterBytes)
                throw RedirectError{"invalid_request", "a parameter is too long"};
        if (request.responseType != "code")
            throw RedirectError{"invalid_request", "response_type must be code"};
        if (request.codeChallengeMethod != "S256" || request.codeChallenge.empty())
            throw RedirectError{"invalid_request", "PKCE is required: code_challenge with code_challenge_method=S256"};
        const auto decoded = crypto::base64UrlDecode(request.codeChallenge);
        if (request.codeChallenge.size() != 43 || !decoded || decoded->size() != 32)
            throw RedirectError{"invalid_request", "code_challenge must be a base64url SHA-256 digest"};
        const auto scope = allowedScope(clientId, request.scope);
        if (!upstream_) throw RedirectError{"temporarily_unavailable", "no upstream login provider is configured"};

        LoginPending pending;
        pending.clientId = clientId;
        pending.redirectUri = request.redirectUri;
        pending.codeChallenge = request.codeChallenge;
        pending.state = request.state;
        pending.scope = scope;
        pending.nonce = request.nonce;
        pending.upstream = UpstreamChallenge::generate();
        const auto session = isSessionId(browserSession) ? browserSession : crypto::randomToken(32);
        pending.sessionHash = sessionHash(session);
        std::string location;
        try {
            location = upstream_->authorizationUrl(pending.upstream);
        } catch (const Error& e) {
            if (e.code() != ErrorCode::UpstreamError) throw;
            throw RedirectError{"temporarily_unavailable", "the upstream login provider cannot be reached"};
        }
        codes_.putIfAbsent(pendingKey(pending.upstream.state), serialisePending(pending), options_.pendingLifetime);
        return {location, session};
    } catch (const RedirectError& e) {
        return backToClient(e);
    }
}

LoginRedirect LoginFlow::callback(const CallbackRequest& request, const std::string& browserSession) {
    if (request.state.empty() || request.state.size() > options_.maxParameterBytes)
        throw Error(ErrorCode::InvalidInput, "the sign-in has no state; start again");
    // Taken whatever happens next: a state is good for one callback.
    const auto stored = codes_.take(pendingKey(request.state));
    const auto parked = stored ? parsePending(*stored) : std::nullopt;
    if (!parked) throw Error(ErrorCode::InvalidInput, "this sign-in expired or was already used; start again");
    // The state alone is not enough: it must come back to the browser that
    // started the login, or an attacker's code could sign a victim in.
    if (!isSessionId(browserSession) || !crypto::constantTimeEquals(sessionHash(browserSession), parked->sessionHash))
        throw Error(ErrorCode::InvalidInput, "this sign-in was started in another browser; start again");
    return {finish(*parked, request), ""};
}

std::string LoginFlow::finish(const LoginPending& pending, const CallbackRequest& request) {
    const auto answer = [&](upstream::Fields fields) {
        fields.emplace_back("state", pending.state);
        fields.emplace_back("iss", options_.publicUrl);
        return upstream::withQuery(pending.redirectUri, fields);
    };
    const auto refuse = [&](const std::string& error, const std::string& description) {
        audit_.record("", pending.clientId, "login.upstream", description, false);
        return answer({{"error", error}, {"error_description", description}});
    };
    if (!request.error.empty()) return refuse("access_denied", "the upstream provider refused the sign-in");
    if (request.code.empty() || request.code.size() > options_.maxParameterBytes)
        return refuse("invalid_request", "the upstream provider returned no code");
    User user;
    try {
        user = linker_.resolve(upstream_->redeem(request.code, pending.upstream));
    } catch (const Error& e) {
        if (e.code() == ErrorCode::UpstreamError) return refuse("server_error", e.what());
        if (e.code() == ErrorCode::Unauthenticated || e.code() == ErrorCode::Forbidden ||
            e.code() == ErrorCode::InvalidInput)
            return refuse("access_denied", e.what());
        throw;
    }
    // Signing in upstream is not signing in through the organization's SSO.
    if (options_.ssoGate && options_.ssoGate->ssoRequired(user.id)) {
        audit_.record("", user.id, "login.sso_required", pending.clientId, false);
        return answer({{"error", "access_denied"}, {"error_description", "sso_required"}});
    }
    const auto code = tokens_.issueAuthorizationCode(codeGrant(pending, user, options_, clock_.now()));
    audit_.record("", user.id, "login.upstream", pending.clientId, true);
    return answer({{"code", code}});
}

} // namespace authcore
