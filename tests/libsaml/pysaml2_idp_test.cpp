// SPDX-License-Identifier: Apache-2.0
// Our SP half against an independent IdP: Debian's python3-pysaml2 driven by
// tests/interop/pysaml2_idp.py reads our SP metadata, verifies our signed AuthnRequests,
// answers with signed Responses that validateResponse must accept (or refuse), and runs
// IdP-initiated single logout with us. Only libsaml's public SP API is used.
#include <authcore/saml/authn_request_builder.hpp>
#include <authcore/saml/bindings.hpp>
#include <authcore/saml/idp_metadata_reader.hpp>
#include <authcore/saml/logout.hpp>
#include <authcore/saml/post_binding.hpp>
#include <authcore/saml/redirect_binding.hpp>
#include <authcore/saml/response_validator.hpp>
#include <authcore/saml/sp_metadata.hpp>

#include "saml_fixtures.hpp"
#include "support/temp_dir.hpp"

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include <sys/wait.h>

namespace saml = authcore::saml;
using authcore::test::generatedCredential;
using authcore::test::runVerdict;
using authcore::test::Verdict;
using saml::Errc;

namespace {

constexpr const char* kIdpEntityId = "http://127.0.0.1:8090/idp";
constexpr const char* kIdpSsoUrl = "http://127.0.0.1:8090/idp/sso";
constexpr const char* kIdpSloUrl = "http://127.0.0.1:8090/idp/slo";
constexpr const char* kSpEntityId = "https://sp.example.test/saml/metadata";
constexpr const char* kAcsUrl = "https://sp.example.test/saml/acs";
constexpr const char* kSloUrl = "https://sp.example.test/saml/slo";
constexpr const char* kEmail = "ada@example.test";
constexpr const char* kEmailFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

// Our SP's signing credential (the RSA-3072 test key); generatedCredential(1) plays a stranger.
saml::SigningCredential spCredential() { return generatedCredential(0); }

// One field of the script's JSON answer.
std::string jsonField(const std::string& json, const std::string& key) {
  boost::property_tree::ptree tree;
  std::istringstream in(json);
  try {
    boost::property_tree::read_json(in, tree);
  } catch (const std::exception& error) {
    BOOST_FAIL("not JSON (" << error.what() << "): " << json);
  }
  const auto value = tree.get_optional<std::string>(key);
  BOOST_REQUIRE_MESSAGE(value.has_value(), key << " not in " << json);
  return *value;
}

// The query of a URL (everything after the first '?').
std::string queryOf(const std::string& url) {
  const auto mark = url.find('?');
  BOOST_REQUIRE_MESSAGE(mark != std::string::npos, "no query in " << url);
  return url.substr(mark + 1);
}

// One pysaml2 IdP with its own state directory, knowing our SP from our metadata.
class Pysaml2Idp {
public:
  Pysaml2Idp() {
    saml::SpMetadataSpec spec;
    spec.entityId = kSpEntityId;
    spec.acsUrl = kAcsUrl;
    spec.sloUrl = kSloUrl;
    spec.signingCertificates = {spCredential().certificate()};
    spec.nameIdFormats = {saml::NameIdFormat::EmailAddress, saml::NameIdFormat::Transient};
    auto xml = saml::buildSpMetadata(spec);
    BOOST_REQUIRE_MESSAGE(xml.has_value(), "buildSpMetadata: " << xml.error().message);
    authcore::test::writeFile(dir_.file("sp.xml"), *xml);
  }

  /// Runs `command args` of pysaml2_idp.py (exit status and output).
  Verdict run(const std::string& command, const std::string& args) const {
    const std::string script = std::string(std::getenv("AUTHCORE_SOURCE_ROOT")) + "/tests/interop/pysaml2_idp.py";
    return runVerdict("/usr/bin/python3 '" + script + "' " + command + " --state '" + dir_.file("state") +
                      "' --entity-id " + kIdpEntityId + " --sso-url " + kIdpSsoUrl + " --slo-url " + kIdpSloUrl +
                      " --sp-metadata '" + dir_.file("sp.xml") + "' " + args);
  }

  /// Runs a command that must succeed; its JSON answer.
  std::string ok(const std::string& command, const std::string& args) const {
    const auto verdict = run(command, args);
    BOOST_REQUIRE_MESSAGE(verdict.status == 0, "pysaml2_idp.py " << command << " failed: " << verdict.output);
    return verdict.output;
  }

  /// pysaml2's metadata for this IdP, read by our reader.
  saml::IdpDescriptor descriptor() const {
    auto idp = saml::parseIdpMetadata(jsonField(ok("metadata", ""), "xml"), std::chrono::system_clock::now());
    BOOST_REQUIRE_MESSAGE(idp.has_value(), "parseIdpMetadata: " << idp.error().message);
    return *idp;
  }

  /// The certificate pysaml2 signs with (generated on first use, in the state directory).
  saml::Certificate certificate() const {
    std::ifstream in(dir_.file("state/idp.crt"));
    std::stringstream pem;
    pem << in.rdbuf();
    auto cert = saml::Certificate::fromPem(pem.str());
    BOOST_REQUIRE_MESSAGE(cert.has_value(), "idp.crt: " << cert.error().message);
    return *cert;
  }

private:
  authcore::test::TempDir dir_;
};

// Our signed HTTP-Redirect AuthnRequest to the IdP's SSO location.
struct SentRequest {
  std::string id;
  std::string url;
};

SentRequest sendAuthnRequest(const saml::IdpDescriptor& idp) {
  saml::AuthnRequestSpec spec;
  spec.issuer = kSpEntityId;
  spec.destination = idp.ssoLocation(saml::kBindingHttpRedirect).value_or("");
  spec.acsUrl = kAcsUrl;
  spec.nameIdPolicyFormat = saml::NameIdFormat::EmailAddress;
  spec.now = std::chrono::system_clock::now();
  auto request = saml::buildAuthnRequest(spec);
  BOOST_REQUIRE_MESSAGE(request.has_value(), "buildAuthnRequest: " << request.error().message);
  const auto credential = spCredential();
  auto url = saml::encodeRedirect(spec.destination, "SAMLRequest", request->xml, "rs-7", &credential);
  BOOST_REQUIRE_MESSAGE(url.has_value(), "encodeRedirect: " << url.error().message);
  return {request->id, *url};
}

// pysaml2's answer to one of our AuthnRequests.
struct Login {
  std::string requestId;
  std::string json;
  std::string responseXml;
};

Login login(const Pysaml2Idp& idp, const saml::IdpDescriptor& descriptor, const std::string& flags) {
  const auto request = sendAuthnRequest(descriptor);
  Login result{request.id, idp.ok("login", "--request-url '" + request.url + "' --user-email " + kEmail +
                                               " --name 'Ada Lovelace' " + flags), {}};
  auto xml = saml::decodePostParameter(jsonField(result.json, "saml_response"));
  BOOST_REQUIRE_MESSAGE(xml.has_value(), "decodePostParameter: " << xml.error().message);
  result.responseXml = *xml;
  return result;
}

// The SP's request store and replay cache, and the policy that uses them.
struct SpState {
  std::set<std::string> outstanding;
  std::set<std::string> seen;

  saml::ResponsePolicy policy(const saml::IdpDescriptor& idp) {
    saml::ResponsePolicy policy;
    policy.expectedIssuer = idp.entityId;
    policy.idpCertificates = idp.signingCertificates;
    policy.spEntityId = kSpEntityId;
    policy.acsUrl = kAcsUrl;
    policy.now = std::chrono::system_clock::now();
    policy.consumeRequestId = [this](const std::string& id) { return outstanding.erase(id) == 1; };
    policy.rememberAssertionId = [this](const std::string& id, std::chrono::system_clock::time_point) {
      return seen.insert(id).second;
    };
    return policy;
  }
};

std::vector<std::string> attribute(const saml::Assertion& assertion, const std::string& name) {
  for (const auto& [key, values] : assertion.attributes) {
    if (key == name) return values;
  }
  return {};
}

// A login with these signing flags is accepted once, with every field as pysaml2 issued it.
void checkRoundTrip(const std::string& flags) {
  const Pysaml2Idp idp;
  const auto descriptor = idp.descriptor();
  const auto result = login(idp, descriptor, flags);
  BOOST_CHECK_EQUAL(jsonField(result.json, "in_response_to"), result.requestId);
  BOOST_CHECK_EQUAL(jsonField(result.json, "acs_url"), kAcsUrl);
  BOOST_CHECK_EQUAL(jsonField(result.json, "relay_state"), "rs-7");
  SpState sp{{result.requestId}, {}};
  const auto assertion = saml::validateResponse(result.responseXml, sp.policy(descriptor));
  BOOST_REQUIRE_MESSAGE(assertion.has_value(), "refused: " << assertion.error().message);
  BOOST_CHECK_EQUAL(assertion->issuer, kIdpEntityId);
  BOOST_CHECK_EQUAL(assertion->nameId, kEmail);
  BOOST_CHECK_EQUAL(assertion->nameIdFormat.value_or(""), kEmailFormat);
  BOOST_CHECK_EQUAL(assertion->sessionIndex.value_or(""), jsonField(result.json, "session_index"));
  BOOST_CHECK_EQUAL(assertion->inResponseTo.value_or(""), result.requestId);
  BOOST_CHECK(attribute(*assertion, "email") == std::vector<std::string>{kEmail});
  BOOST_CHECK(attribute(*assertion, "name") == std::vector<std::string>{"Ada Lovelace"});
  BOOST_CHECK(sp.outstanding.empty());
  const auto replay = saml::validateResponse(result.responseXml, sp.policy(descriptor));
  BOOST_REQUIRE(!replay.has_value());
  BOOST_CHECK(replay.error().code == Errc::Replayed);
  SpState forgetful{{}, {}};  // a cache that lost the assertion still finds the request consumed
  const auto again = saml::validateResponse(result.responseXml, forgetful.policy(descriptor));
  BOOST_REQUIRE(!again.has_value());
  BOOST_CHECK(again.error().code == Errc::RequestUnknown);
}

// The refusal of a pysaml2 Response under our policy changed by `edit`; nothing consumed.
Errc refusal(const std::string& flags, const std::function<void(saml::ResponsePolicy&)>& edit) {
  const Pysaml2Idp idp;
  const auto descriptor = idp.descriptor();
  const auto result = login(idp, descriptor, flags);
  SpState sp{{result.requestId}, {}};
  auto policy = sp.policy(descriptor);
  edit(policy);
  const auto assertion = saml::validateResponse(result.responseXml, policy);
  BOOST_REQUIRE_MESSAGE(!assertion.has_value(), "accepted a Response that should be refused");
  BOOST_CHECK_EQUAL(sp.outstanding.count(result.requestId), 1u);
  BOOST_CHECK(sp.seen.empty());
  return assertion.error().code;
}

// Flips the first character of the Signature query value (still valid base64).
std::string tamperedSignature(std::string url) {
  const auto at = url.find("&Signature=");
  BOOST_REQUIRE(at != std::string::npos);
  char& c = url[at + std::string("&Signature=").size()];
  c = c == 'A' ? 'B' : 'A';
  return url;
}

saml::LogoutPolicy logoutPolicy(const saml::Certificate& idpCertificate) {
  saml::LogoutPolicy policy;
  policy.expectedIssuer = kIdpEntityId;
  policy.destination = kSloUrl;
  policy.now = std::chrono::system_clock::now();
  policy.peerCertificate = idpCertificate;
  policy.requireSignature = true;
  return policy;
}

// The query of our signed LogoutResponse to `request`, signed with `signer`.
std::string logoutResponseQuery(const saml::LogoutRequest& request, const saml::SigningCredential& signer) {
  saml::LogoutResponseSpec spec;
  spec.issuer = kSpEntityId;
  spec.destination = kIdpSloUrl;
  spec.inResponseTo = request.id;
  spec.now = std::chrono::system_clock::now();
  auto response = saml::buildLogoutResponse(spec);
  BOOST_REQUIRE_MESSAGE(response.has_value(), "buildLogoutResponse: " << response.error().message);
  auto url = saml::encodeRedirect(kIdpSloUrl, "SAMLResponse", response->xml, "rs-logout", &signer);
  BOOST_REQUIRE_MESSAGE(url.has_value(), "encodeRedirect: " << url.error().message);
  return queryOf(*url);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_pysaml2_idp)

BOOST_AUTO_TEST_CASE(metadata_is_read_with_entity_id_endpoints_and_one_certificate) {
  const Pysaml2Idp idp;
  const auto descriptor = idp.descriptor();
  BOOST_CHECK_EQUAL(descriptor.entityId, kIdpEntityId);
  BOOST_CHECK_EQUAL(descriptor.ssoLocation(saml::kBindingHttpRedirect).value_or(""), kIdpSsoUrl);
  BOOST_CHECK_EQUAL(descriptor.sloLocation(saml::kBindingHttpRedirect).value_or(""), kIdpSloUrl);
  BOOST_CHECK(descriptor.wantAuthnRequestsSigned);
  BOOST_REQUIRE_EQUAL(descriptor.signingCertificates.size(), 1u);
  BOOST_CHECK_EQUAL(descriptor.signingCertificates[0].base64Der(), idp.certificate().base64Der());
}

BOOST_AUTO_TEST_CASE(response_and_assertion_signed_is_accepted_once) { checkRoundTrip(""); }

BOOST_AUTO_TEST_CASE(response_signed_only_is_accepted_once) { checkRoundTrip("--sign-assertion no"); }

BOOST_AUTO_TEST_CASE(assertion_signed_only_is_accepted_once) { checkRoundTrip("--sign-response no"); }

BOOST_AUTO_TEST_CASE(transient_name_id_and_extra_attributes_are_read) {
  const Pysaml2Idp idp;
  const auto descriptor = idp.descriptor();
  const auto result = login(idp, descriptor,
                            "--name-id-format transient --no-email-attribute --attribute groups=staff "
                            "--attribute groups=admins");
  SpState sp{{result.requestId}, {}};
  const auto assertion = saml::validateResponse(result.responseXml, sp.policy(descriptor));
  BOOST_REQUIRE_MESSAGE(assertion.has_value(), "refused: " << assertion.error().message);
  BOOST_CHECK_EQUAL(assertion->nameId, jsonField(result.json, "name_id"));
  BOOST_CHECK_NE(assertion->nameId, kEmail);
  BOOST_CHECK_EQUAL(assertion->nameIdFormat.value_or(""), saml::nameIdFormatUri(saml::NameIdFormat::Transient));
  BOOST_CHECK(attribute(*assertion, "email").empty());
  BOOST_CHECK(attribute(*assertion, "groups") == (std::vector<std::string>{"staff", "admins"}));
}

BOOST_AUTO_TEST_CASE(unsigned_response_is_refused_as_signature_missing) {
  BOOST_CHECK(refusal("--sign-response no --sign-assertion no", [](auto&) {}) == Errc::SignatureMissing);
}

BOOST_AUTO_TEST_CASE(pysaml2_refuses_our_request_with_a_tampered_signature) {
  const Pysaml2Idp idp;
  const auto request = sendAuthnRequest(idp.descriptor());
  const auto verdict =
      idp.run("login", "--request-url '" + tamperedSignature(request.url) + "' --user-email " + kEmail);
  BOOST_CHECK_EQUAL(WEXITSTATUS(verdict.status), 1);
  BOOST_CHECK_MESSAGE(jsonField(verdict.output, "error").find("signature") != std::string::npos, verdict.output);
}

BOOST_AUTO_TEST_CASE(pysaml2_refuses_our_request_signed_by_another_key) {
  const Pysaml2Idp idp;
  saml::AuthnRequestSpec spec;
  spec.issuer = kSpEntityId;
  spec.destination = kIdpSsoUrl;
  spec.acsUrl = kAcsUrl;
  spec.now = std::chrono::system_clock::now();
  auto request = saml::buildAuthnRequest(spec);
  BOOST_REQUIRE(request.has_value());
  const auto stranger = generatedCredential(1);
  auto url = saml::encodeRedirect(kIdpSsoUrl, "SAMLRequest", request->xml, std::nullopt, &stranger);
  BOOST_REQUIRE(url.has_value());
  const auto verdict = idp.run("login", "--request-url '" + *url + "' --user-email " + kEmail);
  BOOST_CHECK_EQUAL(WEXITSTATUS(verdict.status), 1);
}

BOOST_AUTO_TEST_CASE(response_for_another_audience_is_refused) {
  BOOST_CHECK(refusal("--audience https://other-sp.example.test/metadata", [](auto&) {}) ==
              Errc::AudienceMismatch);
}

BOOST_AUTO_TEST_CASE(response_to_another_acs_is_refused) {
  BOOST_CHECK(refusal("--acs-url https://other-sp.example.test/acs", [](auto&) {}) == Errc::DestinationMismatch);
}

BOOST_AUTO_TEST_CASE(response_checked_against_another_certificate_is_refused) {
  const auto stranger = generatedCredential(1).certificate();
  for (const char* flags : {"", "--sign-assertion no", "--sign-response no"}) {
    BOOST_TEST_CONTEXT(flags) {
      BOOST_CHECK(refusal(flags, [&](saml::ResponsePolicy& p) { p.idpCertificates = {stranger}; }) ==
                  Errc::SignatureInvalid);
    }
  }
}

BOOST_AUTO_TEST_CASE(idp_initiated_logout_round_trip) {
  const Pysaml2Idp idp;
  const auto descriptor = idp.descriptor();
  const auto json = idp.ok("logout-request", "--name-id " + std::string(kEmail) +
                                                 " --session-index _s1 --destination " + kSloUrl +
                                                 " --relay-state rs-logout");
  const std::string url = jsonField(json, "url");
  BOOST_CHECK_EQUAL(url.rfind(std::string(kSloUrl) + "?", 0), 0u);
  auto message = saml::decodeRedirect(queryOf(url), "SAMLRequest");
  BOOST_REQUIRE_MESSAGE(message.has_value(), "decodeRedirect: " << message.error().message);
  BOOST_CHECK_EQUAL(message->relayState.value_or(""), "rs-logout");
  const auto request = saml::readRedirectLogoutRequest(*message, logoutPolicy(descriptor.signingCertificates[0]));
  BOOST_REQUIRE_MESSAGE(request.has_value(), "readRedirectLogoutRequest: " << request.error().message);
  BOOST_CHECK_EQUAL(request->id, jsonField(json, "request_id"));
  BOOST_CHECK_EQUAL(request->nameId, kEmail);
  BOOST_CHECK(request->sessionIndexes == std::vector<std::string>{"_s1"});
  BOOST_CHECK(request->signatureVerified);
  const auto answer = idp.ok("accept-logout-response", "--query '" + logoutResponseQuery(*request, spCredential()) + "'");
  BOOST_CHECK_EQUAL(jsonField(answer, "status"), "urn:oasis:names:tc:SAML:2.0:status:Success");
  BOOST_CHECK_EQUAL(jsonField(answer, "in_response_to"), request->id);
}

BOOST_AUTO_TEST_CASE(logout_messages_under_the_wrong_key_are_refused_both_ways) {
  const Pysaml2Idp idp;
  const auto json = idp.ok("logout-request", "--name-id " + std::string(kEmail) + " --destination " + kSloUrl);
  auto message = saml::decodeRedirect(queryOf(jsonField(json, "url")), "SAMLRequest");
  BOOST_REQUIRE(message.has_value());
  const auto foreign = saml::readRedirectLogoutRequest(*message, logoutPolicy(generatedCredential(1).certificate()));
  BOOST_REQUIRE(!foreign.has_value());
  BOOST_CHECK(foreign.error().code == Errc::SignatureInvalid);
  const auto request = saml::readRedirectLogoutRequest(*message, logoutPolicy(idp.certificate()));
  BOOST_REQUIRE(request.has_value());
  const auto verdict =
      idp.run("accept-logout-response", "--query '" + logoutResponseQuery(*request, generatedCredential(1)) + "'");
  BOOST_CHECK_EQUAL(WEXITSTATUS(verdict.status), 1);
}

BOOST_AUTO_TEST_SUITE_END()
