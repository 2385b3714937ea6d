// SPDX-License-Identifier: Apache-2.0
// Executor: runs store operations on pooled Poco sessions, with one error mapping and recovery.
#pragma once

#include "store/dialect.hpp"
#include "store/poco_data.hpp"

#include <authcore/store/database.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <semaphore>
#include <string>
#include <string_view>
#include <utility>

namespace authcore::sql {

struct PoolSettings {
    std::string connector;
    std::string connectionString;
    std::string secret; ///< the password, kept out of every message
};

class Executor {
public:
    using Body = std::function<void(Session&)>;

    /// Creates the pool; connects nothing yet.
    Executor(const Dialect& dialect, PoolSettings settings, const DatabaseOptions& options);
    ~Executor();
    Executor(const Executor&) = delete;
    Executor& operator=(const Executor&) = delete;

    const Dialect& dialect() const noexcept { return dialect_; }

    /// Runs `body` on a pooled session. Every failure leaves as
    /// authcore::Error (see classifyCurrentException; `subject` names what a
    /// unique-key violation is about). After a lost connection the pool is
    /// discarded and, unless the loss took a timeout to notice, `body` runs
    /// once more on a fresh connection.
    void run(std::string_view subject, const Body& body);
    /// The same, with `body` inside one transaction.
    void transact(std::string_view subject, const Body& body);

    /// `run` for a body that returns a value.
    template <class F>
    auto evaluate(F&& body) {
        decltype(body(std::declval<Session&>())) result{};
        run("record", [&](Session& session) { result = body(session); });
        return result;
    }

private:
    class Pool;

    void attempt(std::string_view subject, bool transactional, const Body& body);
    bool failedFast(std::chrono::steady_clock::time_point started) const;
    std::shared_ptr<Pool> currentPool();
    void discardPool(const std::shared_ptr<Pool>& broken);
    Session acquire(Pool& pool, std::string_view subject);

    const Dialect& dialect_;
    PoolSettings settings_;
    DatabaseOptions options_;
    std::mutex mutex_;
    std::shared_ptr<Pool> pool_;
    // Poco's pool throws when exhausted; callers wait here instead.
    std::counting_semaphore<> slots_;
};

} // namespace authcore::sql
