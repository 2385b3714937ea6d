// SPDX-License-Identifier: Apache-2.0
// buildIdpMetadata: descriptor attributes, keys in rollover order, endpoints, refusals.
#include <authcore/saml/idp_metadata.hpp>

#include "saml_fixtures.hpp"

#include <boost/test/unit_test.hpp>

namespace saml = authcore::saml;
using authcore::test::generatedCredential;
using authcore::test::XPathReader;
using saml::Errc;
using namespace std::chrono;

namespace {

saml::IdpMetadataSpec sampleMetadata() {
  saml::IdpMetadataSpec spec;
  spec.entityId = "https://idp.example.test/saml?tenant=a&b";
  spec.ssoUrl = "https://idp.example.test/saml/sso";
  spec.sloUrl = "https://idp.example.test/saml/slo";
  spec.signingCertificates = {generatedCredential(0).certificate(), generatedCredential(1).certificate()};
  spec.nameIdFormats = {saml::NameIdFormat::Persistent, saml::NameIdFormat::EmailAddress};
  spec.wantAuthnRequestsSigned = true;
  spec.validUntil = sys_days{year{2027} / 2 / 3} + hours(4);
  return spec;
}

std::string build(const saml::IdpMetadataSpec& spec) {
  auto xml = saml::buildIdpMetadata(spec);
  BOOST_REQUIRE_MESSAGE(xml.has_value(), (xml ? "" : xml.error().message));
  return *xml;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_idp_metadata)

BOOST_AUTO_TEST_CASE(entity_descriptor_carries_entity_id_and_valid_until) {
  const XPathReader xml(build(sampleMetadata()));
  BOOST_CHECK_EQUAL(xml.one("/md:EntityDescriptor/@entityID"), "https://idp.example.test/saml?tenant=a&b");
  BOOST_CHECK_EQUAL(xml.one("/md:EntityDescriptor/@validUntil"), "2027-02-03T04:00:00Z");
}

BOOST_AUTO_TEST_CASE(descriptor_states_saml2_and_signed_requests_wish) {
  const XPathReader xml(build(sampleMetadata()));
  BOOST_CHECK_EQUAL(xml.one("//md:IDPSSODescriptor/@protocolSupportEnumeration"),
                    "urn:oasis:names:tc:SAML:2.0:protocol");
  BOOST_CHECK_EQUAL(xml.one("//md:IDPSSODescriptor/@WantAuthnRequestsSigned"), "true");
  auto spec = sampleMetadata();
  spec.wantAuthnRequestsSigned = false;
  BOOST_CHECK_EQUAL(XPathReader(build(spec)).one("//md:IDPSSODescriptor/@WantAuthnRequestsSigned"), "false");
}

BOOST_AUTO_TEST_CASE(one_signing_key_descriptor_per_certificate_active_first) {
  const XPathReader xml(build(sampleMetadata()));
  const auto certs = xml.all("//md:KeyDescriptor[@use='signing']/ds:KeyInfo/ds:X509Data/ds:X509Certificate");
  BOOST_REQUIRE_EQUAL(certs.size(), 2U);
  BOOST_CHECK_EQUAL(certs[0], generatedCredential(0).certificate().base64Der());
  BOOST_CHECK_EQUAL(certs[1], generatedCredential(1).certificate().base64Der());
  BOOST_CHECK_EQUAL(xml.all("//md:KeyDescriptor").size(), 2U);
}

BOOST_AUTO_TEST_CASE(endpoints_and_name_id_formats_in_schema_order) {
  const XPathReader xml(build(sampleMetadata()));
  const auto children = xml.all("//md:IDPSSODescriptor/*/@Binding | //md:IDPSSODescriptor/md:NameIDFormat");
  const std::vector<std::string> expected = {
      "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
      "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
      "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
      "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
      "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
  };
  BOOST_CHECK_EQUAL_COLLECTIONS(children.begin(), children.end(), expected.begin(), expected.end());
  BOOST_CHECK_EQUAL(xml.one("//md:SingleLogoutService/@Location"), "https://idp.example.test/saml/slo");
  for (const auto& location : xml.all("//md:SingleSignOnService/@Location")) {
    BOOST_CHECK_EQUAL(location, "https://idp.example.test/saml/sso");
  }
}

BOOST_AUTO_TEST_CASE(optional_parts_are_omitted) {
  auto spec = sampleMetadata();
  spec.sloUrl.clear();
  spec.validUntil.reset();
  spec.nameIdFormats.clear();
  const XPathReader xml(build(spec));
  BOOST_CHECK(xml.all("//md:SingleLogoutService").empty());
  BOOST_CHECK(xml.all("//md:NameIDFormat").empty());
  BOOST_CHECK(xml.all("/md:EntityDescriptor/@validUntil").empty());
  BOOST_CHECK_EQUAL(xml.all("//md:SingleSignOnService").size(), 2U);
}

BOOST_AUTO_TEST_CASE(missing_entity_id_sso_url_or_certificate_is_refused) {
  auto noEntity = sampleMetadata();
  noEntity.entityId.clear();
  BOOST_CHECK(saml::buildIdpMetadata(noEntity).error().code == Errc::MissingField);
  auto noSso = sampleMetadata();
  noSso.ssoUrl.clear();
  BOOST_CHECK(saml::buildIdpMetadata(noSso).error().code == Errc::MissingField);
  auto noCert = sampleMetadata();
  noCert.signingCertificates.clear();
  BOOST_CHECK(saml::buildIdpMetadata(noCert).error().code == Errc::MissingField);
}

BOOST_AUTO_TEST_SUITE_END()
