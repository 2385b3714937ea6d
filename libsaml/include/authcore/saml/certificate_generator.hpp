// SPDX-License-Identifier: Apache-2.0
// Self-signed signing certificates for an IdP or SP.
#pragma once

#include <authcore/saml/error.hpp>

#include <chrono>
#include <string>

#include <tl/expected.hpp>

namespace authcore::saml {

/// What to generate. The defaults are the IdP's: RSA 3072, SHA-256, three years.
struct CertificateRequest {
  std::string commonName;                                          ///< subject and issuer CN
  std::chrono::system_clock::time_point notBefore;                 ///< start of validity (injected clock)
  std::chrono::seconds validity = std::chrono::hours(24 * 365 * 3);  ///< length of validity
  int rsaBits = 3072;                                              ///< 2048..8192
};

/// A new key pair and its self-signed certificate, both PEM.
struct GeneratedCertificate {
  std::string certificatePem;
  std::string privateKeyPem;  ///< unencrypted PKCS#8; the caller seals it before storing
  std::chrono::system_clock::time_point validFrom;
  std::chrono::system_clock::time_point validUntil;
  std::string serialHex;  ///< random 128-bit serial number
};

/// Generates an RSA key and a self-signed X.509 v3 certificate (SHA-256 with RSA,
/// keyUsage digitalSignature, basicConstraints CA:FALSE). MissingField for an
/// empty common name or a non-positive validity, InvalidKey for rsaBits outside
/// 2048..8192, CryptoFailure if OpenSSL fails.
tl::expected<GeneratedCertificate, Error> generateSelfSignedCertificate(const CertificateRequest& request);

}  // namespace authcore::saml
