// SPDX-License-Identifier: Apache-2.0
// What a connection's group_scope_mapping grants a user of the given groups.
#pragma once

#include <authcore/model/membership.hpp>
#include <authcore/model/sso_connection.hpp>

#include <optional>
#include <string>
#include <vector>

namespace authcore {

/// A value that names a role (owner, admin, member) is a role; any other
/// value is a scope. With several roles the highest wins.
struct SsoGroupGrants {
    std::optional<Role> role;
    std::vector<std::string> scopes; ///< in mapping order, without duplicates
};

/// Group DNs are compared case-insensitively (as LDAP compares them), after
/// trimming spaces around the whole value.
SsoGroupGrants mapSsoGroups(const std::vector<SsoMapping>& mapping, const std::vector<std::string>& groups);

} // namespace authcore
