// SPDX-License-Identifier: Apache-2.0
// Shared test material for the inbound libsaml suites: keys, AuthnRequests, xmlsec1 signing.
#include "inbound_fixtures.hpp"

#include "support/shell.hpp"
#include "support/temp_dir.hpp"

#include <authcore/saml/certificate_generator.hpp>

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

namespace authcore::saml::test {

namespace {

TestKey makeKey(const std::string& keyPem, const std::string& certPem) {
  auto credential = SigningCredential::fromPem(keyPem, certPem);
  BOOST_REQUIRE_MESSAGE(credential.has_value(), "test credential: " << credential.error().message);
  return TestKey{keyPem, certPem, *credential};
}

TestKey generatedRsaKey(const std::string& commonName) {
  CertificateRequest request;
  request.commonName = commonName;
  request.notBefore = testNow() - std::chrono::hours(24);
  request.rsaBits = 2048;
  auto generated = generateSelfSignedCertificate(request);
  BOOST_REQUIRE_MESSAGE(generated.has_value(), "key generation: " << generated.error().message);
  return makeKey(generated->privateKeyPem, generated->certificatePem);
}

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

void writeFile(const std::string& path, const std::string& content) {
  std::ofstream(path) << content;
}

}  // namespace

const TestKey& spKey() {
  static const TestKey key = generatedRsaKey("sp.example.com");
  return key;
}

const TestKey& foreignKey() {
  static const TestKey key = generatedRsaKey("attacker.example.net");
  return key;
}

const TestKey& ecKey() {
  static const TestKey key = [] {
    const authcore::test::TempDir dir;
    int status = 0;
    const std::string output = authcore::test::runCommand(
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj /CN=ec.example.com"
        " -keyout " + dir.file("key.pem") + " -out " + dir.file("cert.pem"), status);
    BOOST_REQUIRE_MESSAGE(status == 0, "openssl: " << output);
    return makeKey(readFile(dir.file("key.pem")), readFile(dir.file("cert.pem")));
  }();
  return key;
}

std::chrono::system_clock::time_point testNow() {
  using namespace std::chrono;
  return sys_days(year(2026) / January / 1) + hours(10);
}

AuthnRequestPolicy authnPolicy() {
  AuthnRequestPolicy policy;
  policy.expectedIssuer = kSpEntityId;
  policy.ssoUrl = kSsoUrl;
  policy.acsUrl = kAcsUrl;
  policy.now = testNow();
  return policy;
}

std::string authnRequestXml(const RequestFields& fields) {
  std::string xml = "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\""
                    " xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" + fields.id +
                    "\" Version=\"2.0\" IssueInstant=\"" + fields.issueInstant + "\"";
  if (fields.destination) xml += " Destination=\"" + *fields.destination + "\"";
  if (fields.acsUrl) xml += " AssertionConsumerServiceURL=\"" + *fields.acsUrl + "\"";
  xml += " ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\">";
  xml += "<saml:Issuer>" + fields.issuer + "</saml:Issuer>" + fields.signature;
  if (!fields.extensions.empty()) xml += "<samlp:Extensions>" + fields.extensions + "</samlp:Extensions>";
  xml += "<samlp:NameIDPolicy Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\""
         " AllowCreate=\"true\"/></samlp:AuthnRequest>";
  return xml;
}

std::string signatureTemplate(const std::string& referenceId, const std::string& signatureMethod,
                              const std::string& digestMethod, bool keyInfo) {
  return "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>"
         "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
         "<ds:SignatureMethod Algorithm=\"" + signatureMethod + "\"/>"
         "<ds:Reference URI=\"#" + referenceId + "\"><ds:Transforms>"
         "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
         "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms>"
         "<ds:DigestMethod Algorithm=\"" + digestMethod + "\"/><ds:DigestValue/></ds:Reference>"
         "</ds:SignedInfo><ds:SignatureValue/>" +
         std::string(keyInfo ? "<ds:KeyInfo><ds:X509Data/></ds:KeyInfo>" : "") + "</ds:Signature>";
}

std::string signWithXmlsec1(const std::string& xml, const TestKey& key,
                            const std::vector<std::string>& idElements, bool certInKeyInfo) {
  const authcore::test::TempDir dir;
  writeFile(dir.file("key.pem"), key.keyPem);
  writeFile(dir.file("cert.pem"), key.certPem);
  writeFile(dir.file("template.xml"), xml);
  std::string command = "xmlsec1 --sign --privkey-pem " + dir.file("key.pem");
  if (certInKeyInfo) command += "," + dir.file("cert.pem");
  for (const auto& element : idElements) {
    command += " --id-attr:ID urn:oasis:names:tc:SAML:2.0:protocol:" + element;
  }
  command += " --output " + dir.file("signed.xml") + " " + dir.file("template.xml");
  int status = 0;
  const std::string output = authcore::test::runCommand(command, status);
  BOOST_REQUIRE_MESSAGE(status == 0, "xmlsec1 --sign failed: " << output);
  return readFile(dir.file("signed.xml"));
}

std::string replaceOnce(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, "fixture text not found: " << from);
  return text.replace(at, from.size(), to);
}

}  // namespace authcore::saml::test
