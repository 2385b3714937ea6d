// SPDX-License-Identifier: Apache-2.0
// Browser OIDC SSO of an enterprise connection (seed 003): this server is the
// relying party. /auth/sso/{slug}/oidc/login|callback and the SDK-style
// POST /api/v1/sso/oidc/callback.
#include "oidc/relying_party.hpp"
#include "routes/json_views.hpp"
#include "routes/routes.hpp"

#include <authcore/error.hpp>

namespace authcore::appliance {
namespace {

const std::string kOidc = "/auth/sso/{slug}/oidc";

void login(Exchange& ex, Context& context) {
    auto& rp = *context.oidcRp;
    const auto started = rp.start(rp.connection(ex.param("slug")), ex.query("return_url"));
    ex.setCookie(OidcRelyingParty::kStateCookie, started.stateCookie, OidcRelyingParty::kStateSeconds,
                 context.config.secureCookies());
    ex.noStore();
    ex.redirect(started.location);
}

void callback(Exchange& ex, Context& context) {
    auto& rp = *context.oidcRp;
    const auto connection = rp.connection(ex.param("slug"));
    const auto landing = rp.finish(connection, {ex.query("code"), ex.query("state"), ex.query("error"),
                                                ex.cookie(OidcRelyingParty::kStateCookie)});
    context.metrics.increment("authcore_sso_logins_total", "protocol", "oidc");
    ex.setCookie(OidcRelyingParty::kStateCookie, "", 0, context.config.secureCookies());
    ex.noStore();
    ex.redirect(landing.location);
}

void apiCallback(Exchange& ex, Context& context) {
    const auto body = ex.jsonBody();
    const auto found = context.oidcRp->resolve(requiredString(body, "code"), requiredString(body, "state"));
    ex.noStore();
    ex.sendJson(200, *ssoCallbackJson(found.identity, found.subject, found.connectionId));
}

/// Back-Channel Logout 1.0 §2.5/§2.8: a form POST from the provider; 200
/// with no-store (also when no session matched), 400 for a refused token.
void backChannelLogout(Exchange& ex, Context& context) {
    auto& rp = *context.oidcRp;
    const auto connection = rp.connection(ex.param("slug"));
    ex.noStore(); // after the slug lookup: every slug miss answers the same 404
    const auto type = ex.header("Content-Type").value_or("");
    if (type.rfind("application/x-www-form-urlencoded", 0) != 0)
        throw Error(ErrorCode::InvalidInput, "the body must be application/x-www-form-urlencoded");
    const auto form = ex.formBody();
    const auto token = form.find("logout_token");
    rp.backChannelLogout(connection, token == form.end() ? "" : token->second);
    context.metrics.increment("authcore_sso_logouts_total", "protocol", "oidc");
    ex.sendEmpty(200);
}

} // namespace

void addSsoOidcRoutes(Router& router, Context& context) {
    router.add("GET", kOidc + "/login", [&context](Exchange& ex) { login(ex, context); });
    router.add("GET", kOidc + "/callback", [&context](Exchange& ex) { callback(ex, context); });
    router.add("POST", kOidc + "/backchannel-logout", [&context](Exchange& ex) { backChannelLogout(ex, context); });
    router.add("POST", "/api/v1/sso/oidc/callback", [&context](Exchange& ex) { apiCallback(ex, context); });
}

} // namespace authcore::appliance
