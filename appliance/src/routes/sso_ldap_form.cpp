// SPDX-License-Identifier: Apache-2.0
// The LDAP sign-in form: same look, escaping and headers as /login, and the
// same landing as the SAML ACS and the OIDC callback (sso_landing).
#include "routes/sso_ldap_form.hpp"

#include "app/sso_landing.hpp"
#include "ldap/ldap_login.hpp"
#include "routes/login_page.hpp"

#include <authcore/error.hpp>

#include <algorithm>
#include <cctype>

namespace authcore::appliance {
namespace {

/// The hidden field is always sent; empty means "no return_url" (frontend_url).
std::optional<std::string> givenReturnUrl(const std::string& value) {
    return value.empty() ? std::nullopt : std::optional(value);
}

void showForm(Exchange& ex, int status, const std::string& slug, const std::string& returnUrl,
              const std::string& error) {
    sendLoginHtml(ex, status, renderLdapLoginPage(slug, returnUrl, error));
}

} // namespace

void showLdapLoginForm(Exchange& ex, Context& context) {
    const auto connection = context.ldapLogin->bySlug(ex.param("slug"));
    const auto returnUrl = ex.query("return_url").value_or("");
    // Checked now, so that no form is served that could only fail when posted.
    checkedReturnUrl(givenReturnUrl(returnUrl), context.config.frontendUrl());
    showForm(ex, 200, connection.slug, returnUrl, "");
}

void submitLdapLoginForm(Exchange& ex, Context& context) {
    const auto connection = context.ldapLogin->bySlug(ex.param("slug"));
    auto form = ex.formBody();
    const auto& given = form["return_url"];
    if (!isSameOriginPost(ex, context.config.publicUrl()))
        return showForm(ex, 403, connection.slug, given, "Cross-site sign-in was refused.");
    const auto returnUrl = checkedReturnUrl(givenReturnUrl(given), context.config.frontendUrl());
    try {
        context.ldapLogin->throttle(connection, ex.clientIp(), form["username"]);
        const auto outcome = context.ldapLogin->login(connection, form["username"], form["password"]);
        context.metrics.increment("authcore_sso_logins_total", "protocol", "ldap");
        ex.noStore();
        ex.redirect(landingLocation(returnUrl, outcome));
    } catch (const Error& e) {
        // One message per kind of failure, never which check refused the credentials.
        if (e.code() == ErrorCode::Unauthenticated)
            return showForm(ex, 401, connection.slug, given, "Invalid username or password.");
        if (e.code() == ErrorCode::UpstreamError)
            return showForm(ex, 502, connection.slug, given, "The directory cannot be reached. Try again later.");
        if (e.code() != ErrorCode::RateLimited) throw;
        ex.response().set("Retry-After", std::to_string(e.retryAfterSeconds()));
        showForm(ex, 429, connection.slug, given, "Too many attempts. Try again later.");
    }
}

bool isFormPost(Exchange& ex) {
    auto type = ex.header("Content-Type").value_or("");
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
    return type.rfind("application/x-www-form-urlencoded", 0) == 0;
}

} // namespace authcore::appliance
