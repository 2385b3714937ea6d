// SPDX-License-Identifier: Apache-2.0
// Timestamps (whole seconds, UTC) and their ISO-8601 text form.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace authcore {

using Timestamp = std::chrono::sys_seconds;

/// `2026-11-22T18:43:00Z`.
std::string formatTimestamp(Timestamp t);
/// Parses the form formatTimestamp writes; nullopt on anything else.
std::optional<Timestamp> parseTimestamp(std::string_view text);
/// Seconds since the epoch.
inline long long toUnix(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp fromUnix(long long s) { return Timestamp{std::chrono::seconds{s}}; }

/// Injected clock so tests control time.
class Clock {
public:
    virtual ~Clock() = default;
    virtual Timestamp now() const = 0;
};

/// The real wall clock.
class SystemClock final : public Clock {
public:
    Timestamp now() const override;
};

} // namespace authcore
