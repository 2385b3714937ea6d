// SPDX-License-Identifier: Apache-2.0
// Private conversion between DER ECDSA signatures and the JOSE r||s form (P-256).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace authcore::crypto::detail {

/// Bytes of each of r and s in an ES256 JOSE signature.
inline constexpr std::size_t kP256ScalarBytes = 32;

/// DER ECDSA-Sig-Value from OpenSSL to 64-byte r||s. Throws Internal on bad DER (ours).
std::string derToJose(std::string_view der);
/// 64-byte r||s to DER; nullopt when the length is wrong (a foreign signature).
std::optional<std::string> joseToDer(std::string_view jose);

} // namespace authcore::crypto::detail
