// SPDX-License-Identifier: Apache-2.0
// xs:dateTime reading for SAML timestamps (private to libsaml; xml_writer formats them).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace authcore::saml::detail {

/// Parses an xs:dateTime such as 2026-01-02T03:04:05Z, 2026-01-02T03:04:05.123Z or
/// 2026-01-02T05:04:05+02:00 (no zone is read as UTC). Fractions keep microseconds.
/// Empty for anything else, including out-of-range fields.
std::optional<std::chrono::system_clock::time_point> parseDateTime(std::string_view text);

}  // namespace authcore::saml::detail
