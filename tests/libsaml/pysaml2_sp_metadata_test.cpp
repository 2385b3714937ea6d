// SPDX-License-Identifier: Apache-2.0
// Debian's python3-pysaml2, an independent implementation, imports our SP metadata as an
// IdP would: entity ID, ACS, SLO, signing certificates and the signing wishes.
#include <authcore/saml/sp_metadata.hpp>

#include "saml_fixtures.hpp"
#include "support/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>

namespace saml = authcore::saml;
using authcore::test::generatedCredential;
using authcore::test::runVerdict;
using authcore::test::Verdict;
using authcore::test::writeFile;

namespace {

saml::SpMetadataSpec sampleSp() {
  saml::SpMetadataSpec spec;
  spec.entityId = "https://sp.example.test/saml/metadata?org=a&slug=b";
  spec.acsUrl = "https://sp.example.test/saml/acs";
  spec.sloUrl = "https://sp.example.test/saml/slo";
  spec.signingCertificates = {generatedCredential(0).certificate(), generatedCredential(1).certificate()};
  spec.nameIdFormats = {saml::NameIdFormat::EmailAddress};
  return spec;
}

// Runs tests/interop/pysaml2_read_metadata.py on `xml`.
Verdict readWithPysaml2(const std::string& xml) {
  authcore::test::TempDir dir;
  writeFile(dir.file("sp.xml"), xml);
  const std::string script =
      std::string(std::getenv("AUTHCORE_SOURCE_ROOT")) + "/tests/interop/pysaml2_read_metadata.py";
  return runVerdict("/usr/bin/python3 '" + script + "' '" + dir.file("sp.xml") + "'");
}

Verdict readSpec(const saml::SpMetadataSpec& spec) {
  auto xml = saml::buildSpMetadata(spec);
  BOOST_REQUIRE_MESSAGE(xml.has_value(), (xml ? "" : xml.error().message));
  const auto verdict = readWithPysaml2(*xml);
  BOOST_REQUIRE_MESSAGE(verdict.status == 0, verdict.output);
  return verdict;
}

void checkContains(const Verdict& verdict, const std::string& expected) {
  BOOST_CHECK_MESSAGE(verdict.output.find(expected) != std::string::npos, expected << " not in " << verdict.output);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_pysaml2_sp_metadata)

BOOST_AUTO_TEST_CASE(pysaml2_reads_entity_id_endpoints_and_wishes) {
  const auto verdict = readSpec(sampleSp());
  checkContains(verdict, R"("entity_ids": ["https://sp.example.test/saml/metadata?org=a&slug=b"])");
  checkContains(verdict, R"("acs": ["https://sp.example.test/saml/acs"])");
  checkContains(verdict, R"("acs_default": ["true"])");
  checkContains(verdict, R"("slo": ["https://sp.example.test/saml/slo"])");
  checkContains(verdict, R"("authn_requests_signed": "true")");
  checkContains(verdict, R"("want_assertions_signed": "true")");
  checkContains(verdict, R"("name_id_formats": ["urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"])");
}

BOOST_AUTO_TEST_CASE(pysaml2_reads_both_signing_certificates_in_order) {
  const auto verdict = readSpec(sampleSp());
  checkContains(verdict, "\"signing_certs\": [\"" + generatedCredential(0).certificate().base64Der() + "\", \"" +
                             generatedCredential(1).certificate().base64Der() + "\"]");
}

BOOST_AUTO_TEST_CASE(pysaml2_reads_unsigned_wishes_as_false) {
  auto spec = sampleSp();
  spec.authnRequestsSigned = false;
  spec.wantAssertionsSigned = false;
  const auto verdict = readSpec(spec);
  checkContains(verdict, R"("authn_requests_signed": "false")");
  checkContains(verdict, R"("want_assertions_signed": "false")");
}

BOOST_AUTO_TEST_CASE(reader_script_refuses_a_document_that_is_not_metadata) {
  const auto verdict = readWithPysaml2("<html><body>not metadata</body></html>");
  BOOST_CHECK_NE(verdict.status, 0);
}

BOOST_AUTO_TEST_SUITE_END()
