// SPDX-License-Identifier: Apache-2.0
// The real xmlsec1 command (Debian xmlsec1) verifies our signatures, and refuses
// a tampered response and a response checked against another certificate.
#include <authcore/saml/response_builder.hpp>

#include "saml_fixtures.hpp"
#include "support/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

namespace saml = authcore::saml;
using authcore::test::generatedCredential;
using authcore::test::sampleSpec;
using authcore::test::TempDir;
using authcore::test::runVerdict;
using authcore::test::Verdict;
using authcore::test::writeFile;

namespace {

// xmlsec1 --verify of the signature inside the element whose ID is `nodeId`,
// trusting only `certificatePem` (never the certificate in KeyInfo).
Verdict verify(const std::string& xml, const std::string& certificatePem, const std::string& nodeId) {
  TempDir dir;
  writeFile(dir.file("response.xml"), xml);
  writeFile(dir.file("cert.pem"), certificatePem);
  return runVerdict(
      "/usr/bin/xmlsec1 --verify --pubkey-cert-pem " + dir.file("cert.pem") +
          " --id-attr:ID urn:oasis:names:tc:SAML:2.0:protocol:Response"
          " --id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion --node-id " + nodeId + " " +
          dir.file("response.xml"));
}

saml::BuiltResponse build(bool signResponse, bool signAssertion,
                          const saml::SigningCredential& credential = generatedCredential()) {
  auto spec = sampleSpec(std::chrono::system_clock::now());
  spec.signResponse = signResponse;
  spec.signAssertion = signAssertion;
  auto built = saml::buildResponse(spec, credential);
  BOOST_REQUIRE_MESSAGE(built.has_value(), (built ? "" : built.error().message));
  return *built;
}

std::string tamperNameId(std::string xml) {
  const std::string from = ">ada@example.test</saml:NameID>";
  const auto at = xml.find(from);
  BOOST_REQUIRE(at != std::string::npos);
  return xml.replace(at, from.size(), ">eve@example.test</saml:NameID>");
}

const std::string& idpCertificatePem() { return authcore::test::generatedCertificate(0).certificatePem; }

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_xmlsec_cli)

BOOST_AUTO_TEST_CASE(both_signatures_verify) {
  const auto built = build(true, true);
  const auto response = verify(built.xml, idpCertificatePem(), built.responseId);
  BOOST_CHECK_MESSAGE(response.status == 0, response.output);
  const auto assertion = verify(built.xml, idpCertificatePem(), built.assertionId);
  BOOST_CHECK_MESSAGE(assertion.status == 0, assertion.output);
}

BOOST_AUTO_TEST_CASE(assertion_only_signature_verifies) {
  const auto built = build(false, true);
  const auto verdict = verify(built.xml, idpCertificatePem(), built.assertionId);
  BOOST_CHECK_MESSAGE(verdict.status == 0, verdict.output);
}

BOOST_AUTO_TEST_CASE(response_only_signature_verifies) {
  const auto built = build(true, false);
  const auto verdict = verify(built.xml, idpCertificatePem(), built.responseId);
  BOOST_CHECK_MESSAGE(verdict.status == 0, verdict.output);
}

BOOST_AUTO_TEST_CASE(tampered_name_id_is_refused_by_both_signatures) {
  const auto built = build(true, true);
  const auto tampered = tamperNameId(built.xml);
  BOOST_CHECK_NE(verify(tampered, idpCertificatePem(), built.responseId).status, 0);
  BOOST_CHECK_NE(verify(tampered, idpCertificatePem(), built.assertionId).status, 0);
}

BOOST_AUTO_TEST_CASE(tampered_assertion_only_response_is_refused) {
  const auto built = build(false, true);
  BOOST_CHECK_NE(verify(tamperNameId(built.xml), idpCertificatePem(), built.assertionId).status, 0);
}

BOOST_AUTO_TEST_CASE(another_certificate_is_refused_although_keyinfo_carries_the_signer) {
  const auto built = build(true, true);
  const std::string& other = authcore::test::generatedCertificate(1).certificatePem;
  BOOST_CHECK_NE(verify(built.xml, other, built.responseId).status, 0);
  BOOST_CHECK_NE(verify(built.xml, other, built.assertionId).status, 0);
}

BOOST_AUTO_TEST_CASE(ec_p256_credential_signs_with_ecdsa_sha256_and_verifies) {
  TempDir dir;
  int status = 0;
  const auto output = authcore::test::runCommand(
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=ec-idp -days 2 -keyout " +
          dir.file("key.pem") + " -out " + dir.file("cert.pem"),
      status);
  BOOST_REQUIRE_MESSAGE(status == 0, output);
  std::stringstream key, cert;
  key << std::ifstream(dir.file("key.pem")).rdbuf();
  cert << std::ifstream(dir.file("cert.pem")).rdbuf();
  const auto credential = saml::SigningCredential::fromPem(key.str(), cert.str());
  BOOST_REQUIRE_MESSAGE(credential.has_value(), (credential ? "" : credential.error().message));
  const auto built = build(true, true, *credential);
  const authcore::test::XPathReader xml(built.xml);
  BOOST_CHECK_EQUAL(xml.one("/samlp:Response/ds:Signature/ds:SignedInfo/ds:SignatureMethod/@Algorithm"),
                    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256");
  const auto verdict = verify(built.xml, cert.str(), built.responseId);
  BOOST_CHECK_MESSAGE(verdict.status == 0, verdict.output);
  BOOST_CHECK_NE(verify(tamperNameId(built.xml), cert.str(), built.assertionId).status, 0);
}

BOOST_AUTO_TEST_SUITE_END()
