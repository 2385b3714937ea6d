// SPDX-License-Identifier: Apache-2.0
// Keys and certificates: our signing credential and a peer's certificate.
#pragma once

#include <authcore/saml/error.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authcore::saml {

/// A peer's X.509 certificate, trusted because it was configured (never because a
/// message carried it). Cheap to copy (shared, immutable).
class Certificate {
public:
  /// Reads a PEM certificate, or the bare base64 DER found in metadata's
  /// ds:X509Certificate (whitespace ignored). InvalidKey if unreadable, or if its
  /// key is neither RSA of at least 2048 bits nor EC P-256/P-384.
  static tl::expected<Certificate, Error> fromPem(std::string_view pemOrBase64);

  /// The certificate as PEM text.
  const std::string& pem() const;
  /// The DER encoding in base64 without line breaks (for ds:X509Certificate).
  const std::string& base64Der() const;
  /// The validity window the certificate states.
  std::chrono::system_clock::time_point notBefore() const;
  std::chrono::system_clock::time_point notAfter() const;

  struct Impl;
  /// Library-internal access to the parsed certificate.
  const Impl& impl() const { return *impl_; }

private:
  explicit Certificate(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

/// Our private key with its certificate, used to sign messages. Cheap to copy
/// (shared, immutable); the key never leaves it except through the signatures.
class SigningCredential {
public:
  /// Reads a PEM private key (PKCS#8 or traditional, unencrypted) and the PEM
  /// certificate of its public half. InvalidKey if either is unreadable, if they
  /// do not belong together, or if the key is not RSA >= 2048 / EC P-256/P-384.
  static tl::expected<SigningCredential, Error> fromPem(std::string_view privateKeyPem,
                                                        std::string_view certificatePem);

  /// The public certificate of this credential.
  const Certificate& certificate() const;

  struct Impl;
  /// Library-internal access to the key.
  const Impl& impl() const { return *impl_; }

private:
  explicit SigningCredential(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

}  // namespace authcore::saml
