// SPDX-License-Identifier: Apache-2.0
// UpstreamProvider: presets, discovery, the authorization URL and the code exchange.
#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/services/upstream_provider.hpp>

#include "services/upstream_http.hpp"

namespace authcore {
namespace {

using Endpoints = UpstreamProvider::Endpoints;

// A Microsoft id_token's iss names the user's tenant; `{tenantid}` is filled
// from the token's `tid` claim before iss is compared.
constexpr const char* kMicrosoftIssuer = "https://login.microsoftonline.com/{tenantid}/v2.0";

Endpoints preset(UpstreamType type) {
    switch (type) {
    case UpstreamType::GitHub:
        return {"https://github.com/login/oauth/authorize", "https://github.com/login/oauth/access_token",
                "https://api.github.com/user", "", ""};
    case UpstreamType::Google:
        return {"https://accounts.google.com/o/oauth2/v2/auth", "https://oauth2.googleapis.com/token",
                "https://openidconnect.googleapis.com/v1/userinfo", "https://www.googleapis.com/oauth2/v3/certs",
                "https://accounts.google.com"};
    case UpstreamType::Microsoft:
        return {"https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
                "https://login.microsoftonline.com/common/oauth2/v2.0/token",
                "https://graph.microsoft.com/oidc/userinfo",
                "https://login.microsoftonline.com/common/discovery/v2.0/keys", kMicrosoftIssuer};
    case UpstreamType::Oidc:
        break;
    }
    return {};
}

std::string defaultScopes(UpstreamType type) {
    return type == UpstreamType::GitHub ? "read:user user:email" : "openid email profile";
}

/// GitHub documents client credentials in the form; the others, HTTP Basic.
std::string defaultAuthMethod(UpstreamType type) {
    return type == UpstreamType::GitHub ? "client_secret_post" : "client_secret_basic";
}

void overrideWith(std::string& field, const std::string& configured) {
    if (!configured.empty()) field = configured;
}

Endpoints discover(HttpClient& http, const std::string& issuer) {
    OutboundRequest request;
    request.url = issuer + "/.well-known/openid-configuration";
    request.headers.emplace_back("Accept", "application/json");
    const auto doc = upstream::fetchObject(http, request, "the upstream discovery document");
    // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for.
    if (upstream::text(doc, "issuer") != issuer)
        throw Error(ErrorCode::UpstreamError, "the upstream discovery document names another issuer");
    return {upstream::text(doc, "authorization_endpoint"), upstream::text(doc, "token_endpoint"),
            upstream::text(doc, "userinfo_endpoint"), upstream::text(doc, "jwks_uri"), issuer};
}

std::string basicCredentials(const std::string& id, const std::string& secret) {
    // RFC 6749 §2.3.1 form-encodes both before joining them.
    const auto encode = [](const std::string& value) {
        auto pair = upstream::formEncode({{"", value}});
        return pair.substr(1);
    };
    return "Basic " + crypto::base64Encode(encode(id) + ":" + encode(secret));
}

} // namespace

std::optional<UpstreamType> parseUpstreamType(std::string_view text) noexcept {
    if (text == "github") return UpstreamType::GitHub;
    if (text == "google") return UpstreamType::Google;
    if (text == "microsoft") return UpstreamType::Microsoft;
    if (text == "oidc") return UpstreamType::Oidc;
    return std::nullopt;
}

UpstreamChallenge UpstreamChallenge::generate() {
    return {crypto::randomToken(16), crypto::randomToken(16), crypto::randomToken(32)};
}

UpstreamProvider::UpstreamProvider(UpstreamSettings settings, HttpClient& http, JwksCache& jwks, const Clock& clock)
    : settings_(std::move(settings)), http_(http), jwks_(jwks), clock_(clock) {
    if (settings_.clientId.empty()) throw Error(ErrorCode::InvalidInput, "login.upstream.client_id is required");
    if (settings_.type == UpstreamType::Oidc && settings_.issuer.empty())
        throw Error(ErrorCode::InvalidInput, "login.upstream.issuer is required for type oidc");
    if (settings_.scopes.empty()) settings_.scopes = defaultScopes(settings_.type);
    if (settings_.tokenAuthMethod.empty()) settings_.tokenAuthMethod = defaultAuthMethod(settings_.type);
    if (settings_.tokenAuthMethod != "client_secret_basic" && settings_.tokenAuthMethod != "client_secret_post")
        throw Error(ErrorCode::InvalidInput,
                    "login.upstream.token_auth_method must be client_secret_basic or client_secret_post");
}

std::string UpstreamProvider::providerKey() const {
    switch (settings_.type) {
    case UpstreamType::GitHub: return "github";
    case UpstreamType::Google: return "google";
    case UpstreamType::Microsoft: return "microsoft";
    case UpstreamType::Oidc: break;
    }
    return "oidc:" + settings_.issuer;
}

Endpoints UpstreamProvider::endpoints() {
    std::lock_guard lock(mutex_);
    if (resolved_) return *resolved_;
    // A failed discovery is not cached: the next login tries again.
    auto found = settings_.type == UpstreamType::Oidc ? discover(http_, settings_.issuer) : preset(settings_.type);
    overrideWith(found.authorization, settings_.authorizationEndpoint);
    overrideWith(found.token, settings_.tokenEndpoint);
    overrideWith(found.userinfo, settings_.userinfoEndpoint);
    overrideWith(found.jwks, settings_.jwksUri);
    overrideWith(found.issuer, settings_.issuer);
    if (found.authorization.empty() || found.token.empty())
        throw Error(ErrorCode::UpstreamError, "the upstream provider has no authorization or token endpoint");
    resolved_ = found;
    return found;
}

std::string UpstreamProvider::authorizationUrl(const UpstreamChallenge& challenge) {
    upstream::Fields query{{"response_type", "code"},
                           {"client_id", settings_.clientId},
                           {"redirect_uri", settings_.redirectUri},
                           {"scope", settings_.scopes},
                           {"state", challenge.state},
                           {"code_challenge", crypto::base64UrlEncode(crypto::sha256(challenge.codeVerifier))},
                           {"code_challenge_method", "S256"}};
    if (settings_.type != UpstreamType::GitHub) query.emplace_back("nonce", challenge.nonce);
    return upstream::withQuery(endpoints().authorization, query);
}

std::string UpstreamProvider::exchangeCode(const std::string& code, const UpstreamChallenge& challenge,
                                           std::string& idToken) {
    upstream::Fields form{{"grant_type", "authorization_code"},
                          {"code", code},
                          {"redirect_uri", settings_.redirectUri},
                          {"code_verifier", challenge.codeVerifier}};
    OutboundRequest request;
    request.method = "POST";
    request.url = endpoints().token;
    // GitHub answers form-encoded unless asked for JSON.
    request.headers.emplace_back("Accept", "application/json");
    if (settings_.tokenAuthMethod == "client_secret_post") {
        form.emplace_back("client_id", settings_.clientId);
        form.emplace_back("client_secret", settings_.clientSecret);
    } else {
        request.headers.emplace_back("Authorization", basicCredentials(settings_.clientId, settings_.clientSecret));
    }
    request.contentType = "application/x-www-form-urlencoded";
    request.body = upstream::formEncode(form);
    const auto answer = upstream::fetchObject(http_, request, "the upstream token endpoint");
    const auto accessToken = upstream::text(answer, "access_token");
    if (accessToken.empty()) {
        // GitHub reports a refused code with 200 and an `error` member.
        const auto error = upstream::text(answer, "error");
        throw Error(ErrorCode::UpstreamError,
                    "the upstream token endpoint refused the code" + (error.empty() ? "" : ": " + error.substr(0, 64)));
    }
    idToken = upstream::text(answer, "id_token");
    return accessToken;
}

UpstreamUser UpstreamProvider::redeem(const std::string& code, const UpstreamChallenge& challenge) {
    std::string idToken;
    const auto accessToken = exchangeCode(code, challenge, idToken);
    if (settings_.type == UpstreamType::GitHub) return gitHubUser(accessToken);
    return openIdUser(idToken, accessToken, challenge);
}

} // namespace authcore
