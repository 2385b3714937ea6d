// SPDX-License-Identifier: Apache-2.0
// Fixed-window rate limiting on CodeStore counters.
#include <authcore/error.hpp>
#include <authcore/services/rate_limiter.hpp>

#include <algorithm>

namespace authcore {

void RateLimiter::hit(const std::string& key, const RateLimit& limit) {
    const auto count = store_.increment("rl:" + key, limit.window);
    if (count.value > limit.limit) {
        const int retryAfter = static_cast<int>(std::max<long long>(1, count.resetsIn.count()));
        throw Error(ErrorCode::RateLimited, "too many attempts; retry later").withRetryAfter(retryAfter);
    }
}

void RateLimiter::reset(const std::string& key) { store_.remove("rl:" + key); }

} // namespace authcore
