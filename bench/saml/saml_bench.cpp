// SPDX-License-Identifier: Apache-2.0
// Signed SAML Responses per second on one thread (assertion signed; both signed),
// next to the RSA-3072 EVP_DigestSign rate measured here over an input of the same size.
#include <authcore/saml/certificate_generator.hpp>
#include <authcore/saml/credential.hpp>
#include <authcore/saml/library.hpp>
#include <authcore/saml/response_builder.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace saml = authcore::saml;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr std::chrono::milliseconds kBudget{3000};

template <class F>
double opsPerSecond(F&& operation) {
  operation();  // warm caches outside the measurement
  const auto start = SteadyClock::now();
  long count = 0;
  while (SteadyClock::now() - start < kBudget) {
    operation();
    ++count;
  }
  return static_cast<double>(count) / std::chrono::duration<double>(SteadyClock::now() - start).count();
}

saml::ResponseSpec typicalSpec(bool signResponse) {
  saml::ResponseSpec spec;
  spec.issuer = "https://idp.example.com/saml";
  spec.destination = "https://sp.example.com/saml/acs";
  spec.inResponseTo = "_8e8dc5f69a98cc4c1ff3427e5ce34606fd672f91e6";
  spec.audience = "https://sp.example.com/saml/metadata";
  spec.nameId = "ada.lovelace@example.com";
  spec.nameIdFormat = saml::NameIdFormat::EmailAddress;
  spec.sessionIndex = "_be9967abd904ddcae3c0eb4189adbe3f71e327cf93";
  spec.attributes = {{"urn:oid:0.9.2342.19200300.100.1.3", {"ada.lovelace@example.com"}},
                     {"urn:oid:2.5.4.42", {"Ada"}},
                     {"urn:oid:2.5.4.4", {"Lovelace"}},
                     {"groups", {"engineering", "admins"}}};
  spec.now = std::chrono::system_clock::now();
  spec.authnInstant = spec.now;
  spec.signAssertion = true;
  spec.signResponse = signResponse;
  return spec;
}

// RSA-3072 PKCS#1 v1.5 with SHA-256 over `size` bytes: the floor a signature costs.
double rsaSignsPerSecond(const std::string& privateKeyPem, std::size_t size) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(privateKeyPem.data(), -1), BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  const std::string input(size, 'x');
  unsigned char signature[1024];
  return opsPerSecond([&] {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    std::size_t length = sizeof signature;
    if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), signature, &length, reinterpret_cast<const unsigned char*>(input.data()),
                       input.size()) != 1) {
      std::fprintf(stderr, "EVP_DigestSign failed\n");
      std::exit(1);
    }
  });
}

double responsesPerSecond(const saml::ResponseSpec& spec, const saml::SigningCredential& credential) {
  return opsPerSecond([&] {
    if (!saml::buildResponse(spec, credential)) {
      std::fprintf(stderr, "buildResponse failed\n");
      std::exit(1);
    }
  });
}

void printRow(const char* name, double responses, int signatures, double rsa) {
  const double overheadUs = 1e6 / responses - signatures * 1e6 / rsa;
  std::printf("%-26s %8.0f responses/s  ratio to RSA-3072 sign %.2f (ideal %.2f)  non-RSA cost %.0f us/response\n",
              name, responses, responses / rsa, 1.0 / signatures, overheadUs);
}

}  // namespace

int main() {
  saml::Library library;
  saml::CertificateRequest request;
  request.commonName = "idp.example.com";
  request.notBefore = std::chrono::system_clock::now();
  const auto generated = saml::generateSelfSignedCertificate(request);  // RSA 3072
  if (!generated) {
    std::fprintf(stderr, "no certificate: %s\n", generated.error().message.c_str());
    return 1;
  }
  const auto credential = saml::SigningCredential::fromPem(generated->privateKeyPem, generated->certificatePem);
  if (!credential) {
    std::fprintf(stderr, "no credential: %s\n", credential.error().message.c_str());
    return 1;
  }
  const auto sample = saml::buildResponse(typicalSpec(true), *credential);
  if (!sample) return 1;
  std::printf("Signed SAML Responses, RSA-3072, one thread, %lld ms per row (response %zu bytes):\n",
              static_cast<long long>(kBudget.count()), sample->xml.size());
  const double rsa = rsaSignsPerSecond(generated->privateKeyPem, sample->xml.size());
  std::printf("%-26s %8.0f signs/s\n", "RSA-3072 EVP_DigestSign", rsa);
  printRow("sign assertion only", responsesPerSecond(typicalSpec(false), *credential), 1, rsa);
  printRow("sign assertion + response", responsesPerSecond(typicalSpec(true), *credential), 2, rsa);
  return 0;
}
