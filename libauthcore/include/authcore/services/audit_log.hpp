// SPDX-License-Identifier: Apache-2.0
// AuditLog: buffers audit events and writes them in batches.
#pragma once

#include <authcore/model/audit_event.hpp>
#include <authcore/store/audit_store.hpp>
#include <authcore/time.hpp>
#include <mutex>
#include <string>
#include <vector>

namespace authcore {

class AuditLog {
public:
    /// Flushes on its own once `batchSize` events are buffered; the host
    /// calls flush() periodically and at shutdown.
    AuditLog(AuditStore& store, const Clock& clock, std::size_t batchSize = 256);
    /// Buffers one event (id and time filled in). Never throws.
    void record(std::string organizationId, std::string actor, std::string action, std::string target,
                bool success);
    /// Writes what is buffered; on a store failure keeps the events for the
    /// next flush (bounded) and rethrows.
    void flush();
    std::size_t pending() const;
    /// AuditStore::list after a flush(), so every recorded event shows;
    /// throws what flush() or the store throws.
    std::vector<AuditEvent> list(const std::string& organizationId, const std::string& beforeId, int limit);

private:
    AuditStore& store_;
    const Clock& clock_;
    std::size_t batchSize_;
    mutable std::mutex mutex_;
    std::vector<AuditEvent> buffer_;
};

} // namespace authcore
