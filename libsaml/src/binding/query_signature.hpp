// SPDX-License-Identifier: Apache-2.0
// Signatures over HTTP-Redirect query octets (SAML bindings 3.4.4.1), private to libsaml.
#pragma once

#include <authcore/saml/error.hpp>

#include <openssl/evp.h>

#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authcore::saml::detail {

/// A query signature: the SigAlg URI and the raw signature bytes.
struct QuerySignature {
  std::string sigAlg;
  std::string value;
};

/// Verifies `signature` over `octets` with `key`. UnsupportedAlgorithm for SHA-1 or
/// any SigAlg other than RSA/ECDSA with SHA-256/384/512; SignatureInvalid when the
/// key type does not match the SigAlg or the signature does not verify.
tl::expected<void, Error> verifyQuerySignature(std::string_view sigAlg, std::string_view octets,
                                               std::string_view signature, EVP_PKEY* key);

/// The SigAlg for `key` (rsa-sha256 or ecdsa-sha256). Empty string for other keys.
std::string querySigAlgFor(EVP_PKEY* key);

/// Signs `octets` with `key` using SHA-256 (ECDSA values as r||s, RFC 4051).
tl::expected<std::string, Error> signQuery(std::string_view octets, EVP_PKEY* key);

}  // namespace authcore::saml::detail
