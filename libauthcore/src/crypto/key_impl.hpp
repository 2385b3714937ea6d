// SPDX-License-Identifier: Apache-2.0
// Private definitions of the key pimpls and the checks that bind a key to one algorithm.
#pragma once

#include <authcore/crypto/key_pair.hpp>

#include "openssl_util.hpp"

#include <Poco/JSON/Object.h>

namespace authcore::crypto {

struct PublicKey::Impl {
    SigningAlgorithm algorithm;
    detail::PkeyPtr pkey;
    std::string kid;
};

struct KeyPair::Impl {
    SigningAlgorithm algorithm;
    detail::PkeyPtr pkey;
};

namespace detail {

/// Smallest RSA modulus we accept or generate.
inline constexpr int kMinRsaBits = 2048;
/// Largest RSA modulus we accept (bounds verification cost of foreign keys).
inline constexpr int kMaxRsaBits = 8192;

/// Empty when `pkey` is a key `alg` can use (right type, curve and size); otherwise why not.
std::string keyMismatch(SigningAlgorithm alg, const EVP_PKEY* pkey);
/// Wraps an owned public EVP_PKEY already checked against `alg`.
PublicKey makePublicKey(SigningAlgorithm alg, PkeyPtr pkey, std::string kid);
/// Parses one JWK that is already a JSON object (see PublicKey::fromJwk).
Result<PublicKey> publicKeyFromJwk(const Poco::JSON::Object& jwk);
/// The public JWK members of `pkey`, in a fixed order.
std::string jwkOf(SigningAlgorithm alg, const EVP_PKEY* pkey, std::string_view kid);

} // namespace detail
} // namespace authcore::crypto
