// SPDX-License-Identifier: Apache-2.0
// An integrity-protected RelayState: base64url(payload).base64url(HMAC-SHA-256).
#pragma once

#include <authcore/saml/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authcore::saml {

/// The shortest key signRelayState and verifyRelayState accept, in bytes.
inline constexpr std::size_t kMinRelayStateKeyBytes = 32;
/// The longest RelayState verifyRelayState reads, in bytes.
inline constexpr std::size_t kMaxRelayStateBytes = 4096;

/// `base64url(payload) + "." + base64url(HMAC-SHA-256(key, base64url(payload)))`,
/// base64url without padding. The payload is opaque bytes (the appliance puts a
/// JSON object with the return URL and a nonce there). InvalidKey for a key
/// shorter than kMinRelayStateKeyBytes; TooLarge when the result would exceed
/// kMaxRelayStateBytes; CryptoFailure if OpenSSL fails.
tl::expected<std::string, Error> signRelayState(std::string_view payload, std::string_view key);

/// The payload of a RelayState made by signRelayState with `key`; the MAC is
/// compared in constant time. Errors: InvalidKey (short key), TooLarge (over
/// kMaxRelayStateBytes), BindingInvalid (not two base64url parts separated by
/// one '.'), SignatureInvalid (the MAC does not match).
tl::expected<std::string, Error> verifyRelayState(std::string_view relayState, std::string_view key);

}  // namespace authcore::saml
