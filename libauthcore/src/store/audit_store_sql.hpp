// SPDX-License-Identifier: Apache-2.0
// AuditStoreSql: AuditStore on the SQL executor.
#pragma once

#include "store/executor.hpp"

#include <authcore/store/audit_store.hpp>

namespace authcore::sql {

class AuditStoreSql final : public AuditStore {
public:
    explicit AuditStoreSql(Executor& executor) : executor_(executor) {}

    void append(const std::vector<AuditEvent>& events) override;
    std::vector<AuditEvent> list(const std::string& organizationId, const std::string& beforeId, int limit) override;

private:
    Executor& executor_;
};

} // namespace authcore::sql
