// SPDX-License-Identifier: Apache-2.0
// Query.me / organizations / organization / auditEvents and the fields of
// User, Membership, Organization and AuditEvent.
#include "graphql/client_views.hpp"
#include "graphql/connection.hpp"
#include "graphql/organization_views.hpp"

#include <authcore/error.hpp>

#include <cctype>

namespace authcore::appliance {
namespace {

using graphql::FieldContext;
using graphql::JsonValue;
using graphql::ResolverResult;

constexpr std::string_view kOrganizationCursor = "organization";
constexpr std::string_view kAuditCursor = "audit";

OrganizationService& organizationsOf(const FieldContext& f) { return *callerOf(f).context.organizations; }

ResolverResult organizationsConnection(const FieldContext& f) {
    const auto page = organizationsOf(f).page(principalOf(f), countArgument(f, "first"),
                                              cursorArgument(f, "after", kOrganizationCursor));
    ConnectionValue connection;
    for (const auto& org : page.organizations)
        connection.edges.push_back({ResolverResult::object(org), cursorOf(kOrganizationCursor, org.slug)});
    connection.hasNextPage = page.hasNextPage;
    // As for clients: a page after a cursor is assumed to have one before it.
    connection.hasPreviousPage = f.argument("after") && !f.argument("after")->isNull();
    return ResolverResult::object(std::move(connection));
}

JsonValue auditEventJson(const AuditEvent& event) {
    auto json = JsonValue::object();
    json.set("id", event.id);
    json.set("at", formatTimestamp(event.at));
    json.set("actor", event.actor);
    json.set("action", event.action);
    json.set("target", event.target.empty() ? JsonValue() : JsonValue(event.target));
    json.set("outcome", event.outcome);
    return json;
}

ResolverResult auditEventsConnection(const FieldContext& f) {
    const auto after = cursorArgument(f, "after", kAuditCursor);
    const auto page =
        organizationsOf(f).auditEvents(principalOf(f), stringArgument(f, "orgSlug"), countArgument(f, "first"), after);
    ConnectionValue connection;
    for (const auto& event : page.events)
        connection.edges.push_back({auditEventJson(event), cursorOf(kAuditCursor, event.id)});
    connection.hasNextPage = page.hasNextPage;
    connection.hasPreviousPage = !after.empty();
    return ResolverResult::object(std::move(connection));
}

void bindUserFields(graphql::SchemaBuilder& schema) {
    bindLeaf<User>(schema, "User", "id", [](const User& u) { return JsonValue(u.id); });
    bindLeaf<User>(schema, "User", "email", [](const User& u) { return JsonValue(u.email); });
    bindLeaf<User>(schema, "User", "name", [](const User& u) { return u.name.empty() ? JsonValue() : JsonValue(u.name); });
    schema.bindField("User", "memberships", guarded([](const FieldContext& f) -> ResolverResult {
        const auto* user = f.parent().as<User>();
        if (!user) return nullptr;
        std::vector<ResolverResult> items;
        for (auto& m : organizationsOf(f).membershipsOf(principalOf(f), user->id))
            items.push_back(ResolverResult::object(MembershipNode{std::move(m.organization), *user, m.role}));
        return ResolverResult::list(std::move(items));
    }));
}

void bindMembershipFields(graphql::SchemaBuilder& schema) {
    using Node = MembershipNode;
    schema.bindField("Membership", "organization", [](const FieldContext& f) -> ResolverResult {
        const auto* m = f.parent().as<Node>();
        return m ? ResolverResult::object(m->organization) : nullptr;
    });
    schema.bindField("Membership", "user", [](const FieldContext& f) -> ResolverResult {
        const auto* m = f.parent().as<Node>();
        return m ? ResolverResult::object(m->user) : nullptr;
    });
    bindLeaf<Node>(schema, "Membership", "role", [](const Node& m) { return JsonValue(roleEnum(m.role)); });
}

void bindOrganizationFields(graphql::SchemaBuilder& schema) {
    using Org = Organization;
    bindLeaf<Org>(schema, "Organization", "id", [](const Org& o) { return JsonValue(o.id); });
    bindLeaf<Org>(schema, "Organization", "slug", [](const Org& o) { return JsonValue(o.slug); });
    bindLeaf<Org>(schema, "Organization", "name", [](const Org& o) { return JsonValue(o.name); });
    bindLeaf<Org>(schema, "Organization", "createdAt", [](const Org& o) { return JsonValue(formatTimestamp(o.createdAt)); });
    schema.bindField("Organization", "members", guarded([](const FieldContext& f) -> ResolverResult {
        const auto* org = f.parent().as<Org>();
        if (!org) return nullptr;
        std::vector<ResolverResult> items;
        for (auto& m : organizationsOf(f).listMembers(principalOf(f), org->slug))
            items.push_back(ResolverResult::object(MembershipNode{*org, std::move(m.user), m.membership.role}));
        return ResolverResult::list(std::move(items));
    }));
}

} // namespace

std::string roleEnum(Role role) {
    std::string name(roleName(role));
    for (auto& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

Role roleArgument(const FieldContext& field, std::string_view name) {
    const auto role = parseRole(stringArgument(field, name));
    if (!role) throw Error(ErrorCode::InvalidInput, std::string(name) + " is not a role");
    return *role;
}

void bindOrganizationQueries(graphql::SchemaBuilder& schema) {
    schema.bindField("Query", "me", guarded([](const FieldContext& f) -> ResolverResult {
        return ResolverResult::object(callerOf(f).context.users->get(principalOf(f).userId));
    }));
    schema.bindField("Query", "organizations", guarded(organizationsConnection));
    schema.bindField("Query", "organization", guarded([](const FieldContext& f) -> ResolverResult {
        return ResolverResult::object(organizationsOf(f).get(principalOf(f), stringArgument(f, "slug")));
    }));
    schema.bindField("Query", "auditEvents", guarded(auditEventsConnection));
    bindConnection(schema, "OrganizationConnection", "OrganizationEdge");
    bindConnection(schema, "AuditEventConnection", "AuditEventEdge");
    bindUserFields(schema);
    bindMembershipFields(schema);
    bindOrganizationFields(schema);
}

} // namespace authcore::appliance
