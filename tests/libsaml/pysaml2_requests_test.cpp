// SPDX-License-Identifier: Apache-2.0
// Debian's python3-pysaml2 acting as an SP (tests/interop/pysaml2_sp.py) emits
// AuthnRequests over HTTP-Redirect and HTTP-POST, signed and unsigned; the IdP
// reads them all and verifies pysaml2's signatures (redirect query and enveloped).
#include <authcore/saml/authn_request.hpp>
#include <authcore/saml/idp_metadata.hpp>
#include <authcore/saml/post_binding.hpp>

#include "inbound_fixtures.hpp"
#include "support/shell.hpp"
#include "support/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

namespace saml = authcore::saml;
namespace fx = authcore::saml::test;
using saml::Errc;

namespace {

constexpr const char* kIdpEntityId = "https://idp.example.com/saml/metadata";

// One pysaml2 SP with its own state directory (its key and certificate live there).
class Pysaml2Sp {
public:
  Pysaml2Sp() {
    saml::IdpMetadataSpec metadata;
    metadata.entityId = kIdpEntityId;
    metadata.ssoUrl = fx::kSsoUrl;
    metadata.sloUrl = "https://idp.example.com/saml/slo";
    metadata.signingCertificates = {fx::foreignKey().credential.certificate()};
    auto xml = saml::buildIdpMetadata(metadata);
    BOOST_REQUIRE_MESSAGE(xml.has_value(), "metadata: " << xml.error().message);
    std::ofstream(dir_.file("idp.xml")) << *xml;
  }

  /// Runs `authn-request` and returns its JSON output.
  std::string authnRequest(const std::string& binding, bool sign) const {
    const std::string script = std::string(std::getenv("AUTHCORE_SOURCE_ROOT")) + "/tests/interop/pysaml2_sp.py";
    const std::string command = "/usr/bin/python3 '" + script + "' authn-request --state '" + dir_.file("state") +
                                "' --entity-id '" + fx::kSpEntityId + "' --acs-url '" + fx::kAcsUrl +
                                "' --slo-url https://sp.example.com/slo --idp-metadata '" + dir_.file("idp.xml") +
                                "' --binding " + binding + " --relay-state rs-42" + (sign ? " --sign" : "");
    int status = 0;
    const std::string output = authcore::test::runCommand(command, status);
    BOOST_REQUIRE_MESSAGE(status == 0, "pysaml2_sp.py failed: " << output);
    return output;
  }

  /// The SP's certificate, which pysaml2 created on first use.
  saml::Certificate certificate() const {
    std::ifstream in(dir_.file("state/sp.crt"));
    std::stringstream pem;
    pem << in.rdbuf();
    auto cert = saml::Certificate::fromPem(pem.str());
    BOOST_REQUIRE_MESSAGE(cert.has_value(), "sp.crt: " << cert.error().message);
    return *cert;
  }

private:
  authcore::test::TempDir dir_;
};

std::string jsonString(const std::string& json, const std::string& key) {
  std::smatch match;
  BOOST_REQUIRE_MESSAGE(std::regex_search(json, match, std::regex("\"" + key + "\": \"([^\"]*)\"")),
                        key << " not in " << json);
  return match[1];
}

saml::AuthnRequestPolicy policy(const std::optional<saml::Certificate>& cert) {
  auto p = fx::authnPolicy();
  p.now = std::chrono::system_clock::now();
  p.spCertificate = cert;
  p.requireSignature = cert.has_value();
  return p;
}

tl::expected<saml::AuthnRequest, saml::Error> readRedirect(const std::string& json, const saml::AuthnRequestPolicy& p) {
  const std::string url = jsonString(json, "url");
  BOOST_REQUIRE_EQUAL(url.rfind(std::string(fx::kSsoUrl) + "?", 0), 0u);
  auto message = saml::decodeRedirect(url.substr(url.find('?') + 1), "SAMLRequest");
  BOOST_REQUIRE_MESSAGE(message.has_value(), "decodeRedirect: " << message.error().message);
  BOOST_CHECK_EQUAL(message->relayState.value_or(""), "rs-42");
  return saml::readRedirectAuthnRequest(*message, p);
}

tl::expected<saml::AuthnRequest, saml::Error> readPost(const std::string& json, const saml::AuthnRequestPolicy& p) {
  auto xml = saml::decodePostParameter(jsonString(json, "SAMLRequest"));
  BOOST_REQUIRE_MESSAGE(xml.has_value(), "decodePostParameter: " << xml.error().message);
  return saml::readPostAuthnRequest(*xml, p);
}

void checkAccepted(const tl::expected<saml::AuthnRequest, saml::Error>& request, const std::string& json,
                   bool signedRequest) {
  BOOST_REQUIRE_MESSAGE(request.has_value(), "refused: " << request.error().message << " in " << json);
  BOOST_CHECK_EQUAL(request->id, jsonString(json, "request_id"));
  BOOST_CHECK_EQUAL(request->issuer, fx::kSpEntityId);
  BOOST_CHECK_EQUAL(request->destination.value_or(""), fx::kSsoUrl);
  BOOST_CHECK_EQUAL(request->signatureVerified, signedRequest);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_pysaml2_requests)

BOOST_AUTO_TEST_CASE(unsigned_redirect_request_is_accepted) {
  const Pysaml2Sp sp;
  const std::string json = sp.authnRequest("redirect", false);
  checkAccepted(readRedirect(json, policy(std::nullopt)), json, false);
}

BOOST_AUTO_TEST_CASE(signed_redirect_request_verifies) {
  const Pysaml2Sp sp;
  const std::string json = sp.authnRequest("redirect", true);
  checkAccepted(readRedirect(json, policy(sp.certificate())), json, true);
  const auto foreign = readRedirect(json, policy(fx::spKey().credential.certificate()));
  BOOST_REQUIRE(!foreign.has_value());
  BOOST_CHECK(foreign.error().code == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(unsigned_post_request_is_accepted) {
  const Pysaml2Sp sp;
  const std::string json = sp.authnRequest("post", false);
  checkAccepted(readPost(json, policy(std::nullopt)), json, false);
}

BOOST_AUTO_TEST_CASE(signed_post_request_verifies) {
  const Pysaml2Sp sp;
  const std::string json = sp.authnRequest("post", true);
  checkAccepted(readPost(json, policy(sp.certificate())), json, true);
  const auto foreign = readPost(json, policy(fx::spKey().credential.certificate()));
  BOOST_REQUIRE(!foreign.has_value());
  BOOST_CHECK(foreign.error().code == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_SUITE_END()
