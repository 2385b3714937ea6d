// SPDX-License-Identifier: Apache-2.0
// GET /login/authorize, GET /login/callback, GET|POST /v1/userinfo: the
// OpenID Provider's browser and UserInfo endpoints (rules in LoginFlow and
// AuthService).
#include "routes/login_page.hpp"
#include "routes/routes.hpp"

#include <authcore/error.hpp>

#include <Poco/JSON/Object.h>

namespace authcore::appliance {
namespace {

constexpr const char* kSessionCookie = "sessionId";
// The cookie only has to outlive one trip to the provider and back.
constexpr long kSessionCookieSeconds = 600;

std::string queryOf(Exchange& ex, const char* name) { return ex.query(name).value_or(""); }

void sendLoginRedirect(Exchange& ex, Context& context, const LoginRedirect& next) {
    if (!next.sessionId.empty())
        ex.setCookie(kSessionCookie, next.sessionId, kSessionCookieSeconds, context.config.secureCookies());
    ex.noStore();
    ex.redirect(next.location);
}

/// A request that cannot be answered with a redirect: a 400 page, never a
/// redirect to a URI the client did not register.
template <class F>
void withLoginPage(Exchange& ex, F&& body) {
    try {
        body();
    } catch (const Error& e) {
        if (e.code() != ErrorCode::InvalidInput) throw;
        ex.noStore();
        ex.response().set("X-Frame-Options", "DENY");
        ex.response().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        ex.sendText(400, "text/html; charset=utf-8", renderMessagePage("Sign-in request refused", e.what()));
    }
}

// RFC 6750 §3: the error travels in WWW-Authenticate, with a JSON copy.
void sendBearerError(Exchange& ex, int status, const std::string& code, const std::string& description) {
    ex.response().set("WWW-Authenticate", "Bearer error=\"" + code + "\", error_description=\"" + description + "\"");
    Poco::JSON::Object body;
    body.set("error", code);
    body.set("error_description", description);
    ex.noStore();
    ex.sendJson(status, body);
}

void handleUserInfo(Exchange& ex, Context& context) {
    const auto header = ex.header("Authorization").value_or("");
    if (header.rfind("Bearer ", 0) != 0) {
        ex.response().set("WWW-Authenticate", "Bearer");
        return sendBearerError(ex, 401, "invalid_token", "a Bearer access token is required");
    }
    User user;
    try {
        user = context.auth->userInfo(header.substr(7));
    } catch (const Error& e) {
        if (e.code() == ErrorCode::Unauthenticated) return sendBearerError(ex, 401, "invalid_token", e.what());
        if (e.code() == ErrorCode::Forbidden) return sendBearerError(ex, 403, "insufficient_scope", e.what());
        throw;
    }
    Poco::JSON::Object body;
    body.set("sub", user.id);
    body.set("email", user.email);
    body.set("email_verified", user.emailVerified);
    body.set("name", user.name);
    ex.noStore();
    ex.sendJson(200, body);
}

} // namespace

void addOpenIdRoutes(Router& router, Context& context) {
    router.add("GET", "/login/authorize", [&context](Exchange& ex) {
        withLoginPage(ex, [&] {
            const AuthorizeRequest request{queryOf(ex, "response_type"), queryOf(ex, "client_id"),
                                           queryOf(ex, "redirect_uri"),  queryOf(ex, "code_challenge"),
                                           queryOf(ex, "code_challenge_method"), queryOf(ex, "state"),
                                           queryOf(ex, "scope"),         queryOf(ex, "nonce")};
            sendLoginRedirect(ex, context, context.login->authorize(request, ex.cookie(kSessionCookie).value_or("")));
        });
    });
    router.add("GET", "/login/callback", [&context](Exchange& ex) {
        withLoginPage(ex, [&] {
            const CallbackRequest request{queryOf(ex, "code"), queryOf(ex, "state"), queryOf(ex, "error")};
            sendLoginRedirect(ex, context, context.login->callback(request, ex.cookie(kSessionCookie).value_or("")));
        });
    });
    router.add("GET", "/v1/userinfo", [&context](Exchange& ex) { handleUserInfo(ex, context); });
    router.add("POST", "/v1/userinfo", [&context](Exchange& ex) { handleUserInfo(ex, context); });
}

} // namespace authcore::appliance
