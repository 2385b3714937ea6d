// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the SP's validateResponse on arbitrary bytes, as raw XML and
// as the base64 SAMLResponse parameter of the HTTP-POST binding, with a
// configured IdP certificate so that every signature found gets verified.
#include <authcore/saml/certificate_generator.hpp>
#include <authcore/saml/library.hpp>
#include <authcore/saml/post_binding.hpp>
#include <authcore/saml/response_validator.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace saml = authcore::saml;

namespace {

// The seed corpus' responses are issued at this instant.
std::chrono::system_clock::time_point seedNow() {
  using namespace std::chrono;
  return sys_days(year(2026) / January / 1) + hours(10);
}

saml::ResponsePolicy makePolicy() {
  saml::ResponsePolicy policy;
  policy.expectedIssuer = "https://idp.example.test/saml";
  policy.spEntityId = "https://sp.example.test/metadata";
  policy.acsUrl = "https://sp.example.test/acs";
  policy.now = seedNow();
  policy.allowUnsolicited = true;
  policy.consumeRequestId = [](const std::string&) { return true; };
  policy.rememberAssertionId = [](const std::string&, std::chrono::system_clock::time_point) { return true; };
  saml::CertificateRequest request;
  request.commonName = "fuzz-idp.example.test";
  request.notBefore = seedNow();
  request.rsaBits = 2048;
  auto generated = saml::generateSelfSignedCertificate(request);
  if (!generated) return policy;
  auto cert = saml::Certificate::fromPem(generated->certificatePem);
  if (cert) policy.idpCertificates.push_back(*cert);
  return policy;
}

const saml::ResponsePolicy& policy() {
  static const saml::ResponsePolicy configured = makePolicy();
  return configured;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // One Library for the whole fuzzing process, as in the appliance.
  static saml::Library library;
  if (policy().idpCertificates.empty()) std::abort();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)saml::validateResponse(input, policy());
  if (auto xml = saml::decodePostParameter(input)) (void)saml::validateResponse(*xml, policy());
  return 0;
}
