// SPDX-License-Identifier: Apache-2.0
// Organization.ssoEnforcement, Organization.ssoSessions, setSsoEnforcement and
// revokeSsoSession: SsoPolicyService calls, the same ones REST makes.
#include "graphql/organization_views.hpp"
#include "graphql/service_views.hpp"

#include <authcore/error.hpp>

namespace authcore::appliance {
namespace {

using graphql::FieldContext;
using graphql::JsonValue;
using graphql::ResolverResult;

SsoPolicyService& policyOf(const FieldContext& f) { return *callerOf(f).context.ssoPolicy; }

/// `exemptRoles: [Role!]`: absent or null means none; the schema has already
/// refused names outside the Role enum.
std::vector<Role> exemptRolesOf(const FieldContext& f) {
    std::vector<Role> roles;
    for (const auto& name : stringsOf(f.argument("exemptRoles"))) {
        const auto role = parseRole(name);
        if (!role) throw Error(ErrorCode::InvalidInput, "exemptRoles must hold OWNER, ADMIN or MEMBER");
        roles.push_back(*role);
    }
    return roles;
}

JsonValue enforcementValue(const SsoEnforcement& policy) {
    auto roles = JsonValue::array();
    for (const auto role : policy.exemptRoles) roles.push(roleEnum(role));
    auto json = JsonValue::object();
    json.set("enforced", policy.enforced);
    json.set("exemptRoles", std::move(roles));
    return json;
}

JsonValue sessionValue(const SsoSessionView& s) {
    auto json = JsonValue::object();
    json.set("id", s.id);
    json.set("email", s.email);
    json.set("connectionId", s.connectionId);
    json.set("connectionName", s.connectionName);
    json.set("createdAt", formatTimestamp(s.createdAt));
    json.set("expiresAt", formatTimestamp(s.expiresAt));
    return json;
}

} // namespace

void bindSsoPolicyResolvers(graphql::SchemaBuilder& schema) {
    schema.bindField("Organization", "ssoEnforcement", guarded([](const FieldContext& f) -> ResolverResult {
        const auto* org = f.parent().as<Organization>();
        if (!org) return nullptr;
        return enforcementValue(policyOf(f).getEnforcement(principalOf(f), org->slug));
    }));
    schema.bindField("Organization", "ssoSessions", guarded([](const FieldContext& f) -> ResolverResult {
        const auto* org = f.parent().as<Organization>();
        if (!org) return nullptr;
        auto list = JsonValue::array();
        for (const auto& s : policyOf(f).listSessions(principalOf(f), org->slug)) list.push(sessionValue(s));
        return list;
    }));
    schema.bindField("Mutation", "setSsoEnforcement", guarded([](const FieldContext& f) -> ResolverResult {
        const auto* enforced = f.argument("enforced");
        if (!enforced || !enforced->isBool()) throw Error(ErrorCode::InvalidInput, "enforced is required");
        return enforcementValue(policyOf(f).setEnforcement(principalOf(f), stringArgument(f, "orgSlug"),
                                                           enforced->asBool(), exemptRolesOf(f)));
    }));
    schema.bindField("Mutation", "revokeSsoSession", guarded([](const FieldContext& f) -> ResolverResult {
        policyOf(f).revokeSession(principalOf(f), stringArgument(f, "orgSlug"), stringArgument(f, "id"));
        return successResponse();
    }));
}

} // namespace authcore::appliance
