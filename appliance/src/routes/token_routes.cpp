// SPDX-License-Identifier: Apache-2.0
// POST /v1/token, /v1/introspect, /v1/revoke: RFC 6749 / 7662 / 7009 wire format.
#include "routes/routes.hpp"

#include <authcore/crypto/encoding.hpp>
#include <authcore/error.hpp>
#include <authcore/services/token_service.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/URI.h>

namespace authcore::appliance {
namespace {

std::string formDecode(std::string text) {
    std::replace(text.begin(), text.end(), '+', ' ');
    std::string out;
    Poco::URI::decode(text, out);
    return out;
}

// RFC 6749 §2.3.1: Basic credentials are form-encoded before base64. A client
// must use one method only, so Basic plus a form secret is refused.
ClientCredentials credentialsOf(Exchange& ex, const std::map<std::string, std::string>& form) {
    const auto header = ex.header("Authorization");
    const auto formId = form.count("client_id") ? form.at("client_id") : "";
    const auto formSecret = form.count("client_secret") ? form.at("client_secret") : "";
    if (!header || header->rfind("Basic ", 0) != 0) return {formId, formSecret};
    if (!formSecret.empty()) throw OAuthError("invalid_request", "use one client authentication method, not two");
    auto decoded = crypto::base64Decode(header->substr(6));
    const auto colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos) throw OAuthError("invalid_client", "malformed Basic credentials");
    ClientCredentials creds{formDecode(decoded->substr(0, colon)), formDecode(decoded->substr(colon + 1))};
    if (!formId.empty() && formId != creds.clientId) throw OAuthError("invalid_request", "client_id mismatch");
    return creds;
}

std::map<std::string, std::string> requireForm(Exchange& ex) {
    const auto type = ex.header("Content-Type").value_or("");
    if (type.rfind("application/x-www-form-urlencoded", 0) != 0)
        throw OAuthError("invalid_request", "the body must be application/x-www-form-urlencoded");
    return ex.formBody();
}

void sendOAuthError(Exchange& ex, const std::string& code, const std::string& description, int retryAfter) {
    int status = 400;
    if (code == "invalid_client") {
        status = 401;
        ex.response().set("WWW-Authenticate", "Basic realm=\"authcore\"");
    }
    if (code == "sso_required") status = 403; // our extension error (RFC 6749 §8.5)
    if (code == "temporarily_unavailable") status = 503;
    if (code == "server_error") status = 500;
    if (retryAfter > 0) {
        status = 429;
        ex.response().set("Retry-After", std::to_string(retryAfter));
    }
    Poco::JSON::Object body;
    body.set("error", code);
    body.set("error_description", description);
    ex.noStore();
    ex.sendJson(status, body);
}

// Token endpoint errors are RFC 6749 bodies, never the management error format.
template <class F>
void withOAuthErrors(Exchange& ex, Context& context, F&& handle) {
    try {
        handle();
    } catch (const OAuthError& e) {
        sendOAuthError(ex, e.code(), e.what(), e.retryAfter);
    } catch (const BadRequest& bad) {
        sendOAuthError(ex, "invalid_request", bad.message, 0);
    } catch (const Error& e) {
        if (e.code() == ErrorCode::StoreUnavailable)
            return sendOAuthError(ex, "temporarily_unavailable", "the store is unavailable; retry later", 0);
        context.logger.error("token endpoint failure", {{"error", e.what()}});
        sendOAuthError(ex, "server_error", "internal error", 0);
    }
}

void handleToken(Exchange& ex, Context& context) {
    withOAuthErrors(ex, context, [&] {
        const auto form = requireForm(ex);
        const auto result = context.tokenService->token(form, credentialsOf(ex, form));
        context.metrics.increment("authcore_tokens_issued_total", "grant", result.grantType);
        Poco::JSON::Object body;
        body.set("access_token", result.accessToken.token);
        body.set("token_type", "Bearer");
        body.set("expires_in", static_cast<Poco::Int64>(result.accessToken.expiresIn.count()));
        body.set("scope", result.scope);
        if (!result.refreshToken.empty()) body.set("refresh_token", result.refreshToken);
        if (!result.idToken.empty()) body.set("id_token", result.idToken);
        ex.noStore();
        ex.sendJson(200, body);
    });
}

std::string requiredToken(const std::map<std::string, std::string>& form) {
    auto it = form.find("token");
    if (it == form.end() || it->second.empty()) throw OAuthError("invalid_request", "token is required");
    return it->second;
}

} // namespace

void addTokenRoutes(Router& router, Context& context) {
    router.add("POST", "/v1/token", [&context](Exchange& ex) { handleToken(ex, context); });
    router.add("POST", "/v1/introspect", [&context](Exchange& ex) {
        withOAuthErrors(ex, context, [&] {
            const auto form = requireForm(ex);
            const auto answer = context.tokenService->introspect(credentialsOf(ex, form), requiredToken(form));
            ex.noStore();
            ex.sendJson(200, answer);
        });
    });
    router.add("POST", "/v1/revoke", [&context](Exchange& ex) {
        withOAuthErrors(ex, context, [&] {
            const auto form = requireForm(ex);
            context.tokenService->revoke(credentialsOf(ex, form), requiredToken(form));
            ex.noStore();
            ex.sendEmpty(200);
        });
    });
}

} // namespace authcore::appliance
