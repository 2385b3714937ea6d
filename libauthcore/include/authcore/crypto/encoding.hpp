// SPDX-License-Identifier: Apache-2.0
// base64url, base64 and hex codecs that reject bad input instead of guessing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace authcore::crypto {

/// RFC 4648 §5 without padding.
std::string base64UrlEncode(std::string_view bytes);
/// Accepts unpadded base64url only; nullopt on any other character or a bad length.
std::optional<std::string> base64UrlDecode(std::string_view text);
/// Standard base64 with padding.
std::string base64Encode(std::string_view bytes);
std::optional<std::string> base64Decode(std::string_view text);
/// Lowercase hex.
std::string hexEncode(std::string_view bytes);
std::optional<std::string> hexDecode(std::string_view text);
/// SHA-256 digest (raw 32 bytes).
std::string sha256(std::string_view data);

} // namespace authcore::crypto
