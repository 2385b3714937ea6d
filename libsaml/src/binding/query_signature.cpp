// SPDX-License-Identifier: Apache-2.0
// Signatures over HTTP-Redirect query octets (SAML bindings 3.4.4.1).
#include "binding/query_signature.hpp"

#include <openssl/bn.h>
#include <openssl/ecdsa.h>

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace authcore::saml::detail {

namespace {

constexpr std::string_view kMore = "http://www.w3.org/2001/04/xmldsig-more#";

struct Algorithm {
  std::string_view name;
  int keyType;
  const EVP_MD* (*digest)();
};

constexpr std::array<Algorithm, 6> kAlgorithms = {{
    {"rsa-sha256", EVP_PKEY_RSA, EVP_sha256}, {"rsa-sha384", EVP_PKEY_RSA, EVP_sha384},
    {"rsa-sha512", EVP_PKEY_RSA, EVP_sha512}, {"ecdsa-sha256", EVP_PKEY_EC, EVP_sha256},
    {"ecdsa-sha384", EVP_PKEY_EC, EVP_sha384}, {"ecdsa-sha512", EVP_PKEY_EC, EVP_sha512},
}};

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};
struct EcdsaSigFree {
  void operator()(ECDSA_SIG* sig) const noexcept { ECDSA_SIG_free(sig); }
};
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, EcdsaSigFree>;

tl::unexpected<Error> fail(Errc code, std::string message) {
  return tl::unexpected(Error{code, std::move(message)});
}

std::optional<Algorithm> findAlgorithm(std::string_view uri) {
  if (uri.substr(0, kMore.size()) != kMore) return std::nullopt;
  for (const auto& algorithm : kAlgorithms) {
    if (uri.substr(kMore.size()) == algorithm.name) return algorithm;
  }
  return std::nullopt;
}

// Bytes of one ECDSA coordinate for the key's curve (32 for P-256, 48 for P-384).
std::size_t ecFieldBytes(EVP_PKEY* key) {
  return static_cast<std::size_t>((EVP_PKEY_bits(key) + 7) / 8);
}

// r||s (XML-DSig form) to the DER form OpenSSL verifies.
std::optional<std::string> rawToDer(std::string_view raw, EVP_PKEY* key) {
  const std::size_t half = ecFieldBytes(key);
  if (raw.size() != 2 * half) return std::nullopt;
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  EcdsaSigPtr sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(bytes, static_cast<int>(half), nullptr);
  BIGNUM* s = BN_bin2bn(bytes + half, static_cast<int>(half), nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  const int length = i2d_ECDSA_SIG(sig.get(), &der);
  if (length <= 0) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return out;
}

std::optional<std::string> derToRaw(std::string_view der, EVP_PKEY* key) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
  EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &bytes, static_cast<long>(der.size())));
  if (!sig) return std::nullopt;
  const std::size_t half = ecFieldBytes(key);
  std::string raw(2 * half, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, static_cast<int>(half)) < 0 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + half, static_cast<int>(half)) < 0) {
    return std::nullopt;
  }
  return raw;
}

}  // namespace

tl::expected<void, Error> verifyQuerySignature(std::string_view sigAlg, std::string_view octets,
                                               std::string_view signature, EVP_PKEY* key) {
  if (sigAlg.find("sha1") != std::string_view::npos) return fail(Errc::UnsupportedAlgorithm, "SHA-1 SigAlg refused");
  const auto algorithm = findAlgorithm(sigAlg);
  if (!algorithm) return fail(Errc::UnsupportedAlgorithm, "SigAlg not accepted: " + std::string(sigAlg));
  if (EVP_PKEY_base_id(key) != algorithm->keyType) {
    return fail(Errc::SignatureInvalid, "SigAlg does not match the configured key type");
  }
  std::string value(signature);
  if (algorithm->keyType == EVP_PKEY_EC) {
    auto der = rawToDer(signature, key);
    if (!der) return fail(Errc::SignatureInvalid, "ECDSA signature has the wrong length");
    value = std::move(*der);
  }
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, algorithm->digest(), nullptr, key) != 1) {
    return fail(Errc::CryptoFailure, "EVP_DigestVerifyInit failed");
  }
  const int ok = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(value.data()), value.size(),
                                  reinterpret_cast<const unsigned char*>(octets.data()), octets.size());
  if (ok != 1) return fail(Errc::SignatureInvalid, "the query signature does not verify");
  return {};
}

std::string querySigAlgFor(EVP_PKEY* key) {
  switch (EVP_PKEY_base_id(key)) {
    case EVP_PKEY_RSA: return std::string(kMore) + "rsa-sha256";
    case EVP_PKEY_EC: return std::string(kMore) + "ecdsa-sha256";
    default: return "";
  }
}

tl::expected<std::string, Error> signQuery(std::string_view octets, EVP_PKEY* key) {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  std::size_t length = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(octets.data());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length, data, octets.size()) != 1) {
    return fail(Errc::CryptoFailure, "EVP_DigestSign setup failed");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, data,
                     octets.size()) != 1) {
    return fail(Errc::CryptoFailure, "EVP_DigestSign failed");
  }
  signature.resize(length);
  if (EVP_PKEY_base_id(key) != EVP_PKEY_EC) return signature;
  auto raw = derToRaw(signature, key);
  if (!raw) return fail(Errc::CryptoFailure, "ECDSA signature conversion failed");
  return *raw;
}

}  // namespace authcore::saml::detail
