// SPDX-License-Identifier: Apache-2.0
// Self-signed signing certificates for an IdP or SP.
#include <authcore/saml/certificate_generator.hpp>

#include "core/credential_impl.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include <memory>

namespace authcore::saml {

namespace {

struct BioFree {
  void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};
struct BnFree {
  void operator()(BIGNUM* bn) const noexcept { BN_free(bn); }
};

tl::unexpected<Error> cryptoFailure(const char* step) {
  return tl::unexpected(Error{Errc::CryptoFailure, std::string("certificate generation failed: ") + step});
}

detail::EvpPkeyPtr generateRsaKey(int bits) {
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nullptr), EVP_PKEY_CTX_free);
  EVP_PKEY* key = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), bits) != 1 || EVP_PKEY_keygen(ctx.get(), &key) != 1) {
    return nullptr;
  }
  return detail::EvpPkeyPtr(key);
}

template <typename Write>
std::string toPem(Write write) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  if (!bio || write(bio.get()) != 1) return {};
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

bool addExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (extension == nullptr) return false;
  const bool added = X509_add_ext(cert, extension, -1) == 1;
  X509_EXTENSION_free(extension);
  return added;
}

// 128 random bits, top bit cleared so the INTEGER stays positive.
std::string setRandomSerial(X509* cert) {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return {};
  bytes[0] &= 0x7f;
  std::unique_ptr<BIGNUM, BnFree> serial(BN_bin2bn(bytes, sizeof bytes, nullptr));
  if (!serial || BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)) == nullptr) return {};
  char* hex = BN_bn2hex(serial.get());
  std::string text = hex != nullptr ? hex : "";
  OPENSSL_free(hex);
  return text;
}

bool fillCertificate(X509* cert, EVP_PKEY* key, const CertificateRequest& request) {
  X509_NAME* name = X509_get_subject_name(cert);
  const auto cn = reinterpret_cast<const unsigned char*>(request.commonName.c_str());
  std::time_t from = std::chrono::system_clock::to_time_t(request.notBefore);
  return X509_set_version(cert, 2) == 1 &&
         X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, cn, -1, -1, 0) == 1 &&
         X509_set_issuer_name(cert, name) == 1 &&
         X509_time_adj_ex(X509_getm_notBefore(cert), 0, 0, &from) != nullptr &&
         X509_time_adj_ex(X509_getm_notAfter(cert), 0, static_cast<long>(request.validity.count()), &from) !=
             nullptr &&
         X509_set_pubkey(cert, key) == 1 && addExtension(cert, NID_basic_constraints, "critical,CA:FALSE") &&
         addExtension(cert, NID_key_usage, "critical,digitalSignature") &&
         addExtension(cert, NID_subject_key_identifier, "hash") && X509_sign(cert, key, EVP_sha256()) > 0;
}

}  // namespace

tl::expected<GeneratedCertificate, Error> generateSelfSignedCertificate(const CertificateRequest& request) {
  if (request.commonName.empty() || request.commonName.size() > 64) {
    return tl::unexpected(Error{Errc::MissingField, "the common name must have 1 to 64 characters"});
  }
  if (request.validity.count() <= 0) {
    return tl::unexpected(Error{Errc::MissingField, "the validity must be positive"});
  }
  if (request.rsaBits < 2048 || request.rsaBits > 8192) {
    return tl::unexpected(Error{Errc::InvalidKey, "RSA keys must have 2048 to 8192 bits"});
  }
  auto key = generateRsaKey(request.rsaBits);
  if (!key) return cryptoFailure("RSA key generation");
  detail::X509Ptr cert(X509_new());
  if (!cert) return cryptoFailure("X509_new");
  GeneratedCertificate out;
  out.serialHex = setRandomSerial(cert.get());
  if (out.serialHex.empty() || !fillCertificate(cert.get(), key.get(), request)) return cryptoFailure("signing");
  out.certificatePem = toPem([&](BIO* bio) { return PEM_write_bio_X509(bio, cert.get()); });
  out.privateKeyPem = toPem([&](BIO* bio) {
    return PEM_write_bio_PKCS8PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  });
  if (out.certificatePem.empty() || out.privateKeyPem.empty()) return cryptoFailure("PEM encoding");
  out.validFrom = request.notBefore;
  out.validUntil = request.notBefore + request.validity;
  return out;
}

}  // namespace authcore::saml
