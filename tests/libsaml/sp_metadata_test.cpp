// SPDX-License-Identifier: Apache-2.0
// buildSpMetadata: descriptor attributes, keys in rollover order, schema order, escaping, refusals.
#include <authcore/saml/sp_metadata.hpp>

#include "saml_fixtures.hpp"

#include <boost/test/unit_test.hpp>

namespace saml = authcore::saml;
using authcore::test::generatedCredential;
using authcore::test::XPathReader;
using saml::Errc;

namespace {

saml::SpMetadataSpec sampleSp() {
  saml::SpMetadataSpec spec;
  spec.entityId = "https://sp.example.test/saml/metadata?org=a&slug=<b>";
  spec.acsUrl = "https://sp.example.test/saml/acs";
  spec.sloUrl = "https://sp.example.test/saml/slo";
  spec.signingCertificates = {generatedCredential(0).certificate(), generatedCredential(1).certificate()};
  spec.nameIdFormats = {saml::NameIdFormat::EmailAddress, saml::NameIdFormat::Persistent};
  return spec;
}

std::string build(const saml::SpMetadataSpec& spec) {
  auto xml = saml::buildSpMetadata(spec);
  BOOST_REQUIRE_MESSAGE(xml.has_value(), (xml ? "" : xml.error().message));
  return *xml;
}

Errc buildError(const saml::SpMetadataSpec& spec) {
  auto xml = saml::buildSpMetadata(spec);
  BOOST_REQUIRE_MESSAGE(!xml.has_value(), "built metadata from an invalid spec");
  return xml.error().code;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_sp_metadata)

BOOST_AUTO_TEST_CASE(entity_descriptor_carries_escaped_entity_id) {
  const std::string text = build(sampleSp());
  BOOST_CHECK(text.find("slug=<b>") == std::string::npos);
  BOOST_CHECK(text.find("org=a&amp;slug=&lt;b&gt;") != std::string::npos);
  const XPathReader xml(text);
  BOOST_CHECK_EQUAL(xml.one("/md:EntityDescriptor/@entityID"), "https://sp.example.test/saml/metadata?org=a&slug=<b>");
  BOOST_CHECK_EQUAL(xml.all("/md:EntityDescriptor/*").size(), 1U);
}

BOOST_AUTO_TEST_CASE(descriptor_states_saml2_and_signing_wishes) {
  const XPathReader xml(build(sampleSp()));
  BOOST_CHECK_EQUAL(xml.one("/md:EntityDescriptor/md:SPSSODescriptor/@protocolSupportEnumeration"),
                    "urn:oasis:names:tc:SAML:2.0:protocol");
  BOOST_CHECK_EQUAL(xml.one("//md:SPSSODescriptor/@AuthnRequestsSigned"), "true");
  BOOST_CHECK_EQUAL(xml.one("//md:SPSSODescriptor/@WantAssertionsSigned"), "true");
  auto spec = sampleSp();
  spec.authnRequestsSigned = false;
  spec.wantAssertionsSigned = false;
  const XPathReader unsignedSp(build(spec));
  BOOST_CHECK_EQUAL(unsignedSp.one("//md:SPSSODescriptor/@AuthnRequestsSigned"), "false");
  BOOST_CHECK_EQUAL(unsignedSp.one("//md:SPSSODescriptor/@WantAssertionsSigned"), "false");
}

BOOST_AUTO_TEST_CASE(one_signing_key_descriptor_per_certificate_active_first) {
  const XPathReader xml(build(sampleSp()));
  const auto certs = xml.all("//md:KeyDescriptor[@use='signing']/ds:KeyInfo/ds:X509Data/ds:X509Certificate");
  BOOST_REQUIRE_EQUAL(certs.size(), 2U);
  BOOST_CHECK_EQUAL(certs[0], generatedCredential(0).certificate().base64Der());
  BOOST_CHECK_EQUAL(certs[1], generatedCredential(1).certificate().base64Der());
  BOOST_CHECK_EQUAL(xml.all("//md:KeyDescriptor").size(), 2U);
}

BOOST_AUTO_TEST_CASE(children_follow_schema_order) {
  const XPathReader xml(build(sampleSp()));
  const std::vector<std::string> expected = {"KeyDescriptor", "KeyDescriptor", "SingleLogoutService",
                                             "NameIDFormat", "NameIDFormat", "AssertionConsumerService"};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const std::string child = "//md:SPSSODescriptor/*[" + std::to_string(i + 1) + "][self::md:" + expected[i] + "]";
    BOOST_CHECK_MESSAGE(xml.all(child).size() == 1U, "child " << i + 1 << " is not md:" << expected[i]);
  }
  BOOST_CHECK_EQUAL(xml.all("//md:SPSSODescriptor/*").size(), expected.size());
}

BOOST_AUTO_TEST_CASE(acs_is_default_post_endpoint_at_index_zero) {
  const XPathReader xml(build(sampleSp()));
  BOOST_CHECK_EQUAL(xml.one("//md:AssertionConsumerService/@Binding"),
                    "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
  BOOST_CHECK_EQUAL(xml.one("//md:AssertionConsumerService/@Location"), "https://sp.example.test/saml/acs");
  BOOST_CHECK_EQUAL(xml.one("//md:AssertionConsumerService/@index"), "0");
  BOOST_CHECK_EQUAL(xml.one("//md:AssertionConsumerService/@isDefault"), "true");
}

BOOST_AUTO_TEST_CASE(slo_is_redirect_and_name_id_formats_keep_order) {
  const XPathReader xml(build(sampleSp()));
  BOOST_CHECK_EQUAL(xml.one("//md:SingleLogoutService/@Binding"),
                    "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect");
  BOOST_CHECK_EQUAL(xml.one("//md:SingleLogoutService/@Location"), "https://sp.example.test/saml/slo");
  const auto formats = xml.all("//md:NameIDFormat");
  const std::vector<std::string> expected = {"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
                                             "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"};
  BOOST_CHECK_EQUAL_COLLECTIONS(formats.begin(), formats.end(), expected.begin(), expected.end());
}

BOOST_AUTO_TEST_CASE(optional_parts_are_omitted) {
  auto spec = sampleSp();
  spec.sloUrl.clear();
  spec.nameIdFormats.clear();
  spec.signingCertificates.clear();
  spec.authnRequestsSigned = false;
  const XPathReader xml(build(spec));
  BOOST_CHECK(xml.all("//md:SingleLogoutService").empty());
  BOOST_CHECK(xml.all("//md:NameIDFormat").empty());
  BOOST_CHECK(xml.all("//md:KeyDescriptor").empty());
  BOOST_CHECK_EQUAL(xml.all("//md:AssertionConsumerService").size(), 1U);
}

BOOST_AUTO_TEST_CASE(missing_entity_id_acs_or_signing_certificate_is_refused) {
  auto noEntity = sampleSp();
  noEntity.entityId.clear();
  BOOST_CHECK(buildError(noEntity) == Errc::MissingField);
  auto noAcs = sampleSp();
  noAcs.acsUrl.clear();
  BOOST_CHECK(buildError(noAcs) == Errc::MissingField);
  auto signedWithoutCert = sampleSp();
  signedWithoutCert.signingCertificates.clear();
  BOOST_CHECK(buildError(signedWithoutCert) == Errc::MissingField);
}

BOOST_AUTO_TEST_SUITE_END()
