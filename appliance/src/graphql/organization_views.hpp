// SPDX-License-Identifier: Apache-2.0
// Organizations, users, memberships and audit events as the management
// schema sees them. The rules are OrganizationService's.
#pragma once

#include "graphql/caller.hpp"

#include <authcore/graphql/schema_builder.hpp>
#include <authcore/model/membership.hpp>
#include <authcore/model/organization.hpp>
#include <authcore/model/user.hpp>

#include <string>

namespace authcore::appliance {

/// A Membership in a response: the organization, the member and their role.
struct MembershipNode {
    Organization organization;
    User user;
    Role role = Role::Member;
};

/// The Role enum value ("OWNER", "ADMIN", "MEMBER").
std::string roleEnum(Role role);
/// Required Role argument.
Role roleArgument(const graphql::FieldContext& field, std::string_view name);

void bindOrganizationQueries(graphql::SchemaBuilder& schema);
void bindOrganizationMutations(graphql::SchemaBuilder& schema);

} // namespace authcore::appliance
