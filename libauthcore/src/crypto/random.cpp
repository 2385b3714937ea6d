// SPDX-License-Identifier: Apache-2.0
// Random bytes, tokens and time-ordered IDs from OpenSSL's CSPRNG.
#include <authcore/crypto/random.hpp>

#include <authcore/crypto/encoding.hpp>

#include "openssl_util.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <climits>
#include <cstdint>

namespace authcore::crypto {
namespace {

constexpr std::string_view kCrockford = "0123456789abcdefghjkmnpqrstvwxyz";
constexpr std::size_t kIdChars = 26;   // ceil(128 / 5)
constexpr std::size_t kIdTimeBytes = 6; // 48-bit milliseconds
constexpr std::size_t kIdRandomBytes = 10;

// Encodes 128 bits as 26 base32 digits, most significant first; the number is
// read as if it had two leading zero bits (26 * 5 = 130).
std::string crockford128(const std::array<std::uint8_t, 16>& value) {
    auto bitAt = [&](std::size_t i) -> unsigned {
        if (i < 2) return 0;
        std::size_t j = i - 2;
        return (value[j / 8] >> (7 - j % 8)) & 1u;
    };
    std::string out;
    out.reserve(kIdChars);
    for (std::size_t c = 0; c < kIdChars; ++c) {
        unsigned digit = 0;
        for (std::size_t b = 0; b < 5; ++b) digit = (digit << 1) | bitAt(c * 5 + b);
        out += kCrockford[digit];
    }
    return out;
}

/// 16 bytes whose first kIdTimeBytes hold the current Unix time in ms, big-endian.
std::array<std::uint8_t, 16> timePrefixed() {
    using namespace std::chrono;
    auto ms = static_cast<std::uint64_t>(duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
    std::array<std::uint8_t, 16> value{};
    for (std::size_t i = 0; i < kIdTimeBytes; ++i)
        value[i] = static_cast<std::uint8_t>(ms >> (8 * (kIdTimeBytes - 1 - i)));
    return value;
}

} // namespace

std::string randomBytes(std::size_t count) {
    std::string out(count, '\0');
    auto* data = reinterpret_cast<unsigned char*>(out.data());
    for (std::size_t done = 0; done < count;) {
        int chunk = static_cast<int>(std::min<std::size_t>(count - done, INT_MAX));
        detail::check(RAND_bytes(data + done, chunk) == 1, "RAND_bytes");
        done += static_cast<std::size_t>(chunk);
    }
    return out;
}

std::string randomToken(std::size_t bytes) { return base64UrlEncode(randomBytes(bytes)); }

std::string randomId(std::string_view prefix) {
    auto value = timePrefixed();
    std::string random = randomBytes(kIdRandomBytes);
    std::copy(random.begin(), random.end(), value.begin() + kIdTimeBytes);
    return std::string(prefix) + crockford128(value);
}

std::string sequencedId(std::string_view prefix) {
    static std::atomic<std::uint16_t> counter{0};
    auto value = timePrefixed();
    const std::uint16_t sequence = counter.fetch_add(1, std::memory_order_relaxed);
    value[kIdTimeBytes] = static_cast<std::uint8_t>(sequence >> 8);
    value[kIdTimeBytes + 1] = static_cast<std::uint8_t>(sequence & 0xff);
    std::string random = randomBytes(kIdRandomBytes - 2);
    std::copy(random.begin(), random.end(), value.begin() + kIdTimeBytes + 2);
    return std::string(prefix) + crockford128(value);
}

} // namespace authcore::crypto
