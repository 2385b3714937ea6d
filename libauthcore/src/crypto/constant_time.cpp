// SPDX-License-Identifier: Apache-2.0
// Constant-time equality on top of CRYPTO_memcmp.
#include <authcore/crypto/constant_time.hpp>

#include <openssl/crypto.h>

namespace authcore::crypto {

bool constantTimeEquals(std::string_view a, std::string_view b) noexcept {
    // Lengths are not secret (hashes and MACs have fixed sizes); contents are.
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace authcore::crypto
