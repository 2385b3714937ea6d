// SPDX-License-Identifier: Apache-2.0
// Pooled execution of store operations: transactions, error mapping, recovery.
#include "store/executor.hpp"

#include "store/store_error.hpp"
#include "store/transaction.hpp"

#include <utility>

namespace authcore::sql {
namespace {

// Idle connections beyond the first are closed after this long.
constexpr int kIdleSeconds = 60;

class SlotGuard {
public:
    SlotGuard(std::counting_semaphore<>& slots, std::chrono::milliseconds wait) : slots_(slots) {
        if (!slots_.try_acquire_for(wait))
            throw Error(ErrorCode::StoreUnavailable, "database unavailable: every pooled connection is busy");
    }
    ~SlotGuard() { slots_.release(); }
    SlotGuard(const SlotGuard&) = delete;
    SlotGuard& operator=(const SlotGuard&) = delete;

private:
    std::counting_semaphore<>& slots_;
};

} // namespace

class Executor::Pool final : public Poco::Data::SessionPool {
public:
    Pool(const PoolSettings& settings, int size, std::vector<std::string> setup)
        : SessionPool(settings.connector, settings.connectionString, 1, size, kIdleSeconds), setup_(std::move(setup)) {}

protected:
    // Connection settings (foreign keys, busy timeout, sql_mode) are per
    // connection, so every new pooled session gets them.
    void customizeSession(Session& session) override {
        for (const auto& sql : setup_) session << sql, kw::now;
    }

private:
    std::vector<std::string> setup_;
};

Executor::Executor(const Dialect& dialect, PoolSettings settings, const DatabaseOptions& options)
    : dialect_(dialect), settings_(std::move(settings)), options_(options),
      pool_(std::make_shared<Pool>(settings_, options.poolSize, dialect.sessionSetup(options.timeout))),
      slots_(options.poolSize) {}

Executor::~Executor() = default;

void Executor::run(std::string_view subject, const Body& body) { attempt(subject, false, body); }

void Executor::transact(std::string_view subject, const Body& body) { attempt(subject, true, body); }

void Executor::attempt(std::string_view subject, bool transactional, const Body& body) {
    SlotGuard slot(slots_, options_.timeout);
    for (int tries = 0;; ++tries) {
        // Declared before the session so that the session goes back to its
        // pool before a discarded pool is destroyed.
        const auto pool = currentPool();
        Session session = acquire(*pool, subject);
        const auto started = std::chrono::steady_clock::now();
        try {
            if (transactional)
                inTransaction(session, dialect_, body);
            else
                body(session);
            return;
        } catch (...) {
            auto failure = classifyCurrentException(subject, settings_.secret);
            if (failure.connectionLost) discardPool(pool);
            if (!failure.connectionLost || tries > 0 || !failedFast(started)) throw failure.error;
        }
    }
}

// A connection that fails at once is usually a stale pooled session after a
// server restart, and one retry on a fresh connection hides that. One that
// failed by timing out means a hung server: retrying would only double the
// wait. If only a commit's acknowledgement was lost, the retry finds the
// change made: inserts report Conflict, updates are idempotent.
bool Executor::failedFast(std::chrono::steady_clock::time_point started) const {
    return std::chrono::steady_clock::now() - started < options_.timeout / 2;
}

std::shared_ptr<Executor::Pool> Executor::currentPool() {
    std::lock_guard lock(mutex_);
    return pool_;
}

void Executor::discardPool(const std::shared_ptr<Pool>& broken) {
    std::lock_guard lock(mutex_);
    // Several threads may see the same broken pool; replace it once.
    if (pool_ == broken)
        pool_ = std::make_shared<Pool>(settings_, options_.poolSize, dialect_.sessionSetup(options_.timeout));
}

Session Executor::acquire(Pool& pool, std::string_view subject) {
    try {
        return pool.get();
    } catch (...) {
        // Not retried: a failed connect already waited for the timeout.
        throw classifyCurrentException(subject, settings_.secret).error;
    }
}

} // namespace authcore::sql
