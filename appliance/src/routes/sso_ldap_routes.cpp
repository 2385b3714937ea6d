// SPDX-License-Identifier: Apache-2.0
// LDAP SSO of an enterprise connection (docs/sso-ldap.md): the browser login
// /auth/sso/{slug}/ldap/login (JSON, or the HTML form of sso_ldap_form.cpp) and
// the SDK-style POST /api/v1/sso/ldap/callback.
#include "ldap/ldap_login.hpp"
#include "routes/json_views.hpp"
#include "routes/sso_ldap_form.hpp"
#include "routes/routes.hpp"

#include <authcore/error.hpp>

namespace authcore::appliance {
namespace {

/// A missing username or password is a refused login (401), not a malformed request.
std::string field(const Poco::JSON::Object::Ptr& body, const std::string& name) {
    return optionalString(body, name).value_or("");
}

void login(Exchange& ex, Context& context) {
    ex.noStore();
    const auto connection = context.ldapLogin->bySlug(ex.param("slug"));
    const auto body = ex.jsonBody();
    const auto username = field(body, "username");
    context.ldapLogin->throttle(connection, ex.clientIp(), username);
    const auto outcome = context.ldapLogin->login(connection, username, field(body, "password"));
    context.metrics.increment("authcore_sso_logins_total", "protocol", "ldap");
    Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
    if (outcome.code.empty()) out.set("link_token", outcome.linkToken);
    else out.set("code", outcome.code);
    ex.sendJson(200, out);
}

void apiCallback(Exchange& ex, Context& context) {
    ex.noStore();
    const auto body = ex.jsonBody();
    const auto connection = context.ldapLogin->byId(requiredString(body, "connection_id"));
    const auto username = field(body, "username");
    context.ldapLogin->throttle(connection, ex.clientIp(), username);
    const auto verified = context.ldapLogin->verify(connection, username, field(body, "password"));
    const auto identity = context.ssoLogin->resolve(connection, verified.assertion);
    Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
    out.set("email", identity.email);
    out.set("name", identity.name);
    out.set("subject", verified.assertion.subject);
    out.set("user_id", identity.user.id);
    out.set("connection_id", connection.id);
    out.set("jit_provisioned", identity.jitProvisioned);
    ex.sendJson(200, out);
}

} // namespace

void addSsoLdapRoutes(Router& router, Context& context) {
    router.add("GET", "/auth/sso/{slug}/ldap/login", [&context](Exchange& ex) { showLdapLoginForm(ex, context); });
    router.add("POST", "/auth/sso/{slug}/ldap/login", [&context](Exchange& ex) {
        if (isFormPost(ex)) return submitLdapLoginForm(ex, context);
        login(ex, context);
    });
    router.add("POST", "/api/v1/sso/ldap/callback", [&context](Exchange& ex) { apiCallback(ex, context); });
}

} // namespace authcore::appliance
