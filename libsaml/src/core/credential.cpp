// SPDX-License-Identifier: Apache-2.0
// Keys and certificates: our signing credential and a peer's certificate.
#include "core/credential_impl.hpp"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <vector>

namespace authcore::saml {

namespace {

struct BioFree {
  void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

tl::unexpected<Error> invalidKey(std::string message) {
  return tl::unexpected(Error{Errc::InvalidKey, std::move(message)});
}

BioPtr memoryBio(std::string_view text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

std::string base64(const unsigned char* data, std::size_t size) {
  std::string out(4 * ((size + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data,
                                      static_cast<int>(size));
  out.resize(written > 0 ? static_cast<std::size_t>(written) : 0);
  return out;
}

// Bare base64 DER (metadata's ds:X509Certificate) becomes PEM so one reader serves both.
std::string asPem(std::string_view text) {
  if (text.find("-----BEGIN") != std::string_view::npos) return std::string(text);
  std::string compact;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) == 0) compact += c;
  }
  std::string pem = "-----BEGIN CERTIFICATE-----\n";
  for (std::size_t at = 0; at < compact.size(); at += 64) pem += compact.substr(at, 64) + "\n";
  return pem + "-----END CERTIFICATE-----\n";
}

// RSA below 2048 bits or unusual curves are refused: a SAML trust anchor must be strong.
bool strongEnough(EVP_PKEY* key) {
  if (key == nullptr) return false;  // a certificate whose key OpenSSL cannot decode
  switch (EVP_PKEY_base_id(key)) {
    case EVP_PKEY_RSA: return EVP_PKEY_bits(key) >= 2048;
    case EVP_PKEY_EC: {
      char group[64] = {};
      std::size_t length = 0;
      if (EVP_PKEY_get_utf8_string_param(key, "group", group, sizeof group, &length) != 1) return false;
      const std::string name(group, length);
      return name == "prime256v1" || name == "secp384r1";
    }
    default: return false;
  }
}

std::chrono::system_clock::time_point toTimePoint(const ASN1_TIME* time) {
  std::tm parts{};
  if (ASN1_TIME_to_tm(time, &parts) != 1) return {};
  return std::chrono::system_clock::from_time_t(timegm(&parts));
}

}  // namespace

Certificate::Certificate(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

tl::expected<Certificate, Error> Certificate::fromPem(std::string_view pemOrBase64) {
  if (pemOrBase64.size() > 64 * 1024) return invalidKey("certificate text is too large");
  const std::string pem = asPem(pemOrBase64);
  auto bio = memoryBio(pem);
  detail::X509Ptr x509(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!x509) return invalidKey("not a readable X.509 certificate");
  if (!strongEnough(X509_get0_pubkey(x509.get()))) {
    return invalidKey("certificate key must be RSA >= 2048 bits or EC P-256/P-384");
  }
  auto impl = std::make_shared<Impl>();
  unsigned char* der = nullptr;
  const int derLength = i2d_X509(x509.get(), &der);
  if (derLength <= 0) return invalidKey("certificate cannot be encoded");
  impl->base64Der = base64(der, static_cast<std::size_t>(derLength));
  OPENSSL_free(der);
  auto out = BioPtr(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(out.get(), x509.get());
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  impl->pem.assign(data, static_cast<std::size_t>(size));
  impl->notBefore = toTimePoint(X509_get0_notBefore(x509.get()));
  impl->notAfter = toTimePoint(X509_get0_notAfter(x509.get()));
  impl->x509 = std::move(x509);
  return Certificate(std::move(impl));
}

const std::string& Certificate::pem() const { return impl_->pem; }
const std::string& Certificate::base64Der() const { return impl_->base64Der; }
std::chrono::system_clock::time_point Certificate::notBefore() const { return impl_->notBefore; }
std::chrono::system_clock::time_point Certificate::notAfter() const { return impl_->notAfter; }

SigningCredential::SigningCredential(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

tl::expected<SigningCredential, Error> SigningCredential::fromPem(std::string_view privateKeyPem,
                                                                  std::string_view certificatePem) {
  if (privateKeyPem.size() > 64 * 1024) return invalidKey("private key text is too large");
  auto certificate = Certificate::fromPem(certificatePem);
  if (!certificate) return tl::unexpected(certificate.error());
  auto bio = memoryBio(privateKeyPem);
  // An empty passphrase callback result: encrypted keys fail instead of prompting on a tty.
  detail::EvpPkeyPtr key(PEM_read_bio_PrivateKey(
      bio.get(), nullptr, [](char*, int, int, void*) { return 0; }, nullptr));
  if (!key) return invalidKey("not a readable unencrypted PEM private key");
  if (X509_check_private_key(certificate->impl().x509.get(), key.get()) != 1) {
    return invalidKey("the private key does not match the certificate");
  }
  auto impl = std::make_shared<Impl>(Impl{std::move(key), std::string(privateKeyPem), *certificate});
  return SigningCredential(std::move(impl));
}

const Certificate& SigningCredential::certificate() const { return impl_->certificate; }

}  // namespace authcore::saml
