// SPDX-License-Identifier: Apache-2.0
// Browser SAML SSO of an enterprise connection (seed 003): this server is the
// SP. /auth/sso/{slug}/saml/metadata|login|acs|slo, the SDK-style
// POST /api/v1/sso/saml/callback, and the connection test.
#include "app/sso_connection_test.hpp"
#include "routes/json_views.hpp"
#include "routes/routes.hpp"
#include "saml/service_provider.hpp"

#include <authcore/error.hpp>

namespace authcore::appliance {
namespace {

const std::string kSaml = "/auth/sso/{slug}/saml";

void acs(Exchange& ex, Context& context) {
    auto& sp = *context.samlSp;
    const auto runtime = sp.runtime(ex.param("slug"));
    auto form = ex.formBody();
    const auto response = form.find("SAMLResponse");
    if (response == form.end() || response->second.empty())
        throw Error(ErrorCode::InvalidInput, "the form has no SAMLResponse");
    std::optional<std::string> relayState;
    if (const auto relay = form.find("RelayState"); relay != form.end()) relayState = relay->second;
    const auto landing = sp.consume(runtime, response->second, relayState);
    context.metrics.increment("authcore_sso_logins_total", "protocol", "saml");
    ex.noStore();
    ex.redirect(landing.location);
}

void apiCallback(Exchange& ex, Context& context) {
    const auto body = ex.jsonBody();
    const auto found = context.samlSp->resolve(requiredString(body, "saml_response"), requiredString(body, "relay_state"));
    ex.noStore();
    ex.sendJson(200, *ssoCallbackJson(found.identity, found.subject, found.connectionId));
}

void connectionTest(Exchange& ex, Context& context) {
    const auto result = testSsoConnection(context, requirePrincipal(ex, context), ex.param("org"), ex.param("id"));
    Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
    out.set("success", result.success);
    out.set("message", result.message);
    out.set("response_time_ms", result.responseTimeMs);
    ex.sendJson(200, out);
}

} // namespace

void addSsoSamlRoutes(Router& router, Context& context) {
    router.add("GET", kSaml + "/metadata", [&context](Exchange& ex) {
        const auto runtime = context.samlSp->runtime(ex.param("slug"));
        ex.sendText(200, "application/samlmetadata+xml", context.samlSp->metadata(runtime));
    });
    router.add("GET", kSaml + "/login", [&context](Exchange& ex) {
        const auto runtime = context.samlSp->runtime(ex.param("slug"));
        const auto location = context.samlSp->loginRedirect(runtime, ex.query("return_url"));
        ex.noStore();
        ex.redirect(location);
    });
    router.add("POST", kSaml + "/acs", [&context](Exchange& ex) { acs(ex, context); });
    router.add("GET", kSaml + "/slo", [&context](Exchange& ex) {
        const auto runtime = context.samlSp->runtime(ex.param("slug"));
        const auto location = context.samlSp->logout(runtime, ex.rawQuery());
        ex.noStore();
        ex.redirect(location);
    });
    router.add("POST", "/api/v1/sso/saml/callback", [&context](Exchange& ex) { apiCallback(ex, context); });
    router.add("POST", "/api/v1/organizations/{org}/sso/connections/{id}/test",
               [&context](Exchange& ex) { connectionTest(ex, context); });
}

} // namespace authcore::appliance
