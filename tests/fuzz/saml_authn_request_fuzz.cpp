// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the IdP's inbound path on arbitrary bytes, used both as a raw
// HTTP-Redirect query (decodeRedirect, then AuthnRequest and logout reads) and as
// POST XML (readPostAuthnRequest, with a certificate so signatures get verified).
#include <authcore/saml/authn_request.hpp>
#include <authcore/saml/certificate_generator.hpp>
#include <authcore/saml/library.hpp>
#include <authcore/saml/logout.hpp>
#include <authcore/saml/post_binding.hpp>
#include <authcore/saml/redirect_binding.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

namespace saml = authcore::saml;

namespace {

// The seed corpus' requests are issued at this instant.
std::chrono::system_clock::time_point seedNow() {
  using namespace std::chrono;
  return sys_days(year(2026) / January / 1) + hours(10);
}

std::optional<saml::Certificate> makeCertificate() {
  saml::CertificateRequest request;
  request.commonName = "fuzz-sp.example.com";
  request.notBefore = seedNow();
  request.rsaBits = 2048;
  auto generated = saml::generateSelfSignedCertificate(request);
  if (!generated) return std::nullopt;
  auto cert = saml::Certificate::fromPem(generated->certificatePem);
  return cert ? std::optional<saml::Certificate>(*cert) : std::nullopt;
}

saml::AuthnRequestPolicy& authnPolicy() {
  static saml::AuthnRequestPolicy policy = [] {
    saml::AuthnRequestPolicy p;
    p.expectedIssuer = "https://sp.example.com/metadata";
    p.ssoUrl = "https://idp.example.com/saml/sso";
    p.acsUrl = "https://sp.example.com/acs";
    p.now = seedNow();
    p.spCertificate = makeCertificate();
    p.rememberId = [](const std::string&, std::chrono::system_clock::time_point) { return true; };
    return p;
  }();
  return policy;
}

saml::LogoutPolicy logoutPolicy() {
  saml::LogoutPolicy policy;
  policy.expectedIssuer = authnPolicy().expectedIssuer;
  policy.destination = "https://idp.example.com/saml/slo";
  policy.now = seedNow();
  policy.peerCertificate = authnPolicy().spCertificate;
  return policy;
}

void asRedirect(std::string_view query) {
  auto message = saml::decodeRedirect(query, "SAMLRequest");
  if (!message) return;
  (void)saml::readRedirectAuthnRequest(*message, authnPolicy());
  (void)saml::readRedirectLogoutRequest(*message, logoutPolicy());
  (void)saml::readRedirectLogoutResponse(*message, logoutPolicy());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // One Library for the whole fuzzing process, as in the appliance.
  static saml::Library library;
  if (!authnPolicy().spCertificate) std::abort();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  asRedirect(input);
  (void)saml::readPostAuthnRequest(input, authnPolicy());
  if (auto xml = saml::decodePostParameter(input)) (void)saml::readPostAuthnRequest(*xml, authnPolicy());
  return 0;
}
