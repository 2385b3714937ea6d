// SPDX-License-Identifier: Apache-2.0
// Principal: who is calling a use case, as established by the HTTP layer.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace authcore {

struct Principal {
    Principal() = default;
    Principal(std::string user, std::string mail, bool admin)
        : userId(std::move(user)), email(std::move(mail)), systemAdmin(admin) {}

    std::string userId; ///< empty for the command line ("system")
    std::string email;
    bool systemAdmin = false;
    /// Set when the caller is a service's API key (userId is then empty):
    /// it may act on that service only, with exactly these permissions.
    std::string apiKeyId;
    std::string apiKeyServiceId;
    std::vector<std::string> apiKeyPermissions;

    /// The CLI and start-up tasks act as the system, with every right.
    static Principal system() { return Principal{"", "system", true}; }
    bool isApiKey() const { return !apiKeyId.empty(); }
    bool isSystem() const { return userId.empty() && systemAdmin; }
    /// What audit events name as the actor.
    std::string actor() const { return isApiKey() ? apiKeyId : userId.empty() ? "system" : userId; }
};

} // namespace authcore
