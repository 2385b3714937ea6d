// SPDX-License-Identifier: Apache-2.0
// The legacy single OIDC config (API.md `PUT GET DELETE /sso/config`, seed 001)
// and its public login URL, `GET /api/v1/sso/login-url?org=`. The config is an
// ordinary OIDC connection underneath (SsoConnectionService::putLegacy).
#include "oidc/relying_party.hpp"
#include "routes/json_views.hpp"
#include "routes/routes.hpp"

#include <authcore/error.hpp>

namespace authcore::appliance {
namespace {

const std::string kConfig = "/api/v1/organizations/{org}/sso/config";

SsoLegacyConfigInput legacyInputFrom(const Poco::JSON::Object::Ptr& body) {
    SsoLegacyConfigInput input;
    input.issuerUrl = requiredString(body, "issuer_url");
    input.clientId = requiredString(body, "client_id");
    input.clientSecret = optionalString(body, "client_secret");
    input.redirectUri = optionalString(body, "redirect_uri").value_or("");
    input.domains = optionalStringList(body, "domains");
    input.jitProvisioning = optionalBool(body, "jit_provisioning");
    return input;
}

/// SsoConfig; `redirect_uri` is the one sent to the provider (ours when none
/// was configured), which is the URI to register there. Never the secret.
Poco::JSON::Object::Ptr configJson(const SsoConnectionView& view, Context& context) {
    const auto& c = view.connection;
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("issuer_url", c.oidc.issuerUrl);
    out->set("client_id", c.oidc.clientId);
    out->set("redirect_uri", context.ssoConnections->oidcRedirectUri(c));
    out->set("created_at", formatTimestamp(c.createdAt));
    out->set("updated_at", formatTimestamp(c.updatedAt));
    out->set("connection_id", c.id);
    out->set("domains", stringArray(c.domains));
    out->set("jit_provisioning", c.jitProvisioning);
    return out;
}

} // namespace

void legacyLoginUrl(Exchange& ex, Context& context) {
    const auto org = ex.query("org").value_or("");
    auto& organizations = context.db->organizations();
    // Slugs have no '_', so an `org_` prefix can only be an id.
    const auto found = org.rfind("org_", 0) == 0 ? organizations.findById(org) : organizations.findBySlug(org);
    const auto view = found ? context.ssoConnections->findLegacy(found->id) : std::nullopt;
    // One answer for an unknown organization and one without a config: organizations are not enumerable.
    if (!view) throw Error(ErrorCode::NotFound, "no legacy SSO configuration for this organization");
    const auto& connection = view->connection;
    const auto redirect = ex.query("redirect_uri");
    const bool ours = connection.oidc.redirectUri.empty();
    // With the app's own redirect_uri the app lands the user; ?redirect_uri= may only repeat it.
    if (redirect && !ours && *redirect != connection.oidc.redirectUri)
        throw Error(ErrorCode::InvalidInput, "redirect_uri must be the configured one (" + connection.oidc.redirectUri + ")");
    const auto started = context.oidcRp->start(connection, ours ? redirect : std::nullopt);
    Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
    out.set("url", started.location);
    out.set("connection_id", connection.id);
    out.set("protocol", std::string(ssoProtocolName(connection.protocol)));
    ex.noStore();
    ex.sendJson(200, out);
}

void addSsoLegacyRoutes(Router& router, Context& context) {
    auto& sso = *context.ssoConnections;
    router.add("PUT", kConfig, [&context, &sso](Exchange& ex) {
        ex.noStore();
        const auto principal = requirePrincipal(ex, context);
        const auto input = legacyInputFrom(ex.jsonBody());
        ex.sendJson(200, *configJson(sso.putLegacy(principal, ex.param("org"), input), context));
    });
    router.add("GET", kConfig, [&context, &sso](Exchange& ex) {
        ex.noStore();
        ex.sendJson(200, *configJson(sso.getLegacy(requirePrincipal(ex, context), ex.param("org")), context));
    });
    router.add("DELETE", kConfig, [&context, &sso](Exchange& ex) {
        sso.removeLegacy(requirePrincipal(ex, context), ex.param("org"));
        ex.sendEmpty(204);
    });
}

} // namespace authcore::appliance
