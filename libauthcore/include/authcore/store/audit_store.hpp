// SPDX-License-Identifier: Apache-2.0
// AuditStore: append-only audit log.
#pragma once

#include <authcore/model/audit_event.hpp>
#include <string>
#include <vector>

namespace authcore {

class AuditStore {
public:
    virtual ~AuditStore() = default;
    /// Appends all events in one transaction.
    virtual void append(const std::vector<AuditEvent>& events) = 0;
    /// Newest first; events of one organization ("" = all); at most `limit`
    /// older than `beforeId` (exclusive, "" = newest).
    virtual std::vector<AuditEvent> list(const std::string& organizationId, const std::string& beforeId,
                                         int limit) = 0;
};

} // namespace authcore
