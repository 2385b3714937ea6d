// SPDX-License-Identifier: Apache-2.0
// Single Logout over HTTP-Redirect: build → encode → decode → read, and the refusals.
#include <authcore/saml/logout.hpp>

#include "inbound_fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <regex>
#include <set>

namespace saml = authcore::saml;
namespace fx = authcore::saml::test;
using saml::Errc;
using namespace std::chrono_literals;

namespace {

constexpr const char* kIdpEntityId = "https://idp.example.com/saml/metadata";
constexpr const char* kIdpSloUrl = "https://idp.example.com/saml/slo";

saml::LogoutRequestSpec requestSpec() {
  saml::LogoutRequestSpec spec;
  spec.issuer = fx::kSpEntityId;
  spec.destination = kIdpSloUrl;
  spec.nameId = "alice@example.com";
  spec.nameIdFormat = saml::NameIdFormat::EmailAddress;
  spec.sessionIndexes = {"_s1", "_s2"};
  spec.now = fx::testNow() - 10s;
  return spec;
}

saml::LogoutPolicy policy() {
  saml::LogoutPolicy policy;
  policy.expectedIssuer = fx::kSpEntityId;
  policy.destination = kIdpSloUrl;
  policy.now = fx::testNow();
  return policy;
}

// Through the real binding: encode (optionally signed), then decode the query.
saml::RedirectMessage sent(const std::string& xml, const char* parameter, const saml::SigningCredential* signer) {
  auto url = saml::encodeRedirect(kIdpSloUrl, parameter, xml, "rs", signer);
  BOOST_REQUIRE_MESSAGE(url.has_value(), url.error().message);
  auto message = saml::decodeRedirect(url->substr(url->find('?') + 1), parameter);
  BOOST_REQUIRE_MESSAGE(message.has_value(), message.error().message);
  return *message;
}

saml::BuiltMessage built(const saml::LogoutRequestSpec& spec) {
  auto message = saml::buildLogoutRequest(spec);
  BOOST_REQUIRE_MESSAGE(message.has_value(), message.error().message);
  return *message;
}

Errc requestError(const saml::RedirectMessage& message, const saml::LogoutPolicy& policy) {
  auto request = saml::readRedirectLogoutRequest(message, policy);
  BOOST_REQUIRE_MESSAGE(!request.has_value(), "accepted: " << message.xml);
  return request.error().code;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_logout)

BOOST_AUTO_TEST_CASE(signed_request_round_trips) {
  const auto message = built(requestSpec());
  BOOST_CHECK(std::regex_match(message.id, std::regex("_[0-9a-f]{32}")));
  BOOST_CHECK_NE(message.xml.find("IssueInstant=\"2026-01-01T09:59:50Z\""), std::string::npos);
  auto p = policy();
  p.peerCertificate = fx::spKey().credential.certificate();
  p.requireSignature = true;
  auto request = saml::readRedirectLogoutRequest(sent(message.xml, "SAMLRequest", &fx::spKey().credential), p);
  BOOST_REQUIRE_MESSAGE(request.has_value(), request.error().message);
  BOOST_CHECK_EQUAL(request->id, message.id);
  BOOST_CHECK_EQUAL(request->issuer, fx::kSpEntityId);
  BOOST_CHECK_EQUAL(request->destination.value_or(""), kIdpSloUrl);
  BOOST_CHECK_EQUAL(request->nameId, "alice@example.com");
  BOOST_CHECK_EQUAL(request->nameIdFormat.value_or(""), "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
  BOOST_CHECK(request->sessionIndexes == std::vector<std::string>({"_s1", "_s2"}));
  BOOST_CHECK(request->issueInstant == fx::testNow() - 10s);
  BOOST_CHECK(request->notOnOrAfter == fx::testNow() + 290s);
  BOOST_CHECK(request->signatureVerified);
}

BOOST_AUTO_TEST_CASE(markup_in_values_is_escaped_and_read_back) {
  auto spec = requestSpec();
  spec.nameId = "a<b>&c\"d'<!--x-->";
  const auto message = built(spec);
  BOOST_CHECK_EQUAL(message.xml.find("<b>"), std::string::npos);
  auto request = saml::readRedirectLogoutRequest(sent(message.xml, "SAMLRequest", nullptr), policy());
  BOOST_REQUIRE_MESSAGE(request.has_value(), request.error().message);
  BOOST_CHECK_EQUAL(request->nameId, spec.nameId);
}

BOOST_AUTO_TEST_CASE(response_round_trips_with_status) {
  saml::LogoutResponseSpec spec{kIdpEntityId, fx::kAcsUrl, "_req42", fx::testNow()};
  auto message = saml::buildLogoutResponse(spec);
  BOOST_REQUIRE(message.has_value());
  auto p = policy();
  p.expectedIssuer = kIdpEntityId;
  p.destination = fx::kAcsUrl;
  p.peerCertificate = fx::spKey().credential.certificate();
  auto response = saml::readRedirectLogoutResponse(sent(message->xml, "SAMLResponse", &fx::spKey().credential), p);
  BOOST_REQUIRE_MESSAGE(response.has_value(), response.error().message);
  BOOST_CHECK_EQUAL(response->id, message->id);
  BOOST_CHECK_EQUAL(response->inResponseTo.value_or(""), "_req42");
  BOOST_CHECK(response->success && response->signatureVerified);
  spec.statusCode = "urn:oasis:names:tc:SAML:2.0:status:Requester";
  auto failed = saml::readRedirectLogoutResponse(sent(saml::buildLogoutResponse(spec)->xml, "SAMLResponse", nullptr), p);
  BOOST_REQUIRE(failed.has_value());
  BOOST_CHECK(!failed->success && !failed->signatureVerified);
  BOOST_CHECK_EQUAL(failed->statusCode, spec.statusCode);
}

BOOST_AUTO_TEST_CASE(wrong_issuer_is_unknown) {
  auto p = policy();
  p.expectedIssuer = "https://other-sp.example.com";
  BOOST_CHECK(requestError(sent(built(requestSpec()).xml, "SAMLRequest", nullptr), p) == Errc::UnknownIssuer);
}

BOOST_AUTO_TEST_CASE(destination_mismatch_is_refused) {
  auto p = policy();
  p.destination = "https://idp.example.com/other/slo";
  BOOST_CHECK(requestError(sent(built(requestSpec()).xml, "SAMLRequest", nullptr), p) == Errc::DestinationMismatch);
}

BOOST_AUTO_TEST_CASE(replayed_request_is_refused) {
  std::set<std::string> seen;
  auto p = policy();
  p.rememberId = [&seen](const std::string& id, std::chrono::system_clock::time_point) {
    return seen.insert(id).second;
  };
  const auto message = sent(built(requestSpec()).xml, "SAMLRequest", nullptr);
  BOOST_CHECK(saml::readRedirectLogoutRequest(message, p).has_value());
  BOOST_CHECK(requestError(message, p) == Errc::Replayed);
}

BOOST_AUTO_TEST_CASE(signature_required_refuses_unsigned_and_foreign_signed) {
  auto p = policy();
  p.peerCertificate = fx::spKey().credential.certificate();
  p.requireSignature = true;
  const std::string xml = built(requestSpec()).xml;
  BOOST_CHECK(requestError(sent(xml, "SAMLRequest", nullptr), p) == Errc::SignatureMissing);
  BOOST_CHECK(requestError(sent(xml, "SAMLRequest", &fx::foreignKey().credential), p) == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(request_past_not_on_or_after_is_expired) {
  auto spec = requestSpec();
  spec.lifetime = 30s;
  auto p = policy();
  p.now = spec.now + 120s;  // IssueInstant still fresh, NotOnOrAfter + skew passed
  BOOST_CHECK(requestError(sent(built(spec).xml, "SAMLRequest", nullptr), p) == Errc::Expired);
  p.now = spec.now + 89s;
  BOOST_CHECK(saml::readRedirectLogoutRequest(sent(built(spec).xml, "SAMLRequest", nullptr), p).has_value());
}

BOOST_AUTO_TEST_CASE(stale_request_is_expired) {
  auto p = policy();
  p.now = fx::testNow() + 1h;
  auto spec = requestSpec();
  spec.lifetime = 2h;
  BOOST_CHECK(requestError(sent(built(spec).xml, "SAMLRequest", nullptr), p) == Errc::Expired);
}

BOOST_AUTO_TEST_CASE(request_read_as_response_is_unexpected) {
  auto response = saml::readRedirectLogoutResponse(sent(built(requestSpec()).xml, "SAMLResponse", nullptr), policy());
  BOOST_REQUIRE(!response.has_value());
  BOOST_CHECK(response.error().code == Errc::UnexpectedMessage);
}

BOOST_AUTO_TEST_CASE(empty_spec_fields_are_missing) {
  auto spec = requestSpec();
  spec.nameId.clear();
  BOOST_CHECK(saml::buildLogoutRequest(spec).error().code == Errc::MissingField);
  saml::LogoutResponseSpec response{"", kIdpSloUrl, "_r", fx::testNow()};
  BOOST_CHECK(saml::buildLogoutResponse(response).error().code == Errc::MissingField);
}

BOOST_AUTO_TEST_CASE(post_binding_request_is_verified_by_its_enveloped_signature) {
  const auto message = built(requestSpec());
  const auto withTemplate =
      fx::replaceOnce(message.xml, "</saml:Issuer>", "</saml:Issuer>" + fx::signatureTemplate(message.id));
  const auto signedXml = fx::signWithXmlsec1(withTemplate, fx::spKey(), {"LogoutRequest"});
  auto p = policy();
  p.peerCertificate = fx::spKey().credential.certificate();
  p.requireSignature = true;
  auto request = saml::readPostLogoutRequest(signedXml, p);
  BOOST_REQUIRE_MESSAGE(request.has_value(), request.error().message);
  BOOST_CHECK(request->signatureVerified);
  BOOST_CHECK(request->sessionIndexes == std::vector<std::string>({"_s1", "_s2"}));

  const auto tampered = fx::replaceOnce(signedXml, "alice@example.com", "carol@example.com");
  auto p2 = policy();
  p2.peerCertificate = fx::spKey().credential.certificate();
  p2.requireSignature = true;
  BOOST_CHECK(saml::readPostLogoutRequest(tampered, p2).error().code == Errc::SignatureInvalid);
  BOOST_CHECK(saml::readPostLogoutRequest(message.xml, p2).error().code == Errc::SignatureMissing);
  auto foreign = p2;
  foreign.peerCertificate = fx::foreignKey().credential.certificate();
  BOOST_CHECK(saml::readPostLogoutRequest(signedXml, foreign).error().code == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_SUITE_END()
