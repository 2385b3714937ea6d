// SPDX-License-Identifier: Apache-2.0
// The organization mutations: each is one OrganizationService call.
#include "graphql/organization_views.hpp"

namespace authcore::appliance {
namespace {

using graphql::FieldContext;
using graphql::JsonValue;
using graphql::ResolverResult;

OrganizationService& organizationsOf(const FieldContext& f) { return *callerOf(f).context.organizations; }

ResolverResult setMember(const FieldContext& f) {
    const auto& actor = principalOf(f);
    auto& orgs = organizationsOf(f);
    const auto slug = stringArgument(f, "orgSlug");
    auto member = orgs.setMember(actor, slug, stringArgument(f, "email"), roleArgument(f, "role"));
    // The caller manages this organization, so it reads it too.
    return ResolverResult::object(MembershipNode{orgs.get(actor, slug), std::move(member.user), member.membership.role});
}

} // namespace

void bindOrganizationMutations(graphql::SchemaBuilder& schema) {
    schema.bindField("Mutation", "createOrganization", guarded([](const FieldContext& f) -> ResolverResult {
        return ResolverResult::object(
            organizationsOf(f).create(principalOf(f), stringArgument(f, "slug"), stringArgument(f, "name")));
    }));
    schema.bindField("Mutation", "setMember", guarded(setMember));
    schema.bindField("Mutation", "removeMember", guarded([](const FieldContext& f) -> ResolverResult {
        organizationsOf(f).removeMember(principalOf(f), stringArgument(f, "orgSlug"), stringArgument(f, "userId"));
        return successResponse();
    }));
}

} // namespace authcore::appliance
