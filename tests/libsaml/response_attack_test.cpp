// SPDX-License-Identifier: Apache-2.0
// Attacks on the SP's Response validation: XML Signature Wrapping XSW1-8
// (Somorovsky et al., "On Breaking SAML"), comment-truncated NameIDs, foreign
// and unconfigured keys, SHA-1, DTDs and duplicate IDs. Each attack must be
// refused without touching the request store or the replay cache.
#include <authcore/saml/response_validator.hpp>

#include "wrapping_attacks.hpp"

#include <boost/test/unit_test.hpp>

namespace saml = authcore::saml;
namespace fx = authcore::saml::test;
using saml::Errc;
using fx::Signed;

namespace {

const std::string kNameIdEnd = "ada@example.test</saml:NameID>";

fx::WrappingPieces pieces(Signed how) { return fx::wrappingPieces(fx::makeResponse(how), how); }

// Refused, and nothing was remembered or consumed.
Errc attack(const std::string& xml) {
  fx::SpState sp;
  const auto error = fx::refusal(xml, sp.policy());
  BOOST_CHECK(sp.untouched());
  return error.code;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_response_attacks)

BOOST_AUTO_TEST_CASE(xsw1_original_response_inside_the_copied_signature_is_refused) {
  BOOST_CHECK(attack(fx::xsw1(pieces(Signed::Response))) == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(xsw2_original_response_before_the_copied_signature_is_refused) {
  BOOST_CHECK(attack(fx::xsw2(pieces(Signed::Response))) == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(xsw3_evil_assertion_before_the_signed_one_is_refused) {
  BOOST_CHECK(attack(fx::xsw3(pieces(Signed::Assertion))) == Errc::UnexpectedMessage);
}

BOOST_AUTO_TEST_CASE(xsw4_signed_assertion_wrapped_inside_the_evil_one_is_refused) {
  BOOST_CHECK(attack(fx::xsw4(pieces(Signed::Assertion))) == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(xsw5_evil_assertion_with_the_copied_signature_and_the_original_after_is_refused) {
  BOOST_CHECK(attack(fx::xsw5(pieces(Signed::Assertion))) == Errc::UnexpectedMessage);
}

BOOST_AUTO_TEST_CASE(xsw6_original_assertion_inside_the_copied_signature_is_refused) {
  BOOST_CHECK(attack(fx::xsw6(pieces(Signed::Assertion))) == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(xsw7_cloned_assertion_in_extensions_is_refused) {
  BOOST_CHECK(attack(fx::xsw7(pieces(Signed::Assertion))) == Errc::DuplicateId);
}

BOOST_AUTO_TEST_CASE(xsw8_original_assertion_in_an_object_of_the_copied_signature_is_refused) {
  BOOST_CHECK(attack(fx::xsw8(pieces(Signed::Assertion))) == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(signed_assertion_moved_into_extensions_is_refused) {
  const auto p = pieces(Signed::Assertion);
  const std::string moved = fx::afterIssuer(fx::replaceOnce(p.root, p.assertion, p.evil),
                                            "<samlp:Extensions>" + p.assertion + "</samlp:Extensions>");
  BOOST_CHECK(attack(moved) == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(evil_assertion_in_extensions_is_never_read) {
  const auto p = pieces(Signed::Assertion);
  const std::string xml = fx::afterIssuer(p.root, "<samlp:Extensions>" + p.evil + "</samlp:Extensions>");
  fx::SpState sp;
  auto assertion = saml::validateResponse(xml, sp.policy());
  BOOST_REQUIRE_MESSAGE(assertion.has_value(), assertion.error().message);
  BOOST_CHECK_EQUAL(assertion->nameId, "ada@example.test");
  BOOST_CHECK_EQUAL(assertion->assertionId, p.built.assertionId);
}

BOOST_AUTO_TEST_CASE(comment_in_a_signed_name_id_reads_the_whole_text) {
  const auto built = fx::makeResponse(Signed::Both, 0, [](saml::ResponseSpec& spec) {
    spec.nameId = "user@evil.com.good.com";
    spec.attributes.clear();
  });
  // Exclusive C14N without comments drops the comment: both signatures still verify.
  const std::string xml = fx::replaceOnce(built.xml, "user@evil.com.good.com</saml:NameID>",
                                          "user@evil.com<!---->.good.com</saml:NameID>");
  fx::SpState sp;
  auto assertion = saml::validateResponse(xml, sp.policy());
  BOOST_REQUIRE_MESSAGE(assertion.has_value(), assertion.error().message);
  BOOST_CHECK_EQUAL(assertion->nameId, "user@evil.com.good.com");
}

BOOST_AUTO_TEST_CASE(tampered_name_id_is_invalid) {
  for (Signed how : {Signed::Response, Signed::Assertion, Signed::Both}) {
    const std::string xml = fx::makeResponse(how).xml;
    BOOST_CHECK(attack(fx::replaceOnce(xml, kNameIdEnd, "admin@example.test</saml:NameID>")) ==
                Errc::SignatureInvalid);
  }
}

BOOST_AUTO_TEST_CASE(unsigned_assertion_in_a_response_signed_by_a_foreign_key_is_invalid) {
  BOOST_CHECK(attack(fx::makeResponse(Signed::Response, 1).xml) == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(key_not_configured_is_invalid_even_with_its_certificate_in_key_info) {
  const std::string xml = fx::makeResponse(Signed::Both, 1).xml;
  BOOST_REQUIRE_NE(xml.find("<ds:X509Certificate>"), std::string::npos);
  BOOST_CHECK(attack(xml) == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(foreign_response_signature_over_a_valid_signed_assertion_is_invalid) {
  const auto p = pieces(Signed::Assertion);
  const std::string id = p.built.responseId;
  const std::string ours = fx::signWithXmlsec1(fx::afterIssuer(p.root, fx::signatureTemplate(id)), fx::idpTestKey(0),
                                               {"Response"});
  fx::SpState sp;
  BOOST_CHECK(saml::validateResponse(ours, sp.policy()).has_value());
  const std::string foreign = fx::signWithXmlsec1(fx::afterIssuer(p.root, fx::signatureTemplate(id)),
                                                  fx::idpTestKey(1), {"Response"});
  BOOST_CHECK(attack(foreign) == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(foreign_assertion_signature_inside_a_valid_signed_response_is_invalid) {
  const std::string root = fx::rootElement(fx::makeResponse(Signed::Assertion, 1).xml);
  const std::string xml = fx::signWithXmlsec1(
      fx::afterIssuer(root, fx::signatureTemplate(fx::firstTagAttribute(root, "ID"))), fx::idpTestKey(0), {"Response"});
  fx::SpState sp;
  const auto error = fx::refusal(xml, sp.policy());
  BOOST_CHECK(error.code == Errc::SignatureInvalid);
  BOOST_CHECK_NE(error.message.find("Assertion"), std::string::npos);
  BOOST_CHECK(sp.untouched());
}

BOOST_AUTO_TEST_CASE(sha1_signature_or_digest_is_unsupported) {
  const auto p = pieces(Signed::Assertion);
  const std::string id = p.built.responseId;
  const std::string sha1Signature = fx::signWithXmlsec1(
      fx::afterIssuer(p.root, fx::signatureTemplate(id, fx::kSigRsaSha1, fx::kDigestSha256)), fx::idpTestKey(0),
      {"Response"});
  BOOST_CHECK(attack(sha1Signature) == Errc::UnsupportedAlgorithm);
  const std::string sha1Digest = fx::signWithXmlsec1(
      fx::afterIssuer(p.root, fx::signatureTemplate(id, fx::kSigRsaSha256, fx::kDigestSha1)), fx::idpTestKey(0),
      {"Response"});
  BOOST_CHECK(attack(sha1Digest) == Errc::UnsupportedAlgorithm);
}

BOOST_AUTO_TEST_CASE(dtd_external_entity_and_billion_laughs_are_refused) {
  const std::string root = fx::rootElement(fx::makeResponse(Signed::Both).xml);
  const std::string xxe = "<!DOCTYPE samlp:Response [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" +
                          fx::replaceOnce(root, kNameIdEnd, "&xxe;</saml:NameID>");
  BOOST_CHECK(attack(xxe) == Errc::DtdForbidden);
  std::string laughs = "<!DOCTYPE samlp:Response [<!ENTITY lol0 \"lol\">";
  for (int i = 1; i < 10; ++i) {
    const std::string previous = "&lol" + std::to_string(i - 1) + ";";
    std::string value;
    for (int j = 0; j < 10; ++j) value += previous;
    laughs += "<!ENTITY lol" + std::to_string(i) + " \"" + value + "\">";
  }
  laughs += "]>" + fx::replaceOnce(root, kNameIdEnd, "&lol9;</saml:NameID>");
  BOOST_CHECK(attack(laughs) == Errc::DtdForbidden);
  BOOST_CHECK(attack("<!DOCTYPE samlp:Response SYSTEM \"http://127.0.0.1:1/evil.dtd\">" + root) ==
              Errc::DtdForbidden);
}

BOOST_AUTO_TEST_CASE(duplicate_ids_are_refused) {
  const auto built = fx::makeResponse(Signed::Both);
  const std::string xml =
      fx::replaceOnce(built.xml, "<samlp:Status>", "<samlp:Status ID=\"" + built.assertionId + "\">");
  BOOST_CHECK(attack(xml) == Errc::DuplicateId);
}

BOOST_AUTO_TEST_SUITE_END()
