// SPDX-License-Identifier: Apache-2.0
// Cryptographically secure random bytes, tokens and prefixed IDs (OpenSSL RAND).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace authcore::crypto {

/// `count` random bytes. Throws authcore::Error(Internal) if the CSPRNG fails.
std::string randomBytes(std::size_t count);
/// base64url (no padding) of `bytes` random bytes: 32 bytes = 256 bits.
std::string randomToken(std::size_t bytes = 32);
/// `prefix` + 26 lowercase Crockford-base32 chars: 48-bit millisecond time then
/// 80 random bits, so IDs sort by creation time. E.g. randomId("usr_").
std::string randomId(std::string_view prefix);
/// Like randomId, but IDs this process makes within one millisecond still sort
/// in the order they were made: a 16-bit counter follows the time, then 64
/// random bits. For records whose order matters (the audit log); never for
/// anything secret, since the counter is guessable.
std::string sequencedId(std::string_view prefix);

} // namespace authcore::crypto
