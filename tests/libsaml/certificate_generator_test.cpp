// SPDX-License-Identifier: Apache-2.0
// generateSelfSignedCertificate and the credentials built from its output.
#include <authcore/saml/certificate_generator.hpp>
#include <authcore/saml/credential.hpp>

#include "saml_fixtures.hpp"
#include "support/shell.hpp"
#include "support/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

namespace saml = authcore::saml;
using authcore::test::generatedCertificate;
using saml::Errc;
using namespace std::chrono;

namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

saml::CertificateRequest request(int bits = 2048) {
  saml::CertificateRequest r;
  r.commonName = "idp.example.test";
  r.notBefore = sys_days{year{2026} / 1 / 1};
  r.validity = hours(24 * 30);
  r.rsaBits = bits;
  return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_certificate_generator)

BOOST_AUTO_TEST_CASE(generated_certificate_loads_into_a_signing_credential) {
  const auto& generated = generatedCertificate();
  const auto credential = saml::SigningCredential::fromPem(generated.privateKeyPem, generated.certificatePem);
  BOOST_REQUIRE_MESSAGE(credential.has_value(), (credential ? "" : credential.error().message));
  BOOST_CHECK_EQUAL(credential->certificate().pem(), generated.certificatePem);
  BOOST_CHECK(!credential->certificate().base64Der().empty());
}

BOOST_AUTO_TEST_CASE(default_key_is_rsa_3072) {
  int status = 0;
  authcore::test::TempDir dir;
  authcore::test::writeFile(dir.file("cert.pem"), generatedCertificate().certificatePem);
  const auto text = authcore::test::runCommand("openssl x509 -noout -text -in " + dir.file("cert.pem"), status);
  BOOST_REQUIRE_EQUAL(status, 0);
  BOOST_CHECK_NE(text.find("(3072 bit)"), std::string::npos);
  BOOST_CHECK_NE(text.find("sha256WithRSAEncryption"), std::string::npos);
  BOOST_CHECK_NE(text.find("CA:FALSE"), std::string::npos);
  BOOST_CHECK_NE(text.find("Digital Signature"), std::string::npos);
}

BOOST_AUTO_TEST_CASE(validity_dates_are_the_requested_window) {
  const auto generated = saml::generateSelfSignedCertificate(request());
  BOOST_REQUIRE(generated.has_value());
  BOOST_CHECK(generated->validFrom == request().notBefore);
  BOOST_CHECK(generated->validUntil == request().notBefore + hours(24 * 30));
  const auto certificate = saml::Certificate::fromPem(generated->certificatePem);
  BOOST_REQUIRE(certificate.has_value());
  BOOST_CHECK(certificate->notBefore() == generated->validFrom);
  BOOST_CHECK(certificate->notAfter() == generated->validUntil);
}

BOOST_AUTO_TEST_CASE(serial_numbers_are_fresh) {
  const auto first = saml::generateSelfSignedCertificate(request());
  BOOST_REQUIRE(first.has_value());
  BOOST_CHECK_NE(first->serialHex, generatedCertificate().serialHex);
  BOOST_CHECK_GE(first->serialHex.size(), 30U);
}

BOOST_AUTO_TEST_CASE(key_of_another_certificate_is_refused) {
  const auto credential = saml::SigningCredential::fromPem(generatedCertificate(1).privateKeyPem,
                                                           generatedCertificate(0).certificatePem);
  BOOST_REQUIRE(!credential.has_value());
  BOOST_CHECK(credential.error().code == Errc::InvalidKey);
}

BOOST_AUTO_TEST_CASE(rsa_1024_certificate_is_refused) {
  authcore::test::TempDir dir;
  int status = 0;
  const auto output = authcore::test::runCommand(
      "openssl req -x509 -newkey rsa:1024 -nodes -subj /CN=weak -days 1 -keyout " + dir.file("key.pem") + " -out " +
          dir.file("cert.pem"),
      status);
  BOOST_REQUIRE_MESSAGE(status == 0, output);
  const auto certificate = saml::Certificate::fromPem(readFile(dir.file("cert.pem")));
  BOOST_REQUIRE(!certificate.has_value());
  BOOST_CHECK(certificate.error().code == Errc::InvalidKey);
  const auto credential =
      saml::SigningCredential::fromPem(readFile(dir.file("key.pem")), readFile(dir.file("cert.pem")));
  BOOST_REQUIRE(!credential.has_value());
  BOOST_CHECK(credential.error().code == Errc::InvalidKey);
}

BOOST_AUTO_TEST_CASE(generator_refuses_rsa_below_2048_bits) {
  const auto generated = saml::generateSelfSignedCertificate(request(1024));
  BOOST_REQUIRE(!generated.has_value());
  BOOST_CHECK(generated.error().code == Errc::InvalidKey);
}

BOOST_AUTO_TEST_CASE(generator_refuses_an_empty_common_name_and_no_validity) {
  auto noName = request();
  noName.commonName.clear();
  BOOST_CHECK(saml::generateSelfSignedCertificate(noName).error().code == Errc::MissingField);
  auto noValidity = request();
  noValidity.validity = seconds(0);
  BOOST_CHECK(saml::generateSelfSignedCertificate(noValidity).error().code == Errc::MissingField);
}

BOOST_AUTO_TEST_CASE(bare_base64_der_reads_as_the_same_certificate) {
  const auto& generated = generatedCertificate();
  const auto fromPem = saml::Certificate::fromPem(generated.certificatePem);
  BOOST_REQUIRE(fromPem.has_value());
  const auto fromDer = saml::Certificate::fromPem(fromPem->base64Der());
  BOOST_REQUIRE(fromDer.has_value());
  BOOST_CHECK_EQUAL(fromDer->base64Der(), fromPem->base64Der());
}

// Found by saml-sp-messages-fuzz: a well-formed certificate whose public key
// OpenSSL cannot decode (X509_get0_pubkey gives null) once crashed fromPem.
BOOST_AUTO_TEST_CASE(certificate_with_an_undecodable_key_is_invalid_not_a_crash) {
  const char* mutated =
    "MIIC+TCCAeGgAwIBAgIUPxYhbVTYz/jeIWjMMhccrJqtknQwDQYJKoZIhvcNAQELBQAwDDEKMAgGA1UEAwwBdDAeFw0yNjEx"
    "MjMwMjU2MjJaFw0yNjExMjUwMjU2MjJaMAwxCjAIBgNVBAMMAXQwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQCh"
    "Dv1Esd6IrIo3iDrQkobcvP+/6wE4aGKCg3qZdwm+l46QpCwcS2B822gEkDYreju/oxy5hQLOuaKAnE1kMaXdao51UflDlXfx"
    "6HbU9GPrptfCoyNd6DFbpEI+x/ZC/3jgSt0rhFGdKgDV/cb49/RkrKze6PMze9Jj14MRR6TygGPUR5iqzO/nWweiQqLrulW4"
    "637a+tugbEaaA+hxPRVYVD7X7mIICcisqOh6nUdF2NkXR0JklZbNOhQ9ARQZxGmqghKPmTXybxNf7OauhoEiaMCZMyHOqNly"
    "gllctheDKGsSNJ7AYwJK4nA5GDrQYlX5i0/WQwOq0HqOrkrLimhlAwMBAAGjUzBRMB0GA1UdDgQWBBTLvPba2Efuj9Ii0Fzt"
    "vNlLSWX2VTAfBgNVHSMEGDAWgBTLvPba2Efuj9Ii0FztvNlLSWX2VTAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUA"
    "A4IBAQA9IH2MB1hlavlfcClA+emFU16E2kZ0dNtAOaQWL/T1CEYdNopyBJYykPuXjPnoL6qK/uUdxYi5Kc+TnRS4cFz0D2qb"
    "uq1bz0OyfqWNDnpkCBI8qc0TqN9eRJ9n0olPKa14ClpH46CHIxyzTWFRtYQWB1/eN1ZFTKpPXuSg9YQFnroKDsoJAP6FXFCg"
    "WhT8eeT9xVbnwVL5E4rHeagqnYv06+km/HEVvg+j5VXXnfvrZ3JQmRCX81yvM3O2n7UL3NGrf/Bj4G4RfOFkwbi6s6cWjfQY"
    "IEa6tHKXMI36osqTaAwKJmz6LiLtk691sGdyazKIUcg8eXJ1eCsi/fqUaRCZ";
  const auto certificate = saml::Certificate::fromPem(mutated);
  BOOST_REQUIRE(!certificate.has_value());
  BOOST_CHECK(certificate.error().code == saml::Errc::InvalidKey);
}

BOOST_AUTO_TEST_SUITE_END()
