// SPDX-License-Identifier: Apache-2.0
// buildResponse: fields round-trip, escaping of hostile values, signature placement, refusals.
#include <authcore/saml/response_builder.hpp>
#include <authcore/saml/xml_document.hpp>

#include "saml_fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <functional>
#include <regex>
#include <string>

namespace saml = authcore::saml;
using authcore::test::generatedCredential;
using authcore::test::sampleSpec;
using authcore::test::XPathReader;
using saml::Errc;
using namespace std::chrono;

namespace {

constexpr const char* kAssertionNs = "urn:oasis:names:tc:SAML:2.0:assertion";
// 2026-11-23T01:02:03Z
const system_clock::time_point kNow = sys_days{year{2026} / 11 / 23} + hours(1) + minutes(2) + seconds(3);

saml::BuiltResponse build(const saml::ResponseSpec& spec) {
  auto built = saml::buildResponse(spec, generatedCredential());
  BOOST_REQUIRE_MESSAGE(built.has_value(), "buildResponse failed: " << built.error().message);
  return *built;
}

saml::Error refused(const saml::ResponseSpec& spec) {
  auto built = saml::buildResponse(spec, generatedCredential());
  BOOST_REQUIRE(!built.has_value());
  return built.error();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_response_builder)

BOOST_AUTO_TEST_CASE(response_fields_round_trip) {
  const auto built = build(sampleSpec(kNow));
  const XPathReader xml(built.xml);
  BOOST_CHECK_EQUAL(xml.one("/samlp:Response/@ID"), built.responseId);
  BOOST_CHECK_EQUAL(xml.one("/samlp:Response/@Version"), "2.0");
  BOOST_CHECK_EQUAL(xml.one("/samlp:Response/@IssueInstant"), "2026-11-23T01:02:03Z");
  BOOST_CHECK_EQUAL(xml.one("/samlp:Response/@Destination"), "https://sp.example.test/acs");
  BOOST_CHECK_EQUAL(xml.one("/samlp:Response/@InResponseTo"), "_request0123456789");
  BOOST_CHECK_EQUAL(xml.one("/samlp:Response/saml:Issuer"), "https://idp.example.test/saml");
  BOOST_CHECK_EQUAL(xml.one("/samlp:Response/samlp:Status/samlp:StatusCode/@Value"),
                    "urn:oasis:names:tc:SAML:2.0:status:Success");
}

BOOST_AUTO_TEST_CASE(assertion_fields_round_trip) {
  const auto built = build(sampleSpec(kNow));
  const XPathReader xml(built.xml);
  const std::string a = "/samlp:Response/saml:Assertion";
  BOOST_CHECK_EQUAL(xml.one(a + "/@ID"), built.assertionId);
  BOOST_CHECK_EQUAL(xml.one(a + "/@IssueInstant"), "2026-11-23T01:02:03Z");
  BOOST_CHECK_EQUAL(xml.one(a + "/saml:Issuer"), "https://idp.example.test/saml");
  BOOST_CHECK_EQUAL(xml.one(a + "/saml:Subject/saml:NameID/@Format"),
                    "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
  BOOST_CHECK_EQUAL(xml.one(a + "/saml:Subject/saml:NameID/@SPNameQualifier"), "https://sp.example.test/metadata");
  const std::string data = a + "/saml:Subject/saml:SubjectConfirmation[@Method='urn:oasis:names:tc:SAML:2.0:cm:bearer']"
                               "/saml:SubjectConfirmationData";
  BOOST_CHECK_EQUAL(xml.one(data + "/@Recipient"), "https://sp.example.test/acs");
  BOOST_CHECK_EQUAL(xml.one(data + "/@NotOnOrAfter"), "2026-11-23T01:07:03Z");
  BOOST_CHECK_EQUAL(xml.one(data + "/@InResponseTo"), "_request0123456789");
  BOOST_CHECK_EQUAL(xml.one(a + "/saml:Conditions/@NotBefore"), "2026-11-23T01:01:03Z");
  BOOST_CHECK_EQUAL(xml.one(a + "/saml:Conditions/@NotOnOrAfter"), "2026-11-23T01:07:03Z");
  BOOST_CHECK_EQUAL(xml.one(a + "/saml:Conditions/saml:AudienceRestriction/saml:Audience"),
                    "https://sp.example.test/metadata");
  BOOST_CHECK_EQUAL(xml.one(a + "/saml:AuthnStatement/@AuthnInstant"), "2026-11-23T01:01:33Z");
  BOOST_CHECK_EQUAL(xml.one(a + "/saml:AuthnStatement/@SessionIndex"), "_session42");
  BOOST_CHECK_EQUAL(xml.one(a + "/saml:AuthnStatement/@SessionNotOnOrAfter"), "2026-11-23T09:02:03Z");
  BOOST_CHECK_EQUAL(xml.one(a + "/saml:AuthnStatement/saml:AuthnContext/saml:AuthnContextClassRef"),
                    "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport");
}

BOOST_AUTO_TEST_CASE(name_id_reads_back_through_xml_document) {
  const auto built = build(sampleSpec(kNow));
  const auto doc = saml::XmlDocument::parse(built.xml);
  BOOST_REQUIRE(doc.has_value());
  BOOST_CHECK_EQUAL(doc->rootName(), "Response");
  BOOST_CHECK_EQUAL(doc->canonicalText("NameID", kAssertionNs).value_or(""), "ada@example.test");
}

BOOST_AUTO_TEST_CASE(attributes_carry_name_format_and_one_typed_value_each) {
  const XPathReader xml(build(sampleSpec(kNow)).xml);
  const std::string s = "//saml:AttributeStatement/saml:Attribute";
  BOOST_CHECK_EQUAL(xml.one(s + "[@Name='urn:oid:0.9.2342.19200300.100.1.3']/@NameFormat"),
                    "urn:oasis:names:tc:SAML:2.0:attrname-format:uri");
  BOOST_CHECK_EQUAL(xml.one(s + "[@Name='groups']/@NameFormat"), "urn:oasis:names:tc:SAML:2.0:attrname-format:basic");
  const auto groups = xml.all(s + "[@Name='groups']/saml:AttributeValue");
  BOOST_REQUIRE_EQUAL(groups.size(), 2U);
  BOOST_CHECK_EQUAL(groups[0], "admins");
  BOOST_CHECK_EQUAL(groups[1], "staff");
  BOOST_CHECK_EQUAL(xml.all(s + "/saml:AttributeValue[@xsi:type='xs:string']").size(), 3U);
}

BOOST_AUTO_TEST_CASE(no_attribute_statement_without_attributes) {
  auto spec = sampleSpec(kNow);
  spec.attributes.clear();
  const XPathReader xml(build(spec).xml);
  BOOST_CHECK(xml.all("//saml:AttributeStatement").empty());
}

BOOST_AUTO_TEST_CASE(idp_initiated_response_has_no_in_response_to) {
  auto spec = sampleSpec(kNow);
  spec.inResponseTo.reset();
  spec.spNameQualifier.reset();
  spec.sessionNotOnOrAfter.reset();
  const XPathReader xml(build(spec).xml);
  BOOST_CHECK(xml.all("//@InResponseTo").empty());
  BOOST_CHECK(xml.all("//@SPNameQualifier").empty());
  BOOST_CHECK(xml.all("//@SessionNotOnOrAfter").empty());
}

BOOST_AUTO_TEST_CASE(ids_are_underscore_and_32_hex_digits_and_fresh) {
  const auto first = build(sampleSpec(kNow));
  const auto second = build(sampleSpec(kNow));
  const std::regex shape("_[0-9a-f]{32}");
  BOOST_CHECK(std::regex_match(first.responseId, shape));
  BOOST_CHECK(std::regex_match(first.assertionId, shape));
  BOOST_CHECK_NE(first.responseId, first.assertionId);
  BOOST_CHECK_NE(first.responseId, second.responseId);
  BOOST_CHECK_NE(first.assertionId, second.assertionId);
}

BOOST_AUTO_TEST_CASE(hostile_values_stay_text_and_add_no_element) {
  auto spec = sampleSpec(kNow);
  spec.nameId = "</saml:NameID><x>&amp;";
  spec.attributes = {{"groups", {"<script>alert(1)</script>", "a\"b'c"}}};
  spec.inResponseTo = "_\"><x/>";
  const auto built = build(spec);
  const XPathReader xml(built.xml);
  BOOST_CHECK(xml.all("//x").empty());
  BOOST_CHECK(xml.all("//script").empty());
  BOOST_CHECK_EQUAL(xml.one("//saml:NameID"), "</saml:NameID><x>&amp;");
  BOOST_CHECK_EQUAL(xml.one("/samlp:Response/@InResponseTo"), "_\"><x/>");
  const auto values = xml.all("//saml:AttributeValue");
  BOOST_REQUIRE_EQUAL(values.size(), 2U);
  BOOST_CHECK_EQUAL(values[0], "<script>alert(1)</script>");
  BOOST_CHECK_EQUAL(values[1], "a\"b'c");
  const auto doc = saml::XmlDocument::parse(built.xml);
  BOOST_REQUIRE(doc.has_value());
  BOOST_CHECK_EQUAL(doc->canonicalText("NameID", kAssertionNs).value_or(""), "</saml:NameID><x>&amp;");
}

BOOST_AUTO_TEST_CASE(signatures_follow_their_issuer_and_reference_their_parent) {
  const auto built = build(sampleSpec(kNow));
  const XPathReader xml(built.xml);
  BOOST_CHECK_EQUAL(xml.one("/samlp:Response/saml:Issuer/following-sibling::*[1]/self::ds:Signature"
                            "/ds:SignedInfo/ds:Reference/@URI"), "#" + built.responseId);
  BOOST_CHECK_EQUAL(xml.one("//saml:Assertion/saml:Issuer/following-sibling::*[1]/self::ds:Signature"
                            "/ds:SignedInfo/ds:Reference/@URI"), "#" + built.assertionId);
  BOOST_CHECK_EQUAL(xml.all("//ds:Signature").size(), 2U);
}

BOOST_AUTO_TEST_CASE(signature_uses_exc_c14n_rsa_sha256_sha256_and_carries_the_certificate) {
  const XPathReader xml(build(sampleSpec(kNow)).xml);
  const std::string info = "/samlp:Response/ds:Signature/ds:SignedInfo";
  BOOST_CHECK_EQUAL(xml.one(info + "/ds:CanonicalizationMethod/@Algorithm"), "http://www.w3.org/2001/10/xml-exc-c14n#");
  BOOST_CHECK_EQUAL(xml.one(info + "/ds:SignatureMethod/@Algorithm"),
                    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
  BOOST_CHECK_EQUAL(xml.one(info + "/ds:Reference/ds:DigestMethod/@Algorithm"),
                    "http://www.w3.org/2001/04/xmlenc#sha256");
  const auto transforms = xml.all(info + "/ds:Reference/ds:Transforms/ds:Transform/@Algorithm");
  BOOST_REQUIRE_EQUAL(transforms.size(), 2U);
  BOOST_CHECK_EQUAL(transforms[0], "http://www.w3.org/2000/09/xmldsig#enveloped-signature");
  BOOST_CHECK_EQUAL(transforms[1], "http://www.w3.org/2001/10/xml-exc-c14n#");
  BOOST_CHECK_EQUAL(xml.one("/samlp:Response/ds:Signature/ds:KeyInfo/ds:X509Data/ds:X509Certificate"),
                    generatedCredential().certificate().base64Der());
  BOOST_CHECK(!xml.one("/samlp:Response/ds:Signature/ds:SignatureValue").empty());
}

BOOST_AUTO_TEST_CASE(assertion_only_signing_leaves_the_response_unsigned) {
  auto spec = sampleSpec(kNow);
  spec.signResponse = false;
  const XPathReader xml(build(spec).xml);
  BOOST_CHECK(xml.all("/samlp:Response/ds:Signature").empty());
  BOOST_CHECK_EQUAL(xml.all("//saml:Assertion/ds:Signature").size(), 1U);
}

BOOST_AUTO_TEST_CASE(response_only_signing_leaves_the_assertion_unsigned) {
  auto spec = sampleSpec(kNow);
  spec.signAssertion = false;
  const XPathReader xml(build(spec).xml);
  BOOST_CHECK_EQUAL(xml.all("/samlp:Response/ds:Signature").size(), 1U);
  BOOST_CHECK(xml.all("//saml:Assertion/ds:Signature").empty());
}

BOOST_AUTO_TEST_CASE(unsigned_response_is_refused) {
  auto spec = sampleSpec(kNow);
  spec.signAssertion = false;
  spec.signResponse = false;
  const auto error = refused(spec);
  BOOST_CHECK(error.code == Errc::MissingField);
  BOOST_CHECK_EQUAL(error.message, "a response is never sent unsigned");
}

BOOST_AUTO_TEST_CASE(each_missing_required_field_is_refused) {
  const std::vector<std::pair<const char*, std::function<void(saml::ResponseSpec&)>>> removals = {
      {"issuer", [](auto& s) { s.issuer.clear(); }},
      {"destination", [](auto& s) { s.destination.clear(); }},
      {"audience", [](auto& s) { s.audience.clear(); }},
      {"nameId", [](auto& s) { s.nameId.clear(); }},
      {"sessionIndex", [](auto& s) { s.sessionIndex.clear(); }},
      {"authnContextClassRef", [](auto& s) { s.authnContextClassRef.clear(); }},
      {"empty inResponseTo", [](auto& s) { s.inResponseTo = ""; }},
      {"empty spNameQualifier", [](auto& s) { s.spNameQualifier = ""; }},
      {"now", [](auto& s) { s.now = {}; }},
      {"authnInstant", [](auto& s) { s.authnInstant = {}; }},
      {"lifetime", [](auto& s) { s.lifetime = seconds(0); }},
      {"attribute name", [](auto& s) { s.attributes.push_back({"", {"x"}}); }},
  };
  for (const auto& [what, remove] : removals) {
    BOOST_TEST_CONTEXT(what) {
      auto spec = sampleSpec(kNow);
      remove(spec);
      BOOST_CHECK(refused(spec).code == Errc::MissingField);
    }
  }
}

BOOST_AUTO_TEST_CASE(control_characters_and_invalid_utf8_are_refused) {
  const std::vector<std::pair<const char*, std::function<void(saml::ResponseSpec&)>>> poisons = {
      {"NUL in nameId", [](auto& s) { s.nameId = std::string("a\0b", 3); }},
      {"escape in nameId", [](auto& s) { s.nameId = "ada\x1b[31m"; }},
      {"control char in an attribute value", [](auto& s) { s.attributes.push_back({"cn", {"x\x01"}}); }},
      {"invalid UTF-8 in an attribute name", [](auto& s) { s.attributes.push_back({"c\xff", {"x"}}); }},
      {"vertical tab in issuer", [](auto& s) { s.issuer += '\v'; }},
  };
  for (const auto& [what, poison] : poisons) {
    BOOST_TEST_CONTEXT(what) {
      auto spec = sampleSpec(kNow);
      poison(spec);
      BOOST_CHECK(refused(spec).code == Errc::Malformed);
    }
  }
  auto spec = sampleSpec(kNow);
  spec.attributes.push_back({"cn", {"Zo\xc3\xab\tvan\nDijk"}}); // UTF-8, tab and newline are fine
  BOOST_CHECK(saml::buildResponse(spec, generatedCredential()).has_value());
}

BOOST_AUTO_TEST_CASE(status_response_carries_the_nested_code_no_assertion_and_a_signature) {
  saml::StatusResponseSpec spec;
  spec.issuer = "https://idp.example.test/saml";
  spec.destination = "https://sp.example.test/acs";
  spec.inResponseTo = "_request0123456789";
  spec.subStatusCode = "urn:oasis:names:tc:SAML:2.0:status:NoPassive";
  spec.statusMessage = "not signed in <yet>";
  spec.now = kNow;
  const auto built = saml::buildStatusResponse(spec, generatedCredential());
  BOOST_REQUIRE_MESSAGE(built.has_value(), built.error().message);
  const XPathReader xml(built->xml);
  const std::string code = "/samlp:Response/samlp:Status/samlp:StatusCode";
  BOOST_CHECK_EQUAL(xml.one(code + "/@Value"), "urn:oasis:names:tc:SAML:2.0:status:Responder");
  BOOST_CHECK_EQUAL(xml.one(code + "/samlp:StatusCode/@Value"), "urn:oasis:names:tc:SAML:2.0:status:NoPassive");
  BOOST_CHECK_EQUAL(xml.one("/samlp:Response/samlp:Status/samlp:StatusMessage"), "not signed in <yet>");
  BOOST_CHECK_EQUAL(xml.one("/samlp:Response/@InResponseTo"), "_request0123456789");
  BOOST_CHECK(xml.all("//saml:Assertion").empty());
  BOOST_CHECK_EQUAL(xml.one("/samlp:Response/ds:Signature/ds:SignedInfo/ds:Reference/@URI"), "#" + built->responseId);

  auto missing = spec;
  missing.statusCode.clear();
  BOOST_CHECK(saml::buildStatusResponse(missing, generatedCredential()).error().code == Errc::MissingField);
  auto control = spec;
  control.statusMessage = "bell\a";
  BOOST_CHECK(saml::buildStatusResponse(control, generatedCredential()).error().code == Errc::Malformed);
}

BOOST_AUTO_TEST_SUITE_END()
