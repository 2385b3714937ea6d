// SPDX-License-Identifier: Apache-2.0
// HMAC-SHA-256 under a server pepper for high-entropy secrets.
#include <authcore/crypto/secret_hasher.hpp>

#include <authcore/crypto/constant_time.hpp>
#include <authcore/crypto/encoding.hpp>
#include <authcore/error.hpp>

#include "openssl_util.hpp"

#include <openssl/hmac.h>

#include <climits>

namespace authcore::crypto {
namespace {

constexpr std::size_t kMinPepperBytes = 32;

} // namespace

SecretHasher::SecretHasher(std::string pepper) : pepper_(std::move(pepper)) {
    if (pepper_.size() < kMinPepperBytes)
        throw Error(ErrorCode::InvalidInput, "the secret pepper must be at least 32 bytes");
    if (pepper_.size() > static_cast<std::size_t>(INT_MAX)) throw Error(ErrorCode::InvalidInput, "pepper too large");
}

std::string SecretHasher::hash(std::string_view secret) const {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    detail::check(HMAC(EVP_sha256(), pepper_.data(), static_cast<int>(pepper_.size()), detail::bytes(secret),
                       secret.size(), mac, &length) != nullptr,
                  "HMAC-SHA-256");
    return hexEncode(std::string_view(reinterpret_cast<const char*>(mac), length));
}

bool SecretHasher::verify(std::string_view secret, std::string_view storedHash) const {
    return constantTimeEquals(hash(secret), storedHash);
}

} // namespace authcore::crypto
