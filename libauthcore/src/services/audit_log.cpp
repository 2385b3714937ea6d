// SPDX-License-Identifier: Apache-2.0
// Batched audit writing: hot paths never wait for the database.
#include <authcore/crypto/random.hpp>
#include <authcore/services/audit_log.hpp>

namespace authcore {
namespace {
// Keeps memory bounded when the store stays down for long.
constexpr std::size_t kMaxBuffered = 100000;
} // namespace

AuditLog::AuditLog(AuditStore& store, const Clock& clock, std::size_t batchSize)
    : store_(store), clock_(clock), batchSize_(batchSize) {}

void AuditLog::record(std::string organizationId, std::string actor, std::string action, std::string target,
                      bool success) {
    bool full = false;
    {
        std::lock_guard lock(mutex_);
        if (buffer_.size() >= kMaxBuffered) buffer_.erase(buffer_.begin());
        buffer_.push_back(AuditEvent{crypto::sequencedId("evt_"), clock_.now(), std::move(organizationId),
                                     std::move(actor), std::move(action), std::move(target),
                                     success ? "success" : "failure"});
        full = buffer_.size() >= batchSize_;
    }
    if (full) {
        try {
            flush();
        } catch (...) {
            // Kept for the next periodic flush; recording must not fail the caller.
        }
    }
}

void AuditLog::flush() {
    std::vector<AuditEvent> batch;
    {
        std::lock_guard lock(mutex_);
        batch.swap(buffer_);
    }
    if (batch.empty()) return;
    try {
        store_.append(batch);
    } catch (...) {
        std::lock_guard lock(mutex_);
        batch.insert(batch.end(), buffer_.begin(), buffer_.end());
        buffer_.swap(batch);
        throw;
    }
}

std::size_t AuditLog::pending() const {
    std::lock_guard lock(mutex_);
    return buffer_.size();
}

std::vector<AuditEvent> AuditLog::list(const std::string& organizationId, const std::string& beforeId, int limit) {
    flush();
    return store_.list(organizationId, beforeId, limit);
}

} // namespace authcore
