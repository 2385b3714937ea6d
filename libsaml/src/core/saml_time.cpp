// SPDX-License-Identifier: Apache-2.0
// xs:dateTime reading for SAML timestamps.
#include "core/saml_time.hpp"

namespace authcore::saml::detail {

namespace {

using namespace std::chrono;

// Reads exactly `digits` decimal digits at `at`, advancing it.
std::optional<int> readNumber(std::string_view text, std::size_t& at, std::size_t digits) {
  if (at + digits > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    const char c = text[at + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  at += digits;
  return value;
}

bool expect(std::string_view text, std::size_t& at, char c) {
  if (at >= text.size() || text[at] != c) return false;
  ++at;
  return true;
}

// The fraction after the seconds, in microseconds (extra digits are dropped).
std::optional<microseconds> readFraction(std::string_view text, std::size_t& at) {
  if (at >= text.size() || text[at] != '.') return microseconds(0);
  ++at;
  const std::size_t start = at;
  long long micros = 0;
  while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
    if (at - start < 6) micros = micros * 10 + (text[at] - '0');
    ++at;
  }
  if (at == start) return std::nullopt;
  for (std::size_t i = at - start; i < 6; ++i) micros *= 10;
  return microseconds(micros);
}

// The zone designator: Z, +hh:mm, -hh:mm or nothing (UTC); the offset to subtract.
std::optional<minutes> readZone(std::string_view text, std::size_t& at) {
  if (at == text.size()) return minutes(0);
  if (text[at] == 'Z') {
    ++at;
    return minutes(0);
  }
  if (text[at] != '+' && text[at] != '-') return std::nullopt;
  const int sign = text[at++] == '-' ? -1 : 1;
  const auto hours = readNumber(text, at, 2);
  if (!hours || !expect(text, at, ':')) return std::nullopt;
  const auto mins = readNumber(text, at, 2);
  if (!mins || *hours > 14 || *mins > 59) return std::nullopt;
  return minutes(sign * (*hours * 60 + *mins));
}

}  // namespace

std::optional<system_clock::time_point> parseDateTime(std::string_view text) {
  std::size_t at = 0;
  const auto y = readNumber(text, at, 4);
  if (!y || !expect(text, at, '-')) return std::nullopt;
  const auto mo = readNumber(text, at, 2);
  if (!mo || !expect(text, at, '-')) return std::nullopt;
  const auto d = readNumber(text, at, 2);
  if (!d || !expect(text, at, 'T')) return std::nullopt;
  const auto h = readNumber(text, at, 2);
  if (!h || !expect(text, at, ':')) return std::nullopt;
  const auto mi = readNumber(text, at, 2);
  if (!mi || !expect(text, at, ':')) return std::nullopt;
  const auto s = readNumber(text, at, 2);
  if (!s) return std::nullopt;
  const auto fraction = readFraction(text, at);
  const auto zone = fraction ? readZone(text, at) : std::nullopt;
  if (!zone || at != text.size()) return std::nullopt;
  const year_month_day date{year(*y), month(static_cast<unsigned>(*mo)), day(static_cast<unsigned>(*d))};
  if (!date.ok() || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
  // system_clock counts nanoseconds in 64 bits (years 1678..2261): a far-future
  // date becomes 2200-01-01 and a far-past one 1900-01-01, so that it keeps its
  // meaning and callers can still add a skew or an age to it without overflow.
  if (*y > 2200) return time_point_cast<system_clock::duration>(sys_days(year(2200) / January / 1));
  if (*y < 1900) return time_point_cast<system_clock::duration>(sys_days(year(1900) / January / 1));
  const auto utc = sys_days(date) + hours(*h) + minutes(*mi) + seconds(*s) + *fraction - *zone;
  return time_point_cast<system_clock::duration>(utc);
}

}  // namespace authcore::saml::detail
