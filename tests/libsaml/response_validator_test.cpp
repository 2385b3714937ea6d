// SPDX-License-Identifier: Apache-2.0
// validateResponse on Responses from our own IdP builder: the three ways of
// signing, key rollover, and each field check failing with its Errc.
#include <authcore/saml/response_validator.hpp>

#include "response_fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <functional>

namespace saml = authcore::saml;
namespace fx = authcore::saml::test;
using saml::Errc;
using fx::Signed;
using namespace std::chrono_literals;

namespace {

saml::Assertion accepted(const std::string& xml, const saml::ResponsePolicy& policy) {
  auto assertion = saml::validateResponse(xml, policy);
  BOOST_REQUIRE_MESSAGE(assertion.has_value(), "refused: " << assertion.error().message);
  return *assertion;
}

// The assertion-signed Response with its unsigned root edited by `from` -> `to`.
std::string editedEnvelope(const std::string& from, const std::string& to) {
  return fx::replaceOnce(fx::makeResponse(Signed::Assertion).xml, from, to);
}

// The refusal of a sample Response signed both ways under the SP's policy changed
// by `edit`; also checks that nothing was remembered or consumed.
Errc refusedUnder(const std::function<void(saml::ResponsePolicy&)>& edit) {
  fx::SpState sp;
  auto policy = sp.policy();
  edit(policy);
  const Errc code = fx::refusal(fx::makeResponse(Signed::Both).xml, policy).code;
  BOOST_CHECK(sp.untouched());
  return code;
}

// A status-only Response from our IdP to the sample SP (the Responder status by default).
saml::StatusResponseSpec statusSpec() {
  saml::StatusResponseSpec spec;
  spec.issuer = fx::kIdpEntityId;
  spec.destination = fx::kSpAcsUrl;
  spec.now = fx::testNow();
  return spec;
}

std::string statusResponse(const saml::StatusResponseSpec& spec) {
  auto built = saml::buildStatusResponse(spec, authcore::test::generatedCredential(0));
  BOOST_REQUIRE_MESSAGE(built.has_value(), "buildStatusResponse: " << built.error().message);
  return built->xml;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_response_validator)

BOOST_AUTO_TEST_CASE(response_signed_only_is_accepted_with_every_field_read) {
  fx::SpState sp;
  const auto built = fx::makeResponse(Signed::Response);
  const auto assertion = accepted(built.xml, sp.policy());
  BOOST_CHECK_EQUAL(assertion.issuer, fx::kIdpEntityId);
  BOOST_CHECK_EQUAL(assertion.nameId, "ada@example.test");
  BOOST_CHECK_EQUAL(assertion.nameIdFormat.value_or(""), "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
  BOOST_CHECK_EQUAL(assertion.sessionIndex.value_or(""), "_session42");
  BOOST_CHECK(assertion.notOnOrAfter == fx::testNow() + 300s);
  BOOST_CHECK(assertion.sessionNotOnOrAfter == fx::testNow() + 8h);
  BOOST_REQUIRE_EQUAL(assertion.attributes.size(), 2u);
  BOOST_CHECK_EQUAL(assertion.attributes[0].first, "urn:oid:0.9.2342.19200300.100.1.3");
  BOOST_CHECK_EQUAL(assertion.attributes[1].first, "groups");
  BOOST_CHECK(assertion.attributes[1].second == (std::vector<std::string>{"admins", "staff"}));
  BOOST_CHECK_EQUAL(assertion.assertionId, built.assertionId);
  BOOST_CHECK_EQUAL(assertion.responseId, built.responseId);
  BOOST_CHECK_EQUAL(assertion.inResponseTo.value_or(""), fx::kRequestId);
  BOOST_CHECK(sp.outstanding.empty());
  BOOST_CHECK_EQUAL(sp.seen.count(built.assertionId), 1u);
}

BOOST_AUTO_TEST_CASE(assertion_signed_only_is_accepted) {
  fx::SpState sp;
  BOOST_CHECK_EQUAL(accepted(fx::makeResponse(Signed::Assertion).xml, sp.policy()).nameId, "ada@example.test");
}

BOOST_AUTO_TEST_CASE(response_and_assertion_signed_is_accepted) {
  fx::SpState sp;
  BOOST_CHECK_EQUAL(accepted(fx::makeResponse(Signed::Both).xml, sp.policy()).nameId, "ada@example.test");
}

BOOST_AUTO_TEST_CASE(second_configured_certificate_verifies_after_rollover) {
  fx::SpState sp;
  auto policy = sp.policy();
  policy.idpCertificates.push_back(authcore::test::generatedCredential(1).certificate());
  BOOST_CHECK(saml::validateResponse(fx::makeResponse(Signed::Both, 1).xml, policy).has_value());
}

BOOST_AUTO_TEST_CASE(no_configured_certificate_means_signature_missing) {
  BOOST_CHECK(refusedUnder([](saml::ResponsePolicy& policy) { policy.idpCertificates.clear(); }) ==
              Errc::SignatureMissing);
}

BOOST_AUTO_TEST_CASE(unsigned_response_is_signature_missing) {
  fx::SpState sp;
  const std::string xml = fx::makeResponse(Signed::Assertion).xml;
  const std::string stripped = fx::replaceOnce(xml, fx::signatureElement(xml), "");
  BOOST_CHECK(fx::refusal(stripped, sp.policy()).code == Errc::SignatureMissing);
  BOOST_CHECK(sp.untouched());
}

BOOST_AUTO_TEST_CASE(wrong_issuer_is_unknown_issuer) {
  const auto otherIdp = [](saml::ResponsePolicy& policy) {
    policy.expectedIssuer = "https://other-idp.example.test/saml";
  };
  BOOST_CHECK(refusedUnder(otherIdp) == Errc::UnknownIssuer);
  fx::SpState sp;
  auto policy = sp.policy();
  otherIdp(policy);
  const std::string issuer = std::string("<saml:Issuer>") + fx::kIdpEntityId + "</saml:Issuer>";
  const std::string forgedRoot = editedEnvelope(issuer, "<saml:Issuer>https://evil.example/saml</saml:Issuer>");
  BOOST_CHECK(fx::refusal(forgedRoot, sp.policy()).code == Errc::UnknownIssuer);
  // Without a Response Issuer, the Assertion's is what must match.
  const auto error = fx::refusal(editedEnvelope(issuer, ""), policy);
  BOOST_CHECK(error.code == Errc::UnknownIssuer);
  BOOST_CHECK_NE(error.message.find("Assertion"), std::string::npos);
  BOOST_CHECK(sp.untouched());
}

BOOST_AUTO_TEST_CASE(wrong_destination_or_recipient_is_destination_mismatch) {
  const auto otherAcs = [](saml::ResponsePolicy& policy) { policy.acsUrl = "https://sp.example.test/other-acs"; };
  BOOST_CHECK(refusedUnder(otherAcs) == Errc::DestinationMismatch);
  fx::SpState sp;
  auto policy = sp.policy();
  otherAcs(policy);
  // No Destination on an unsigned Response: the signed Recipient still decides.
  const std::string destination = std::string(" Destination=\"") + fx::kSpAcsUrl + "\"";
  const auto error = fx::refusal(editedEnvelope(destination, ""), policy);
  BOOST_CHECK(error.code == Errc::DestinationMismatch);
  BOOST_CHECK_NE(error.message.find("Recipient"), std::string::npos);
  BOOST_CHECK(sp.untouched());
}

BOOST_AUTO_TEST_CASE(signed_response_without_destination_is_missing_field) {
  fx::SpState sp;
  const std::string destination = std::string(" Destination=\"") + fx::kSpAcsUrl + "\"";
  const std::string bare = editedEnvelope(destination, "");
  const std::string root = fx::rootElement(bare);
  const std::string id = fx::firstTagAttribute(root, "ID");
  const std::string xml = fx::signWithXmlsec1(fx::afterIssuer(root, fx::signatureTemplate(id)), fx::idpTestKey(),
                                              {"Response"});
  BOOST_CHECK(fx::refusal(xml, sp.policy()).code == Errc::MissingField);
}

BOOST_AUTO_TEST_CASE(wrong_audience_is_audience_mismatch) {
  BOOST_CHECK(refusedUnder([](saml::ResponsePolicy& policy) {
                policy.spEntityId = "https://other-sp.example.test/metadata";
              }) == Errc::AudienceMismatch);
}

BOOST_AUTO_TEST_CASE(expired_assertion_is_expired) {
  BOOST_CHECK(refusedUnder([](saml::ResponsePolicy& policy) { policy.now = fx::testNow() + 300s + 60s; }) ==
              Errc::Expired);
}

BOOST_AUTO_TEST_CASE(not_yet_valid_assertion_is_expired) {
  BOOST_CHECK(refusedUnder([](saml::ResponsePolicy& policy) { policy.now = fx::testNow() - 10min; }) ==
              Errc::Expired);
}

BOOST_AUTO_TEST_CASE(clock_difference_within_skew_is_accepted) {
  fx::SpState sp;
  auto policy = sp.policy();
  policy.now = fx::testNow() + 300s + 30s;
  BOOST_CHECK(saml::validateResponse(fx::makeResponse(Signed::Both).xml, policy).has_value());
}

BOOST_AUTO_TEST_CASE(session_already_over_is_expired) {
  fx::SpState sp;
  const auto built = fx::makeResponse(Signed::Both, 0, [](saml::ResponseSpec& spec) {
    spec.sessionNotOnOrAfter = spec.now - 5min;
  });
  BOOST_CHECK(fx::refusal(built.xml, sp.policy()).code == Errc::Expired);
}

BOOST_AUTO_TEST_CASE(second_use_of_an_assertion_is_replayed) {
  fx::SpState sp;
  const auto built = fx::makeResponse(Signed::Both);
  BOOST_CHECK(saml::validateResponse(built.xml, sp.policy()).has_value());
  BOOST_CHECK(fx::refusal(built.xml, sp.policy()).code == Errc::Replayed);
  BOOST_CHECK_EQUAL(sp.consumeCalls, 1);
}

BOOST_AUTO_TEST_CASE(unknown_in_response_to_is_request_unknown) {
  fx::SpState sp;
  sp.outstanding.clear();
  BOOST_CHECK(fx::refusal(fx::makeResponse(Signed::Both).xml, sp.policy()).code == Errc::RequestUnknown);
}

BOOST_AUTO_TEST_CASE(consumed_in_response_to_is_request_unknown) {
  fx::SpState sp;
  BOOST_CHECK(saml::validateResponse(fx::makeResponse(Signed::Both).xml, sp.policy()).has_value());
  BOOST_CHECK(fx::refusal(fx::makeResponse(Signed::Both).xml, sp.policy()).code == Errc::RequestUnknown);
}

BOOST_AUTO_TEST_CASE(in_response_to_differing_from_the_signed_one_is_request_unknown) {
  fx::SpState sp;
  const std::string xml = editedEnvelope(std::string("InResponseTo=\"") + fx::kRequestId + "\"",
                                         "InResponseTo=\"_another_request\"");
  BOOST_CHECK(fx::refusal(xml, sp.policy()).code == Errc::RequestUnknown);
  BOOST_CHECK(sp.untouched());
}

BOOST_AUTO_TEST_CASE(unsolicited_response_is_refused_unless_allowed) {
  fx::SpState sp;
  const auto built = fx::makeResponse(Signed::Both, 0, [](saml::ResponseSpec& spec) { spec.inResponseTo.reset(); });
  BOOST_CHECK(fx::refusal(built.xml, sp.policy()).code == Errc::RequestUnknown);
  BOOST_CHECK(sp.untouched());
  auto policy = sp.policy();
  policy.allowUnsolicited = true;
  const auto assertion = accepted(built.xml, policy);
  BOOST_CHECK(!assertion.inResponseTo.has_value());
  BOOST_CHECK_EQUAL(sp.consumeCalls, 0);
  BOOST_CHECK_EQUAL(sp.seen.count(built.assertionId), 1u);
}

BOOST_AUTO_TEST_CASE(policy_without_replay_cache_or_request_store_refuses) {
  fx::SpState sp;
  auto policy = sp.policy();
  policy.rememberAssertionId = nullptr;
  BOOST_CHECK(fx::refusal(fx::makeResponse(Signed::Both).xml, policy).code == Errc::Replayed);
  policy = sp.policy();
  policy.consumeRequestId = nullptr;
  BOOST_CHECK(fx::refusal(fx::makeResponse(Signed::Both).xml, policy).code == Errc::RequestUnknown);
  BOOST_CHECK_EQUAL(sp.rememberCalls, 0);
}

BOOST_AUTO_TEST_CASE(non_success_status_is_status_not_success) {
  fx::SpState sp;
  saml::StatusResponseSpec spec = statusSpec();
  spec.inResponseTo = fx::kRequestId;
  spec.subStatusCode = "urn:oasis:names:tc:SAML:2.0:status:NoPassive";
  const auto error = fx::refusal(statusResponse(spec), sp.policy());
  BOOST_CHECK(error.code == Errc::StatusNotSuccess);
  BOOST_CHECK_NE(error.message.find("Responder"), std::string::npos);
  BOOST_CHECK(sp.untouched());
}

BOOST_AUTO_TEST_CASE(success_without_assertion_is_unexpected) {
  fx::SpState sp;
  saml::StatusResponseSpec spec = statusSpec();
  spec.statusCode = "urn:oasis:names:tc:SAML:2.0:status:Success";
  BOOST_CHECK(fx::refusal(statusResponse(spec), sp.policy()).code == Errc::UnexpectedMessage);
}

BOOST_AUTO_TEST_CASE(encrypted_assertion_is_unexpected) {
  fx::SpState sp;
  const std::string xml = fx::makeResponse(Signed::Assertion).xml;
  const std::string encrypted = fx::replaceOnce(
      xml, fx::assertionElement(xml),
      "<saml:EncryptedAssertion><xenc:EncryptedData xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\"/>"
      "</saml:EncryptedAssertion>");
  const auto error = fx::refusal(encrypted, sp.policy());
  BOOST_CHECK(error.code == Errc::UnexpectedMessage);
  BOOST_CHECK_NE(error.message.find("EncryptedAssertion"), std::string::npos);
}

BOOST_AUTO_TEST_CASE(other_message_or_version_is_unexpected) {
  fx::SpState sp;
  fx::RequestFields fields;
  BOOST_CHECK(fx::refusal(fx::authnRequestXml(fields), sp.policy()).code == Errc::UnexpectedMessage);
  BOOST_CHECK(fx::refusal(editedEnvelope("Version=\"2.0\"", "Version=\"1.1\""), sp.policy()).code ==
              Errc::UnexpectedMessage);
  BOOST_CHECK(fx::refusal("", sp.policy()).code == Errc::Malformed);
}

BOOST_AUTO_TEST_SUITE_END()
