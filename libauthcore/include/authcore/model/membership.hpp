// SPDX-License-Identifier: Apache-2.0
// Membership: a user's role in one organization.
#pragma once

#include <authcore/time.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace authcore {

/// Ordered: Owner > Admin > Member.
enum class Role { Member = 0, Admin = 1, Owner = 2 };

/// "owner", "admin", "member".
std::string_view roleName(Role role) noexcept;
/// Case-insensitive inverse of roleName.
std::optional<Role> parseRole(std::string_view text) noexcept;

struct Membership {
    std::string organizationId;
    std::string userId;
    Role role = Role::Member;
    Timestamp createdAt{};
};

} // namespace authcore
