// SPDX-License-Identifier: Apache-2.0
// Debian's python3-pysaml2, an independent SP implementation, accepts our signed
// Response under each signing choice and refuses tampered or foreign-signed ones.
#include <authcore/saml/idp_metadata.hpp>
#include <authcore/saml/response_builder.hpp>

#include "saml_fixtures.hpp"
#include "support/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>

namespace saml = authcore::saml;
using authcore::test::generatedCredential;
using authcore::test::sampleSpec;
using authcore::test::runVerdict;
using authcore::test::Verdict;
using authcore::test::writeFile;

namespace {

std::string idpMetadata(const saml::ResponseSpec& spec) {
  saml::IdpMetadataSpec metadata;
  metadata.entityId = spec.issuer;
  metadata.ssoUrl = "https://idp.example.test/saml/sso";
  metadata.sloUrl = "https://idp.example.test/saml/slo";
  metadata.signingCertificates = {generatedCredential().certificate()};
  metadata.nameIdFormats = {saml::NameIdFormat::EmailAddress};
  auto xml = saml::buildIdpMetadata(metadata);
  BOOST_REQUIRE(xml.has_value());
  return *xml;
}

// Runs tests/interop/pysaml2_accept_response.py on `xml`, as the SP of `spec`.
Verdict accept(const saml::ResponseSpec& spec, const std::string& xml) {
  authcore::test::TempDir dir;
  writeFile(dir.file("idp.xml"), idpMetadata(spec));
  writeFile(dir.file("response.xml"), xml);
  const std::string script =
      std::string(std::getenv("AUTHCORE_SOURCE_ROOT")) + "/tests/interop/pysaml2_accept_response.py";
  return runVerdict(
      "/usr/bin/python3 '" + script + "' '" + dir.file("idp.xml") + "' '" + spec.audience + "' '" +
          spec.destination + "' '" + *spec.inResponseTo + "' '" + dir.file("response.xml") + "' " +
          (spec.signResponse ? "true" : "false") + " " + (spec.signAssertion ? "true" : "false"));
}

saml::ResponseSpec spec(bool signResponse, bool signAssertion) {
  auto s = sampleSpec(std::chrono::system_clock::now());
  s.signResponse = signResponse;
  s.signAssertion = signAssertion;
  return s;
}

std::string build(const saml::ResponseSpec& s, const saml::SigningCredential& credential = generatedCredential()) {
  auto built = saml::buildResponse(s, credential);
  BOOST_REQUIRE_MESSAGE(built.has_value(), (built ? "" : built.error().message));
  return built->xml;
}

void checkAccepted(bool signResponse, bool signAssertion) {
  const auto s = spec(signResponse, signAssertion);
  const auto verdict = accept(s, build(s));
  BOOST_REQUIRE_MESSAGE(verdict.status == 0, verdict.output);
  for (const char* expected : {"\"name_id\": \"ada@example.test\"", "\"session_index\": \"_session42\"",
                               "\"groups\": [\"admins\", \"staff\"]", "\"mail\": [\"ada@example.test\"]"}) {
    BOOST_CHECK_MESSAGE(verdict.output.find(expected) != std::string::npos, expected << " not in " << verdict.output);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_pysaml2_response)

BOOST_AUTO_TEST_CASE(signed_response_and_assertion_are_accepted) { checkAccepted(true, true); }

BOOST_AUTO_TEST_CASE(signed_response_only_is_accepted) { checkAccepted(true, false); }

BOOST_AUTO_TEST_CASE(signed_assertion_only_is_accepted) { checkAccepted(false, true); }

BOOST_AUTO_TEST_CASE(tampered_name_id_is_refused) {
  const auto s = spec(true, true);
  std::string xml = build(s);
  const std::string from = ">ada@example.test</saml:NameID>";
  const auto at = xml.find(from);
  BOOST_REQUIRE(at != std::string::npos);
  xml.replace(at, from.size(), ">eve@example.test</saml:NameID>");
  const auto verdict = accept(s, xml);
  BOOST_CHECK_MESSAGE(verdict.status != 0, verdict.output);
  BOOST_CHECK_MESSAGE(verdict.output.find("Failed to verify signature") != std::string::npos, verdict.output);
  BOOST_CHECK_EQUAL(verdict.output.find("eve@example.test"), std::string::npos);
}

BOOST_AUTO_TEST_CASE(response_signed_by_a_key_not_in_metadata_is_refused) {
  const auto s = spec(true, true);
  const auto verdict = accept(s, build(s, generatedCredential(1)));
  BOOST_CHECK_MESSAGE(verdict.status != 0, verdict.output);
  BOOST_CHECK_MESSAGE(verdict.output.find("SignatureError") != std::string::npos, verdict.output);
}

BOOST_AUTO_TEST_CASE(wrong_audience_is_refused) {
  auto s = spec(true, true);
  const std::string xml = build(s);
  s.audience = "https://other-sp.example.test/metadata";
  const auto verdict = accept(s, xml);
  BOOST_CHECK_MESSAGE(verdict.status != 0, verdict.output);
}

BOOST_AUTO_TEST_SUITE_END()
