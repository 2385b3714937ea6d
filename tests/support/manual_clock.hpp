// SPDX-License-Identifier: Apache-2.0
// ManualClock: a Clock tests move by hand.
#pragma once

#include <authcore/time.hpp>

#include <atomic>

namespace authcore::test {

class ManualClock final : public Clock {
public:
    explicit ManualClock(Timestamp start = fromUnix(1'800'000'000)) : now_(toUnix(start)) {}
    Timestamp now() const override { return fromUnix(now_.load()); }
    void advance(std::chrono::seconds by) { now_ += by.count(); }

private:
    std::atomic<long long> now_;
};

} // namespace authcore::test
