// SPDX-License-Identifier: Apache-2.0
// An integrity-protected RelayState: base64url(payload).base64url(HMAC-SHA-256).
#include <authcore/saml/relay_state.hpp>

#include "binding/binding_codec.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>

namespace authcore::saml {

namespace {

tl::unexpected<Error> fail(Errc code, std::string message) {
  return tl::unexpected(Error{code, std::move(message)});
}

std::string base64UrlEncode(std::string_view bytes) {
  std::string text = detail::base64Encode(bytes);
  while (!text.empty() && text.back() == '=') text.pop_back();
  std::replace(text.begin(), text.end(), '+', '-');
  std::replace(text.begin(), text.end(), '/', '_');
  return text;
}

// Strict: only the URL-safe alphabet and no padding, so each value has one encoding.
tl::expected<std::string, Error> base64UrlDecode(std::string_view text) {
  const bool alphabetOnly = std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
  if (!alphabetOnly || text.size() % 4 == 1) return fail(Errc::BindingInvalid, "RelayState is not base64url");
  std::string standard(text);
  std::replace(standard.begin(), standard.end(), '-', '+');
  std::replace(standard.begin(), standard.end(), '_', '/');
  standard.append((4 - standard.size() % 4) % 4, '=');
  if (standard.empty()) return std::string();
  auto decoded = detail::base64Decode(standard, false);
  if (!decoded) return fail(Errc::BindingInvalid, "RelayState is not base64url");
  return decoded;
}

tl::expected<std::string, Error> hmacSha256(std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
           data.size(), mac.data(), &length) == nullptr) {
    return fail(Errc::CryptoFailure, "HMAC-SHA-256 failed");
  }
  return std::string(reinterpret_cast<const char*>(mac.data()), length);
}

tl::expected<void, Error> checkKey(std::string_view key) {
  if (key.size() < kMinRelayStateKeyBytes) {
    return fail(Errc::InvalidKey, "the RelayState key must have at least 32 bytes");
  }
  return {};
}

}  // namespace

tl::expected<std::string, Error> signRelayState(std::string_view payload, std::string_view key) {
  auto keyOk = checkKey(key);
  if (!keyOk) return tl::unexpected(keyOk.error());
  const std::string encoded = base64UrlEncode(payload);
  auto mac = hmacSha256(key, encoded);
  if (!mac) return tl::unexpected(mac.error());
  std::string relayState = encoded + "." + base64UrlEncode(*mac);
  if (relayState.size() > kMaxRelayStateBytes) return fail(Errc::TooLarge, "the RelayState would exceed 4 KiB");
  return relayState;
}

tl::expected<std::string, Error> verifyRelayState(std::string_view relayState, std::string_view key) {
  auto keyOk = checkKey(key);
  if (!keyOk) return tl::unexpected(keyOk.error());
  if (relayState.size() > kMaxRelayStateBytes) return fail(Errc::TooLarge, "the RelayState exceeds 4 KiB");
  const std::size_t dot = relayState.find('.');
  if (dot == std::string_view::npos || relayState.find('.', dot + 1) != std::string_view::npos) {
    return fail(Errc::BindingInvalid, "RelayState is not payload.mac");
  }
  const std::string_view encoded = relayState.substr(0, dot);
  auto received = base64UrlDecode(relayState.substr(dot + 1));
  if (!received) return tl::unexpected(received.error());
  auto expected = hmacSha256(key, encoded);
  if (!expected) return tl::unexpected(expected.error());
  if (received->size() != expected->size() ||
      CRYPTO_memcmp(received->data(), expected->data(), expected->size()) != 0) {
    return fail(Errc::SignatureInvalid, "the RelayState MAC does not match");
  }
  return base64UrlDecode(encoded);
}

}  // namespace authcore::saml
