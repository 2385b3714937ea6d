// SPDX-License-Identifier: Apache-2.0
// buildAuthnRequest: fields, escaping, refusals, and the signed HTTP-Redirect round trip
// through our own IdP side (decodeRedirect + readRedirectAuthnRequest).
#include <authcore/saml/authn_request.hpp>
#include <authcore/saml/authn_request_builder.hpp>
#include <authcore/saml/redirect_binding.hpp>

#include "inbound_fixtures.hpp"
#include "saml_fixtures.hpp"

#include <boost/test/unit_test.hpp>

namespace saml = authcore::saml;
namespace fx = authcore::saml::test;
using authcore::test::XPathReader;
using saml::Errc;
using namespace std::chrono_literals;

namespace {

saml::AuthnRequestSpec sampleRequest() {
  saml::AuthnRequestSpec spec;
  spec.issuer = fx::kSpEntityId;
  spec.destination = fx::kSsoUrl;
  spec.acsUrl = fx::kAcsUrl;
  spec.nameIdPolicyFormat = saml::NameIdFormat::EmailAddress;
  spec.now = fx::testNow() - 5s;
  return spec;
}

saml::BuiltMessage build(const saml::AuthnRequestSpec& spec) {
  auto built = saml::buildAuthnRequest(spec);
  BOOST_REQUIRE_MESSAGE(built.has_value(), (built ? "" : built.error().message));
  return *built;
}

// Signs `xml` into a Redirect URL as an SP would, then decodes it as the IdP does.
saml::RedirectMessage sendSigned(const std::string& xml, const saml::SigningCredential& signer,
                                 const std::string& relayState = "state-123") {
  auto url = saml::encodeRedirect(fx::kSsoUrl, "SAMLRequest", xml, relayState, &signer);
  BOOST_REQUIRE_MESSAGE(url.has_value(), (url ? "" : url.error().message));
  BOOST_REQUIRE(url->rfind(std::string(fx::kSsoUrl) + "?SAMLRequest=", 0) == 0);
  auto message = saml::decodeRedirect(url->substr(url->find('?') + 1), "SAMLRequest");
  BOOST_REQUIRE_MESSAGE(message.has_value(), (message ? "" : message.error().message));
  return *message;
}

saml::AuthnRequestPolicy signedPolicy() {
  auto policy = fx::authnPolicy();
  policy.spCertificate = fx::spKey().credential.certificate();
  policy.requireSignature = true;
  return policy;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_authn_request_builder)

BOOST_AUTO_TEST_CASE(request_carries_header_acs_and_post_binding) {
  const auto built = build(sampleRequest());
  const XPathReader xml(built.xml);
  BOOST_CHECK_EQUAL(xml.one("/samlp:AuthnRequest/@ID"), built.id);
  BOOST_CHECK_EQUAL(built.id.size(), 33U);
  BOOST_CHECK_EQUAL(xml.one("/samlp:AuthnRequest/@Version"), "2.0");
  BOOST_CHECK_EQUAL(xml.one("/samlp:AuthnRequest/@IssueInstant"), "2026-01-01T09:59:55Z");
  BOOST_CHECK_EQUAL(xml.one("/samlp:AuthnRequest/@Destination"), fx::kSsoUrl);
  BOOST_CHECK_EQUAL(xml.one("/samlp:AuthnRequest/@AssertionConsumerServiceURL"), fx::kAcsUrl);
  BOOST_CHECK_EQUAL(xml.one("/samlp:AuthnRequest/@ProtocolBinding"),
                    "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
  BOOST_CHECK_EQUAL(xml.one("/samlp:AuthnRequest/*[1][self::saml:Issuer]"), fx::kSpEntityId);
  BOOST_CHECK_EQUAL(xml.one("/samlp:AuthnRequest/*[2][self::samlp:NameIDPolicy]/@AllowCreate"), "true");
  BOOST_CHECK_EQUAL(xml.one("//samlp:NameIDPolicy/@Format"),
                    "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
  BOOST_CHECK(xml.all("/samlp:AuthnRequest/@ForceAuthn | /samlp:AuthnRequest/@IsPassive").empty());
}

BOOST_AUTO_TEST_CASE(each_request_gets_a_fresh_id) {
  BOOST_CHECK_NE(build(sampleRequest()).id, build(sampleRequest()).id);
}

BOOST_AUTO_TEST_CASE(force_authn_is_passive_and_no_format_are_stated) {
  auto spec = sampleRequest();
  spec.forceAuthn = true;
  spec.isPassive = true;
  spec.nameIdPolicyFormat.reset();
  const XPathReader xml(build(spec).xml);
  BOOST_CHECK_EQUAL(xml.one("/samlp:AuthnRequest/@ForceAuthn"), "true");
  BOOST_CHECK_EQUAL(xml.one("/samlp:AuthnRequest/@IsPassive"), "true");
  BOOST_CHECK(xml.all("//samlp:NameIDPolicy/@Format").empty());
  BOOST_CHECK_EQUAL(xml.one("//samlp:NameIDPolicy/@AllowCreate"), "true");
}

BOOST_AUTO_TEST_CASE(values_are_escaped_never_parsed_as_markup) {
  auto spec = sampleRequest();
  spec.issuer = "https://sp.example.test/?a=1&b=<saml:Issuer>evil</saml:Issuer>";
  spec.acsUrl = "https://sp.example.test/acs?x=\"y\"&z";
  const auto built = build(spec);
  const XPathReader xml(built.xml);
  BOOST_CHECK_EQUAL(xml.all("//saml:Issuer").size(), 1U);
  BOOST_CHECK_EQUAL(xml.one("//saml:Issuer"), spec.issuer);
  BOOST_CHECK_EQUAL(xml.one("/samlp:AuthnRequest/@AssertionConsumerServiceURL"), spec.acsUrl);
}

BOOST_AUTO_TEST_CASE(missing_issuer_destination_or_acs_is_refused) {
  for (auto field : {&saml::AuthnRequestSpec::issuer, &saml::AuthnRequestSpec::destination,
                     &saml::AuthnRequestSpec::acsUrl}) {
    auto spec = sampleRequest();
    (spec.*field).clear();
    auto built = saml::buildAuthnRequest(spec);
    BOOST_REQUIRE(!built.has_value());
    BOOST_CHECK(built.error().code == Errc::MissingField);
  }
}

BOOST_AUTO_TEST_CASE(signed_redirect_is_accepted_by_our_idp_side) {
  auto spec = sampleRequest();
  spec.forceAuthn = true;
  const auto built = build(spec);
  const auto message = sendSigned(built.xml, fx::spKey().credential);
  BOOST_CHECK_EQUAL(message.relayState.value_or(""), "state-123");
  BOOST_CHECK_EQUAL(message.sigAlg.value_or(""), fx::kSigRsaSha256);
  auto request = saml::readRedirectAuthnRequest(message, signedPolicy());
  BOOST_REQUIRE_MESSAGE(request.has_value(), (request ? "" : request.error().message));
  BOOST_CHECK(request->signatureVerified);
  BOOST_CHECK_EQUAL(request->id, built.id);
  BOOST_CHECK_EQUAL(request->issuer, fx::kSpEntityId);
  BOOST_CHECK_EQUAL(request->assertionConsumerServiceUrl.value_or(""), fx::kAcsUrl);
  BOOST_CHECK_EQUAL(request->protocolBinding.value_or(""), "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
  BOOST_CHECK_EQUAL(request->nameIdPolicyFormat.value_or(""), "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
  BOOST_CHECK(request->allowCreate);
  BOOST_CHECK(request->forceAuthn);
  BOOST_CHECK(!request->isPassive);
}

BOOST_AUTO_TEST_CASE(signed_redirect_by_another_key_is_refused_by_our_idp_side) {
  const auto message = sendSigned(build(sampleRequest()).xml, fx::foreignKey().credential);
  auto request = saml::readRedirectAuthnRequest(message, signedPolicy());
  BOOST_REQUIRE(!request.has_value());
  BOOST_CHECK(request.error().code == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(tampered_relay_state_breaks_the_query_signature) {
  auto message = sendSigned(build(sampleRequest()).xml, fx::spKey().credential, "state-123");
  const auto at = message.signedOctets.find("state-123");
  BOOST_REQUIRE(at != std::string::npos);
  message.signedOctets.replace(at, 9, "state-999");
  message.relayState = "state-999";
  auto request = saml::readRedirectAuthnRequest(message, signedPolicy());
  BOOST_REQUIRE(!request.has_value());
  BOOST_CHECK(request.error().code == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_SUITE_END()
