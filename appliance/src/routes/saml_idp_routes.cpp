// SPDX-License-Identifier: Apache-2.0
// GET /saml/{org}/{svc}/metadata, GET|POST .../sso, GET|POST .../slo: a service as SAML IdP.
#include "routes/login_page.hpp"
#include "routes/routes.hpp"
#include "saml/idp_endpoints.hpp"

#include <authcore/saml/post_form.hpp>

#include <Poco/URI.h>

#include <memory>

namespace authcore::appliance {
namespace {

constexpr const char* kSessionCookie = "authcore_session";

std::string encodeComponent(const std::string& value) {
    std::string out;
    Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]% ", out);
    return out;
}

std::string originOf(const std::string& url) {
    const Poco::URI uri(url);
    return uri.getScheme() + "://" + uri.getAuthority();
}

// Error pages, never a SAML message: the SP sees nothing it could mistake for an answer.
template <typename Handler>
void guarded(Exchange& ex, Context& context, const char* endpoint, Handler&& handler) {
    try {
        handler();
    } catch (const SamlPageError& e) {
        context.metrics.increment("authcore_saml_idp_refusals_total", "endpoint", endpoint);
        ex.noStore();
        ex.response().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        ex.sendText(e.status, "text/html; charset=utf-8", renderMessagePage(e.title, e.what()));
    }
}

PendingSso pendingOf(Exchange& ex, SamlIdpEndpoints& idp, const SamlRuntime& runtime) {
    if (ex.method() == "POST") {
        auto form = ex.formBody();
        if (!form.count("SAMLRequest")) throw SamlPageError(400, "SAML request refused", "the form has no SAMLRequest");
        std::optional<std::string> relayState;
        if (form.count("RelayState")) relayState = form["RelayState"];
        return idp.accept(runtime, InboundSaml{true, "", form["SAMLRequest"], relayState});
    }
    if (auto ticket = ex.query("resume")) return idp.resume(runtime, *ticket);
    if (ex.query("SAMLRequest")) return idp.accept(runtime, InboundSaml{false, ex.rawQuery(), "", std::nullopt});
    // IdP-initiated: no request, so no InResponseTo; only for an enabled configuration.
    if (!runtime.config.enabled)
        throw SamlPageError(403, "SAML sign-in disabled", "SAML single sign-on is disabled for this service.");
    return PendingSso{std::nullopt, ex.query("RelayState"), false, false};
}

// The auto-submitting form: only its own script may run, and it may post only to the ACS.
void sendPostForm(Exchange& ex, const SamlRuntime& runtime, const std::string& form) {
    ex.noStore();
    ex.response().set("Content-Security-Policy", "default-src 'none'; script-src " + saml::postFormScriptHash() +
                                                     "; form-action " + originOf(runtime.config.acsUrl) +
                                                     "; base-uri 'none'; frame-ancestors 'none'");
    ex.sendText(200, "text/html; charset=utf-8", form);
}

void handleSso(Exchange& ex, Context& context, SamlIdpEndpoints& idp) {
    const auto runtime = idp.runtime(ex.param("org"), ex.param("svc"));
    auto pending = pendingOf(ex, idp, runtime);
    const auto cookie = ex.cookie(kSessionCookie);
    auto session = cookie ? context.auth->resolveSessionDetails(*cookie) : std::nullopt;
    if (session && pending.forceAuthn) { // ForceAuthn: the user signs in again
        context.auth->closeSession(*cookie);
        session.reset();
    }
    if (!session && pending.isPassive) return sendPostForm(ex, runtime, idp.respondNoPassive(runtime, pending));
    if (!session) {
        pending.forceAuthn = false;
        const auto resume = "/saml/" + runtime.organizationSlug + "/" + runtime.serviceSlug +
                            "/sso?resume=" + idp.park(runtime, pending);
        return ex.redirect("/login?return_to=" + encodeComponent(resume));
    }
    sendPostForm(ex, runtime, idp.respond(runtime, pending, *session));
    context.metrics.increment("authcore_saml_idp_responses_total", "binding", ex.method() == "POST" ? "post" : "redirect");
}

InboundSaml sloMessageOf(Exchange& ex) {
    InboundSaml inbound;
    if (ex.method() == "POST") {
        auto form = ex.formBody();
        inbound.post = true;
        inbound.response = form.count("SAMLResponse") > 0;
        inbound.samlValue = form[inbound.response ? "SAMLResponse" : "SAMLRequest"];
        if (form.count("RelayState")) inbound.relayState = form["RelayState"];
        return inbound;
    }
    inbound.rawQuery = ex.rawQuery();
    inbound.response = ex.query("SAMLResponse").has_value();
    return inbound;
}

void handleSlo(Exchange& ex, SamlIdpEndpoints& idp) {
    const auto runtime = idp.runtime(ex.param("org"), ex.param("svc"));
    const auto location = idp.logout(runtime, sloMessageOf(ex), ex.cookie(kSessionCookie));
    ex.noStore();
    ex.redirect(location);
}

} // namespace

void addSamlIdpRoutes(Router& router, Context& context) {
    auto idp = std::make_shared<SamlIdpEndpoints>(context);
    router.add("GET", "/saml/{org}/{svc}/metadata", [idp, &context](Exchange& ex) {
        guarded(ex, context, "metadata", [&] {
            const auto runtime = idp->runtime(ex.param("org"), ex.param("svc"));
            ex.sendText(200, "application/samlmetadata+xml", idp->metadata(runtime));
        });
    });
    for (const char* method : {"GET", "POST"}) {
        router.add(method, "/saml/{org}/{svc}/sso",
                   [idp, &context](Exchange& ex) { guarded(ex, context, "sso", [&] { handleSso(ex, context, *idp); }); });
        router.add(method, "/saml/{org}/{svc}/slo",
                   [idp, &context](Exchange& ex) { guarded(ex, context, "slo", [&] { handleSlo(ex, *idp); }); });
    }
}

} // namespace authcore::appliance
