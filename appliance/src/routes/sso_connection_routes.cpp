// SPDX-License-Identifier: Apache-2.0
// Enterprise SSO connections of an organization (API.md, seed 001), and the two
// public look-ups: which connection a domain logs in with, and a slug's protocol.
// Secrets are write-only: no view here has a field that could carry one.
#include "routes/json_views.hpp"
#include "routes/login_page.hpp"
#include "routes/routes.hpp"

#include <authcore/error.hpp>

namespace authcore::appliance {
namespace {

const std::string kConnections = "/api/v1/organizations/{org}/sso/connections";
const std::string kConnection = kConnections + "/{id}";

std::optional<std::vector<SsoMapping>> mappingFrom(const Poco::JSON::Object::Ptr& body, const std::string& field) {
    auto pairs = optionalStringMap(body, field);
    if (!pairs) return std::nullopt;
    std::vector<SsoMapping> mapping;
    for (auto& [key, value] : *pairs) mapping.push_back({std::move(key), std::move(value)});
    return mapping;
}

std::optional<Role> optionalRole(const Poco::JSON::Object::Ptr& body) {
    if (!optionalString(body, "default_role")) return std::nullopt;
    return requiredRole(body, "default_role");
}

SsoSettingsInput settingsFrom(const Poco::JSON::Object::Ptr& body) {
    SsoSettingsInput s;
    for (const auto& field : ssoTextSettingFields()) s.*field.member = optionalString(body, field.restName);
    s.groupScopeMapping = mappingFrom(body, "group_scope_mapping");
    s.startTls = optionalBool(body, "start_tls");
    s.ldapTimeoutMs = optionalInteger(body, "ldap_timeout_ms");
    return s;
}

NewSsoConnection newConnectionFrom(const Poco::JSON::Object::Ptr& body) {
    NewSsoConnection input;
    input.name = requiredString(body, "name");
    input.protocol = requiredString(body, "protocol");
    input.slug = optionalString(body, "slug");
    input.domains = optionalStringList(body, "domains").value_or(std::vector<std::string>{});
    input.jitProvisioning = optionalBool(body, "jit_provisioning");
    input.defaultRole = optionalRole(body);
    input.attributeMapping = mappingFrom(body, "attribute_mapping").value_or(std::vector<SsoMapping>{});
    input.sessionLifetimeSeconds = optionalInteger(body, "session_lifetime_seconds");
    input.settings = settingsFrom(body);
    return input;
}

SsoConnectionChanges changesFrom(const Poco::JSON::Object::Ptr& body) {
    if (body->has("protocol") || body->has("slug"))
        throw Error(ErrorCode::InvalidInput, "protocol and slug cannot be changed; create a new connection");
    SsoConnectionChanges changes;
    changes.name = optionalString(body, "name");
    changes.domains = optionalStringList(body, "domains");
    changes.jitProvisioning = optionalBool(body, "jit_provisioning");
    changes.defaultRole = optionalRole(body);
    changes.attributeMapping = mappingFrom(body, "attribute_mapping");
    changes.status = optionalString(body, "status");
    changes.sessionLifetimeSeconds = optionalInteger(body, "session_lifetime_seconds");
    changes.settings = settingsFrom(body);
    return changes;
}

Poco::JSON::Object::Ptr mappingJson(const std::vector<SsoMapping>& mapping) {
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& [field, attribute] : mapping) out->set(field, attribute);
    return out;
}

Poco::Dynamic::Var orNull(const std::string& text) {
    return text.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(text);
}

void setSettings(Poco::JSON::Object& out, const SsoConnection& c) {
    if (c.protocol == SsoProtocol::Oidc) {
        out.set("issuer_url", c.oidc.issuerUrl);
        out.set("client_id", c.oidc.clientId);
        out.set("scopes", c.oidc.scopes);
        out.set("token_auth_method", c.oidc.tokenAuthMethod);
    } else if (c.protocol == SsoProtocol::Saml) {
        out.set("idp_metadata_url", orNull(c.saml.idpMetadataUrl));
        out.set("idp_metadata_xml", orNull(c.saml.idpMetadataXml));
        out.set("acs_url", c.saml.acsUrl);
        out.set("sp_entity_id", c.saml.spEntityId);
    } else {
        out.set("ldap_url", c.ldap.ldapUrl);
        out.set("bind_dn", c.ldap.bindDn);
        out.set("user_base_dn", c.ldap.userBaseDn);
        out.set("user_filter", c.ldap.userFilter);
        out.set("group_base_dn", orNull(c.ldap.groupBaseDn));
        out.set("group_filter", orNull(c.ldap.groupFilter));
        out.set("group_scope_mapping", mappingJson(c.ldap.groupScopeMapping));
        out.set("start_tls", c.ldap.startTls);
        out.set("ca_cert_pem", orNull(c.ldap.caCertPem));
        out.set("ldap_timeout_ms", static_cast<Poco::Int64>(c.ldap.timeoutMs));
    }
}

/// SsoConnection: the view's fields, never a secret (the view holds none).
Poco::JSON::Object::Ptr connectionJson(const SsoConnectionView& view) {
    const auto& c = view.connection;
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("id", c.id);
    out->set("name", c.name);
    out->set("slug", c.slug);
    out->set("protocol", std::string(ssoProtocolName(c.protocol)));
    out->set("status", std::string(ssoConnectionStatusName(c.status)));
    out->set("domains", stringArray(c.domains));
    out->set("jit_provisioning", c.jitProvisioning);
    out->set("default_role", std::string(roleName(c.defaultRole)));
    out->set("attribute_mapping", mappingJson(c.attributeMapping));
    out->set("session_lifetime_seconds", static_cast<Poco::Int64>(c.sessionTtlSeconds));
    setSettings(*out, c);
    out->set("created_at", formatTimestamp(c.createdAt));
    out->set("updated_at", formatTimestamp(c.updatedAt));
    return out;
}

void addCollectionRoutes(Router& router, Context& context) {
    auto& sso = *context.ssoConnections;
    router.add("POST", kConnections, [&context, &sso](Exchange& ex) {
        ex.noStore();
        const auto principal = requirePrincipal(ex, context);
        ex.sendJson(201, *connectionJson(sso.create(principal, ex.param("org"), newConnectionFrom(ex.jsonBody()))));
    });
    router.add("GET", kConnections, [&context, &sso](Exchange& ex) {
        ex.noStore();
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& view : sso.list(requirePrincipal(ex, context), ex.param("org")))
            list->add(connectionJson(view));
        Poco::JSON::Object out;
        out.set("connections", list);
        ex.sendJson(200, out);
    });
}

void addItemRoutes(Router& router, Context& context) {
    auto& sso = *context.ssoConnections;
    router.add("GET", kConnection, [&context, &sso](Exchange& ex) {
        ex.noStore();
        const auto principal = requirePrincipal(ex, context);
        ex.sendJson(200, *connectionJson(sso.get(principal, ex.param("org"), ex.param("id"))));
    });
    router.add("PATCH", kConnection, [&context, &sso](Exchange& ex) {
        ex.noStore();
        const auto principal = requirePrincipal(ex, context);
        const auto changes = changesFrom(ex.jsonBody());
        ex.sendJson(200, *connectionJson(sso.update(principal, ex.param("org"), ex.param("id"), changes)));
    });
    router.add("DELETE", kConnection, [&context, &sso](Exchange& ex) {
        sso.remove(requirePrincipal(ex, context), ex.param("org"), ex.param("id"));
        ex.sendEmpty(204);
    });
}

/// `{url, connection_id, protocol}` for the active connection claiming `?domain=`
/// (or, with `?org=`, the organization's legacy config).
void loginUrl(Exchange& ex, Context& context) {
    const auto domain = ex.query("domain");
    const auto org = ex.query("org");
    if (domain.has_value() == org.has_value())
        throw Error(ErrorCode::InvalidInput, "give exactly one of domain and org");
    if (org) return legacyLoginUrl(ex, context);
    if (domain->empty()) throw Error(ErrorCode::InvalidInput, "domain is required");
    const auto redirect = ex.query("redirect_uri");
    const auto frontend = context.config.frontendUrl();
    if (redirect && (redirect->empty() || redirect->front() == '/' || !isSafeReturnTo(*redirect, frontend)))
        throw Error(ErrorCode::InvalidInput, "redirect_uri must be a URL under frontend_url (" + frontend + ")");
    const auto view = context.ssoConnections->findByDomain(*domain);
    if (!view) throw Error(ErrorCode::NotFound, "no SSO connection claims this domain");
    auto url = context.ssoConnections->loginUrl(view->connection);
    if (redirect) url += "?return_url=" + urlEncode(*redirect);
    Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
    out.set("url", url);
    out.set("connection_id", view->connection.id);
    out.set("protocol", std::string(ssoProtocolName(view->connection.protocol)));
    ex.sendJson(200, out);
}

} // namespace

void addSsoConnectionRoutes(Router& router, Context& context) {
    addCollectionRoutes(router, context);
    addItemRoutes(router, context);
    router.add("GET", "/api/v1/sso/login-url", [&context](Exchange& ex) { loginUrl(ex, context); });
    router.add("GET", "/auth/sso/{slug}/protocol", [&context](Exchange& ex) {
        const auto view = context.ssoConnections->findBySlug(ex.param("slug"));
        // One answer for every unknown or inactive slug: tenants are not enumerable.
        if (!view) throw Error(ErrorCode::NotFound, "not found");
        Poco::JSON::Object out;
        out.set("protocol", std::string(ssoProtocolName(view->connection.protocol)));
        ex.sendJson(200, out);
    });
}

} // namespace authcore::appliance
