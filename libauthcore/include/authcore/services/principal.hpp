// SPDX-License-Identifier: Apache-2.0
// Principal: who is calling a use case, as established by the HTTP layer.
#pragma once

#include <string>

namespace authcore {

struct Principal {
    std::string userId; ///< empty for the command line ("system")
    std::string email;
    bool systemAdmin = false;

    /// The CLI and start-up tasks act as the system, with every right.
    static Principal system() { return Principal{"", "system", true}; }
    bool isSystem() const { return userId.empty() && systemAdmin; }
    /// What audit events name as the actor.
    std::string actor() const { return userId.empty() ? "system" : userId; }
};

} // namespace authcore
