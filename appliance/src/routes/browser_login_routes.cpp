// SPDX-License-Identifier: Apache-2.0
// GET/POST /login, POST /logout, GET /: the server's own browser login.
#include "routes/login_page.hpp"
#include "routes/routes.hpp"

#include <authcore/error.hpp>

namespace authcore::appliance {
namespace {

constexpr const char* kSessionCookie = "authcore_session";

bool sameOrigin(Exchange& ex, Context& context) { return isSameOriginPost(ex, context.config.publicUrl()); }

void showForm(Exchange& ex, int status, const std::string& returnTo, const std::string& error) {
    sendLoginHtml(ex, status, renderLoginPage(returnTo, error));
}

void handleLoginPost(Exchange& ex, Context& context) {
    if (!sameOrigin(ex, context)) return showForm(ex, 403, "/", "Cross-site sign-in was refused.");
    auto form = ex.formBody();
    const auto returnTo = safeReturnTo(form.count("return_to") ? form["return_to"] : "", context.config.frontendUrl());
    try {
        const auto user = context.auth->authenticatePassword(form["email"], form["password"], ex.clientIp());
        context.ssoPolicy->requirePasswordAllowed(user); // after the password, so the policy stays private
        const auto session = context.auth->openSession(user);
        ex.setCookie(kSessionCookie, session, context.auth->sessionLifetime().count(), context.config.secureCookies());
        ex.noStore();
        ex.redirect(returnTo);
    } catch (const Error& e) {
        if (e.code() == ErrorCode::Unauthenticated) return showForm(ex, 401, returnTo, "Invalid email or password.");
        if (e.code() == ErrorCode::SsoRequired) return showForm(ex, 403, returnTo, e.what());
        if (e.code() == ErrorCode::RateLimited) {
            ex.response().set("Retry-After", std::to_string(e.retryAfterSeconds()));
            return showForm(ex, 429, returnTo, "Too many attempts. Try again later.");
        }
        throw;
    }
}

} // namespace

void addBrowserLoginRoutes(Router& router, Context& context) {
    router.add("GET", "/login", [&context](Exchange& ex) {
        const auto returnTo = safeReturnTo(ex.query("return_to").value_or(""), context.config.frontendUrl());
        const auto cookie = ex.cookie(kSessionCookie);
        if (cookie && context.auth->resolveSession(*cookie)) return ex.redirect(returnTo);
        showForm(ex, 200, returnTo, "");
    });
    router.add("POST", "/login", [&context](Exchange& ex) { handleLoginPost(ex, context); });
    router.add("POST", "/logout", [&context](Exchange& ex) {
        if (!sameOrigin(ex, context)) return showForm(ex, 403, "/", "Cross-site sign-out was refused.");
        if (auto cookie = ex.cookie(kSessionCookie)) context.auth->closeSession(*cookie);
        ex.setCookie(kSessionCookie, "", 0, context.config.secureCookies());
        ex.redirect("/login");
    });
    router.add("GET", "/", [&context](Exchange& ex) {
        const auto cookie = ex.cookie(kSessionCookie);
        const auto user = cookie ? context.auth->resolveSession(*cookie) : std::nullopt;
        if (!user) return ex.redirect("/login");
        ex.noStore();
        ex.sendText(200, "text/html; charset=utf-8", renderSignedInPage(user->email));
    });
}

} // namespace authcore::appliance
