// SPDX-License-Identifier: Apache-2.0
// Query.ssoConnection, Organization.ssoConnections and the SSO connection
// mutations. Every call is an SsoConnectionService call, the same ones REST
// makes; the SsoConnection type has no field a secret could reach.
#include "app/sso_connection_test.hpp"
#include "graphql/organization_views.hpp"
#include "graphql/service_views.hpp"

#include <authcore/error.hpp>

#include <cctype>

namespace authcore::appliance {
namespace {

using graphql::FieldContext;
using graphql::JsonValue;
using graphql::ResolverResult;

SsoConnectionService& ssoOf(const FieldContext& f) { return *callerOf(f).context.ssoConnections; }

std::optional<bool> optionalBool(const JsonValue& input, std::string_view name) {
    const auto* value = input.find(name);
    if (!value || !value->isBool()) return std::nullopt;
    return value->asBool();
}

std::optional<Role> optionalRole(const JsonValue& input) {
    const auto text = optionalString(input, "defaultRole");
    if (!text) return std::nullopt;
    const auto role = parseRole(*text);
    if (!role) throw Error(ErrorCode::InvalidInput, "defaultRole must be MEMBER or ADMIN");
    return role;
}

/// An [AttributeMappingInput!] member; nullopt when absent or null.
std::optional<std::vector<SsoMapping>> optionalMapping(const JsonValue& input, std::string_view name) {
    const auto* list = input.find(name);
    if (!list || !list->isArray()) return std::nullopt;
    std::vector<SsoMapping> mapping;
    for (const auto& item : list->asArray())
        mapping.push_back({optionalString(item, "field").value_or(""), optionalString(item, "attribute").value_or("")});
    return mapping;
}

SsoSettingsInput settingsOf(const JsonValue& input) {
    SsoSettingsInput s;
    for (const auto& field : ssoTextSettingFields()) s.*field.member = optionalString(input, field.graphqlName);
    s.groupScopeMapping = optionalMapping(input, "groupScopeMapping");
    s.startTls = optionalBool(input, "startTls");
    s.ldapTimeoutMs = optionalInt(input, "ldapTimeoutMs");
    return s;
}

NewSsoConnection newConnection(const JsonValue& input) {
    NewSsoConnection out;
    out.name = optionalString(input, "name").value_or("");
    out.protocol = optionalString(input, "protocol").value_or("");
    out.slug = optionalString(input, "slug");
    out.domains = optionalStrings(input, "domains").value_or(std::vector<std::string>{});
    out.jitProvisioning = optionalBool(input, "jitProvisioning");
    out.defaultRole = optionalRole(input);
    out.attributeMapping = optionalMapping(input, "attributeMapping").value_or(std::vector<SsoMapping>{});
    out.sessionLifetimeSeconds = optionalInt(input, "sessionLifetimeSeconds");
    out.settings = settingsOf(input);
    return out;
}

SsoConnectionChanges connectionChanges(const JsonValue& input) {
    SsoConnectionChanges out;
    out.name = optionalString(input, "name");
    out.domains = optionalStrings(input, "domains");
    out.jitProvisioning = optionalBool(input, "jitProvisioning");
    out.defaultRole = optionalRole(input);
    out.attributeMapping = optionalMapping(input, "attributeMapping");
    out.status = optionalString(input, "status");
    out.sessionLifetimeSeconds = optionalInt(input, "sessionLifetimeSeconds");
    // The update input has only the option settings (scopes, tokenAuthMethod, ldapTimeoutMs).
    out.settings = settingsOf(input);
    return out;
}

JsonValue mappingValue(const std::vector<SsoMapping>& mapping) {
    auto list = JsonValue::array();
    for (const auto& [field, attribute] : mapping) {
        auto item = JsonValue::object();
        item.set("field", field);
        item.set("attribute", attribute);
        list.push(std::move(item));
    }
    return list;
}

/// The options of the connection's protocol; null for the others.
void setOptions(JsonValue& json, const SsoConnection& c) {
    const bool oidc = c.protocol == SsoProtocol::Oidc;
    json.set("scopes", oidc ? JsonValue(c.oidc.scopes) : JsonValue());
    json.set("tokenAuthMethod", oidc ? JsonValue(c.oidc.tokenAuthMethod) : JsonValue());
    json.set("ldapTimeoutMs", c.protocol == SsoProtocol::Ldap ? JsonValue(c.ldap.timeoutMs) : JsonValue());
}

/// SsoConnection: the contract's fields and the option extensions.
JsonValue connectionValue(const SsoConnectionView& view) {
    const auto& c = view.connection;
    std::string protocol(ssoProtocolName(c.protocol));
    for (auto& ch : protocol) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    auto json = JsonValue::object();
    json.set("id", c.id);
    json.set("name", c.name);
    json.set("slug", c.slug);
    json.set("protocol", protocol);
    json.set("status", std::string(ssoConnectionStatusName(c.status)));
    json.set("domains", stringList(c.domains));
    json.set("jitProvisioning", c.jitProvisioning);
    json.set("defaultRole", roleEnum(c.defaultRole));
    json.set("attributeMapping", mappingValue(c.attributeMapping));
    json.set("sessionLifetimeSeconds", c.sessionTtlSeconds);
    setOptions(json, c);
    json.set("createdAt", formatTimestamp(c.createdAt));
    json.set("updatedAt", formatTimestamp(c.updatedAt));
    return json;
}

} // namespace

void bindSsoConnectionResolvers(graphql::SchemaBuilder& schema) {
    schema.bindField("Organization", "ssoConnections", guarded([](const FieldContext& f) -> ResolverResult {
        const auto* org = f.parent().as<Organization>();
        if (!org) return nullptr;
        auto list = JsonValue::array();
        for (const auto& view : ssoOf(f).list(principalOf(f), org->slug)) list.push(connectionValue(view));
        return list;
    }));
    schema.bindField("Query", "ssoConnection", guarded([](const FieldContext& f) -> ResolverResult {
        return connectionValue(ssoOf(f).get(principalOf(f), stringArgument(f, "orgSlug"), stringArgument(f, "id")));
    }));
    schema.bindField("Mutation", "createSsoConnection", guarded([](const FieldContext& f) -> ResolverResult {
        return connectionValue(
            ssoOf(f).create(principalOf(f), stringArgument(f, "orgSlug"), newConnection(inputArgument(f))));
    }));
    schema.bindField("Mutation", "updateSsoConnection", guarded([](const FieldContext& f) -> ResolverResult {
        return connectionValue(ssoOf(f).update(principalOf(f), stringArgument(f, "orgSlug"), stringArgument(f, "id"),
                                               connectionChanges(inputArgument(f))));
    }));
    schema.bindField("Mutation", "deleteSsoConnection", guarded([](const FieldContext& f) -> ResolverResult {
        ssoOf(f).remove(principalOf(f), stringArgument(f, "orgSlug"), stringArgument(f, "id"));
        return successResponse();
    }));
    schema.bindField("Mutation", "testSsoConnection", guarded([](const FieldContext& f) -> ResolverResult {
        const auto result = testSsoConnection(callerOf(f).context, principalOf(f), stringArgument(f, "orgSlug"),
                                              stringArgument(f, "id"));
        auto json = JsonValue::object();
        json.set("success", result.success);
        json.set("message", result.message);
        json.set("responseTimeMs", static_cast<std::int64_t>(result.responseTimeMs));
        return json;
    }));
}

} // namespace authcore::appliance
