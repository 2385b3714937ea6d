// SPDX-License-Identifier: Apache-2.0
// AuthnRequest reading: fields, issuer, URLs, freshness, replay, query signatures, hostile XML.
#include <authcore/saml/authn_request.hpp>

#include "inbound_fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <set>

namespace saml = authcore::saml;
namespace fx = authcore::saml::test;
using saml::Errc;
using namespace std::chrono_literals;

namespace {

saml::AuthnRequestPolicy basePolicy() {
  return fx::authnPolicy();
}

// A replay cache that records every ID it is asked about.
struct ReplayCache {
  std::set<std::string> seen;
  std::vector<std::string> asked;
  auto remember() {
    return [this](const std::string& id, std::chrono::system_clock::time_point) {
      asked.push_back(id);
      return seen.insert(id).second;
    };
  }
};

Errc postError(const std::string& xml, const saml::AuthnRequestPolicy& policy = basePolicy()) {
  auto request = saml::readPostAuthnRequest(xml, policy);
  BOOST_REQUIRE_MESSAGE(!request.has_value(), "accepted: " << xml.substr(0, 200));
  return request.error().code;
}

saml::RedirectMessage redirectOf(const std::string& xml, const saml::SigningCredential* signer) {
  auto url = saml::encodeRedirect(fx::kSsoUrl, "SAMLRequest", xml, "rs", signer);
  BOOST_REQUIRE(url.has_value());
  auto message = saml::decodeRedirect(url->substr(url->find('?') + 1), "SAMLRequest");
  BOOST_REQUIRE_MESSAGE(message.has_value(), message.error().message);
  return *message;
}

Errc redirectError(const saml::RedirectMessage& message, const saml::AuthnRequestPolicy& policy) {
  auto request = saml::readRedirectAuthnRequest(message, policy);
  BOOST_REQUIRE_MESSAGE(!request.has_value(), "accepted redirect request");
  return request.error().code;
}

fx::RequestFields withInstant(const std::string& instant) {
  fx::RequestFields fields;
  fields.issueInstant = instant;
  return fields;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_authn_request)

BOOST_AUTO_TEST_CASE(valid_post_request_is_read_with_all_fields) {
  auto request = saml::readPostAuthnRequest(fx::authnRequestXml({}), basePolicy());
  BOOST_REQUIRE_MESSAGE(request.has_value(), request.error().message);
  BOOST_CHECK_EQUAL(request->id, fx::RequestFields().id);
  BOOST_CHECK_EQUAL(request->issuer, fx::kSpEntityId);
  BOOST_CHECK(request->issueInstant == fx::testNow() - 30s);
  BOOST_CHECK_EQUAL(request->destination.value_or(""), fx::kSsoUrl);
  BOOST_CHECK_EQUAL(request->assertionConsumerServiceUrl.value_or(""), fx::kAcsUrl);
  BOOST_CHECK_EQUAL(request->protocolBinding.value_or(""), "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
  BOOST_CHECK_EQUAL(request->nameIdPolicyFormat.value_or(""), "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
  BOOST_CHECK(request->allowCreate);
  BOOST_CHECK(!request->forceAuthn && !request->isPassive && !request->signatureVerified);
}

BOOST_AUTO_TEST_CASE(valid_redirect_request_is_read) {
  const std::string xml = fx::replaceOnce(fx::authnRequestXml({}), "Version=", "ForceAuthn=\"1\" IsPassive=\"false\" Version=");
  auto request = saml::readRedirectAuthnRequest(redirectOf(xml, nullptr), basePolicy());
  BOOST_REQUIRE_MESSAGE(request.has_value(), request.error().message);
  BOOST_CHECK(request->forceAuthn && !request->isPassive && !request->signatureVerified);
}

BOOST_AUTO_TEST_CASE(signed_redirect_request_verifies) {
  auto policy = basePolicy();
  policy.spCertificate = fx::spKey().credential.certificate();
  policy.requireSignature = true;
  auto request = saml::readRedirectAuthnRequest(redirectOf(fx::authnRequestXml({}), &fx::spKey().credential), policy);
  BOOST_REQUIRE_MESSAGE(request.has_value(), request.error().message);
  BOOST_CHECK(request->signatureVerified);
}

BOOST_AUTO_TEST_CASE(redirect_signed_by_a_foreign_key_fails_without_burning_the_id) {
  ReplayCache cache;
  auto policy = basePolicy();
  policy.spCertificate = fx::spKey().credential.certificate();
  policy.rememberId = cache.remember();
  BOOST_CHECK(redirectError(redirectOf(fx::authnRequestXml({}), &fx::foreignKey().credential), policy) ==
              Errc::SignatureInvalid);
  BOOST_CHECK(cache.asked.empty());
}

BOOST_AUTO_TEST_CASE(unsigned_request_fails_when_a_signature_is_required) {
  auto policy = basePolicy();
  policy.spCertificate = fx::spKey().credential.certificate();
  policy.requireSignature = true;
  BOOST_CHECK(redirectError(redirectOf(fx::authnRequestXml({}), nullptr), policy) == Errc::SignatureMissing);
  BOOST_CHECK(postError(fx::authnRequestXml({}), policy) == Errc::SignatureMissing);
  policy.spCertificate.reset();
  BOOST_CHECK(redirectError(redirectOf(fx::authnRequestXml({}), &fx::spKey().credential), policy) ==
              Errc::SignatureMissing);
}

BOOST_AUTO_TEST_CASE(signature_without_a_configured_certificate_is_ignored) {
  auto request = saml::readRedirectAuthnRequest(redirectOf(fx::authnRequestXml({}), &fx::foreignKey().credential),
                                                basePolicy());
  BOOST_REQUIRE_MESSAGE(request.has_value(), request.error().message);
  BOOST_CHECK(!request->signatureVerified);
}

BOOST_AUTO_TEST_CASE(signed_request_without_destination_is_refused) {
  fx::RequestFields fields;
  fields.destination.reset();
  auto policy = basePolicy();
  policy.spCertificate = fx::spKey().credential.certificate();
  BOOST_CHECK(redirectError(redirectOf(fx::authnRequestXml(fields), &fx::spKey().credential), policy) ==
              Errc::MissingField);
  BOOST_CHECK(saml::readRedirectAuthnRequest(redirectOf(fx::authnRequestXml(fields), nullptr), policy).has_value());
}

BOOST_AUTO_TEST_CASE(wrong_issuer_is_unknown) {
  fx::RequestFields fields;
  fields.issuer = "https://other-sp.example.com/metadata";
  BOOST_CHECK(postError(fx::authnRequestXml(fields)) == Errc::UnknownIssuer);
  fields.issuer = "";
  BOOST_CHECK(postError(fx::authnRequestXml(fields)) == Errc::MissingField);
}

BOOST_AUTO_TEST_CASE(issuer_is_read_whole_across_comments) {
  fx::RequestFields fields;
  fields.issuer = "https://sp.example.com/meta<!---->data";
  BOOST_CHECK(saml::readPostAuthnRequest(fx::authnRequestXml(fields), basePolicy()).has_value());
  fields.issuer = std::string(fx::kSpEntityId) + "<!---->.evil.example";
  BOOST_CHECK(postError(fx::authnRequestXml(fields)) == Errc::UnknownIssuer);
}

BOOST_AUTO_TEST_CASE(issuer_only_inside_a_wrapped_element_is_missing) {
  std::string xml = fx::replaceOnce(fx::authnRequestXml({}), "<saml:Issuer>", "<samlp:Extensions><saml:Issuer>");
  xml = fx::replaceOnce(xml, "</saml:Issuer>", "</saml:Issuer></samlp:Extensions>");
  BOOST_CHECK(postError(xml) == Errc::MissingField);
}

BOOST_AUTO_TEST_CASE(acs_url_mismatch_is_refused) {
  fx::RequestFields fields;
  fields.acsUrl = "https://attacker.example.net/acs";
  BOOST_CHECK(postError(fx::authnRequestXml(fields)) == Errc::DestinationMismatch);
  fields.acsUrl.reset();
  BOOST_CHECK(saml::readPostAuthnRequest(fx::authnRequestXml(fields), basePolicy()).has_value());
}

BOOST_AUTO_TEST_CASE(destination_mismatch_is_refused) {
  fx::RequestFields fields;
  fields.destination = "https://idp.example.com/saml/sso/other";
  BOOST_CHECK(postError(fx::authnRequestXml(fields)) == Errc::DestinationMismatch);
  BOOST_CHECK(redirectError(redirectOf(fx::authnRequestXml(fields), nullptr), basePolicy()) ==
              Errc::DestinationMismatch);
}

BOOST_AUTO_TEST_CASE(stale_and_future_requests_are_expired) {
  // now = 10:00:00, maxAge 300 s, skew 60 s: the window is [09:54:00, 10:01:00].
  BOOST_CHECK(postError(fx::authnRequestXml(withInstant("2026-01-01T09:53:59Z"))) == Errc::Expired);
  BOOST_CHECK(postError(fx::authnRequestXml(withInstant("2026-01-01T10:01:01Z"))) == Errc::Expired);
  BOOST_CHECK(saml::readPostAuthnRequest(fx::authnRequestXml(withInstant("2026-01-01T09:54:00Z")), basePolicy()));
  BOOST_CHECK(saml::readPostAuthnRequest(fx::authnRequestXml(withInstant("2026-01-01T10:01:00Z")), basePolicy()));
}

BOOST_AUTO_TEST_CASE(issue_instant_accepts_fractions_and_offsets) {
  auto request = saml::readPostAuthnRequest(fx::authnRequestXml(withInstant("2026-01-01T11:59:30.250+02:00")),
                                            basePolicy());
  BOOST_REQUIRE_MESSAGE(request.has_value(), request.error().message);
  BOOST_CHECK(request->issueInstant == fx::testNow() - 30s + 250ms);
  for (const char* bad : {"2026-01-01 09:59:30Z", "2026-02-30T09:59:30Z", "2026-01-01T09:59:30.Z", "yesterday",
                          "2026-01-01T24:00:00Z", "2026-01-01T09:59:30+2:00"}) {
    BOOST_CHECK_MESSAGE(postError(fx::authnRequestXml(withInstant(bad))) == Errc::Malformed, bad);
  }
}

BOOST_AUTO_TEST_CASE(replayed_id_is_refused) {
  ReplayCache cache;
  auto policy = basePolicy();
  policy.rememberId = cache.remember();
  BOOST_CHECK(saml::readPostAuthnRequest(fx::authnRequestXml({}), policy).has_value());
  BOOST_CHECK(postError(fx::authnRequestXml({}), policy) == Errc::Replayed);
  BOOST_CHECK(redirectError(redirectOf(fx::authnRequestXml({}), nullptr), policy) == Errc::Replayed);
}

BOOST_AUTO_TEST_CASE(replay_cache_is_asked_only_after_every_other_check) {
  ReplayCache cache;
  auto policy = basePolicy();
  policy.rememberId = cache.remember();
  fx::RequestFields fields;
  fields.issuer = "https://other-sp.example.com";
  (void)postError(fx::authnRequestXml(fields), policy);
  (void)postError(fx::authnRequestXml(withInstant("2020-01-01T00:00:00Z")), policy);
  BOOST_CHECK(cache.asked.empty());
}

BOOST_AUTO_TEST_CASE(wrong_root_version_or_missing_id_are_refused) {
  const std::string xml = fx::authnRequestXml({});
  BOOST_CHECK(postError(fx::replaceOnce(fx::replaceOnce(xml, "samlp:AuthnRequest ", "samlp:LogoutRequest "),
                                        "</samlp:AuthnRequest>", "</samlp:LogoutRequest>")) == Errc::UnexpectedMessage);
  BOOST_CHECK(postError(fx::replaceOnce(xml, "Version=\"2.0\"", "Version=\"1.1\"")) == Errc::UnexpectedMessage);
  BOOST_CHECK(postError(fx::replaceOnce(xml, "urn:oasis:names:tc:SAML:2.0:protocol", "urn:evil")) ==
              Errc::UnexpectedMessage);
  BOOST_CHECK(postError(fx::replaceOnce(xml, "ID=\"", "XID=\"")) == Errc::MissingField);
  BOOST_CHECK(postError(fx::replaceOnce(xml, "AllowCreate=\"true\"", "AllowCreate=\"yes\"")) == Errc::UnexpectedMessage);
  BOOST_CHECK(postError("not xml") == Errc::Malformed);
}

BOOST_AUTO_TEST_CASE(dtd_xxe_and_billion_laughs_are_refused) {
  fx::RequestFields fields;
  fields.issuer = "&xxe;";
  const std::string xxe = "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + fx::authnRequestXml(fields);
  BOOST_CHECK(postError(xxe) == Errc::DtdForbidden);
  std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">";
  for (int i = 1; i <= 9; ++i) {
    laughs += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) laughs += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    laughs += "\">";
  }
  fields.issuer = "&lol9;";
  BOOST_CHECK(postError(laughs + "]>" + fx::authnRequestXml(fields)) == Errc::DtdForbidden);
  BOOST_CHECK(redirectError(redirectOf(xxe, nullptr), basePolicy()) == Errc::DtdForbidden);
}

BOOST_AUTO_TEST_SUITE_END()
