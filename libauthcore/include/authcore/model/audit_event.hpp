// SPDX-License-Identifier: Apache-2.0
// AuditEvent: one recorded management or authentication action.
#pragma once

#include <authcore/time.hpp>
#include <string>

namespace authcore {

struct AuditEvent {
    std::string id; ///< `evt_...`, sortable by time
    Timestamp at{};
    std::string organizationId; ///< empty for events outside any organization
    std::string actor;          ///< user id, client id or "system"
    std::string action;         ///< e.g. "organization.create", "auth.login"
    std::string target;         ///< what was acted upon; may be empty
    std::string outcome;        ///< "success" or "failure"
};

} // namespace authcore
