// SPDX-License-Identifier: Apache-2.0
// The OpenSSL objects behind Certificate and SigningCredential (private to libsaml).
#pragma once

#include <authcore/saml/credential.hpp>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

namespace authcore::saml {

namespace detail {
struct X509Free {
  void operator()(X509* cert) const noexcept { X509_free(cert); }
};
struct EvpPkeyFree {
  void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;
}  // namespace detail

struct Certificate::Impl {
  detail::X509Ptr x509;
  std::string pem;
  std::string base64Der;
  std::chrono::system_clock::time_point notBefore;
  std::chrono::system_clock::time_point notAfter;
  /// The certificate's public key (owned by x509; valid as long as it lives).
  EVP_PKEY* publicKey() const { return X509_get0_pubkey(x509.get()); }
};

struct SigningCredential::Impl {
  detail::EvpPkeyPtr key;
  std::string keyPem;
  Certificate certificate;
};

}  // namespace authcore::saml
