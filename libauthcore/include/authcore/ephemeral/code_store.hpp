// SPDX-License-Identifier: Apache-2.0
// CodeStore: short-lived state with a TTL (codes, login state, replay IDs, rate counters).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace authcore {

/// Ephemeral key/value store. Implementations: in-process (one node) and
/// Redis (several nodes). Failures throw Error(StoreUnavailable).
class CodeStore {
public:
    virtual ~CodeStore() = default;
    /// Stores `value` under `key` for `ttl`; false (nothing written) when the key exists.
    virtual bool putIfAbsent(const std::string& key, const std::string& value, std::chrono::seconds ttl) = 0;
    /// Returns and deletes the value atomically: a code can be taken once.
    virtual std::optional<std::string> take(const std::string& key) = 0;
    virtual std::optional<std::string> get(const std::string& key) = 0;
    virtual void remove(const std::string& key) = 0;
    /// Adds one to the counter under `key`, creating it with `window` TTL, and
    /// returns the new count with the seconds left in the window.
    struct Count {
        long long value;
        std::chrono::seconds resetsIn;
    };
    virtual Count increment(const std::string& key, std::chrono::seconds window) = 0;
    /// True when the store answers (for /readyz).
    virtual bool ping() = 0;
};

/// In-process CodeStore with lazy expiry; thread-safe. `now` is injectable
/// through the Clock given at construction.
class Clock;
std::unique_ptr<CodeStore> makeMemoryCodeStore(const Clock& clock);

} // namespace authcore
