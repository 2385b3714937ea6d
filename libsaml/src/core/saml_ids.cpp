// SPDX-License-Identifier: Apache-2.0
// Random SAML message IDs.
#include "core/saml_ids.hpp"

#include <openssl/rand.h>

#include <array>

namespace authcore::saml::detail {

tl::expected<std::string, Error> randomSamlId() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    return tl::unexpected(Error{Errc::CryptoFailure, "RAND_bytes failed"});
  }
  constexpr const char* kHex = "0123456789abcdef";
  std::string id = "_";
  for (unsigned char byte : bytes) {
    id += kHex[byte >> 4];
    id += kHex[byte & 0x0Fu];
  }
  return id;
}

}  // namespace authcore::saml::detail
