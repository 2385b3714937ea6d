// SPDX-License-Identifier: Apache-2.0
// RateLimiter: fixed-window counters on the CodeStore (shared by nodes through Redis).
#pragma once

#include <authcore/ephemeral/code_store.hpp>
#include <chrono>
#include <string>

namespace authcore {

struct RateLimit {
    long long limit;             ///< attempts allowed per window
    std::chrono::seconds window; ///< window length
};

class RateLimiter {
public:
    explicit RateLimiter(CodeStore& store) : store_(store) {}
    /// Counts one attempt under `key`; throws Error(RateLimited) with a
    /// Retry-After once the window's limit is exceeded.
    void hit(const std::string& key, const RateLimit& limit);
    /// Forgets the counter (e.g. after a successful login).
    void reset(const std::string& key);

private:
    CodeStore& store_;
};

} // namespace authcore
