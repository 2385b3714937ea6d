// SPDX-License-Identifier: Apache-2.0
// Shared by the SP-half Response suites: responses from our IdP builder, an SP's
// request store and replay cache, and string surgery on the serialised Response.
#pragma once

#include <authcore/saml/response_builder.hpp>
#include <authcore/saml/response_validator.hpp>

#include "inbound_fixtures.hpp"
#include "saml_fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <functional>
#include <set>
#include <string>

namespace authcore::saml::test {

inline constexpr const char* kIdpEntityId = "https://idp.example.test/saml";
inline constexpr const char* kSpAcsUrl = "https://sp.example.test/acs";
inline constexpr const char* kSpMetadataId = "https://sp.example.test/metadata";
inline constexpr const char* kRequestId = "_request0123456789";

/// Which elements the IdP builder signs.
enum class Signed { Response, Assertion, Both };

/// A Response from our IdP builder at testNow(), signed by generatedCredential(key);
/// `edit` may change the spec first.
inline BuiltResponse makeResponse(Signed how, int key = 0,
                                  const std::function<void(ResponseSpec&)>& edit = {}) {
  ResponseSpec spec = ::authcore::test::sampleSpec(testNow());
  spec.signResponse = how != Signed::Assertion;
  spec.signAssertion = how != Signed::Response;
  if (edit) edit(spec);
  auto built = buildResponse(spec, ::authcore::test::generatedCredential(key));
  BOOST_REQUIRE_MESSAGE(built.has_value(), "buildResponse: " << built.error().message);
  return *built;
}

/// The IdP key of generatedCredential(key) as a TestKey, for signing with the xmlsec1 CLI.
inline TestKey idpTestKey(int key = 0) {
  const auto& generated = ::authcore::test::generatedCertificate(key);
  return TestKey{generated.privateKeyPem, generated.certificatePem, ::authcore::test::generatedCredential(key)};
}

/// The SP's state: one outstanding request and a replay cache, both observable.
/// Not movable once policy() was called (the policy's functions point at it).
struct SpState {
  std::set<std::string> outstanding{kRequestId};
  std::set<std::string> seen;
  int consumeCalls = 0;
  int rememberCalls = 0;

  /// The SP's policy for the builder's sample spec, trusting generatedCredential(0).
  ResponsePolicy policy() {
    ResponsePolicy policy;
    policy.expectedIssuer = kIdpEntityId;
    policy.idpCertificates = {::authcore::test::generatedCredential(0).certificate()};
    policy.spEntityId = kSpMetadataId;
    policy.acsUrl = kSpAcsUrl;
    policy.now = testNow();
    policy.consumeRequestId = [this](const std::string& id) {
      ++consumeCalls;
      return outstanding.erase(id) == 1;
    };
    policy.rememberAssertionId = [this](const std::string& id, std::chrono::system_clock::time_point) {
      ++rememberCalls;
      return seen.insert(id).second;
    };
    return policy;
  }

  /// True when no validation touched the request store or the replay cache.
  bool untouched() const { return consumeCalls == 0 && rememberCalls == 0 && outstanding.size() == 1; }
};

/// The refusal of `xml` under `policy`; fails the test if it was accepted.
inline Error refusal(const std::string& xml, const ResponsePolicy& policy) {
  auto assertion = validateResponse(xml, policy);
  BOOST_REQUIRE_MESSAGE(!assertion.has_value(), "accepted: " << xml);
  BOOST_TEST_MESSAGE("refused (" << errcName(assertion.error().code) << "): " << assertion.error().message);
  return assertion.error();
}

/// The substring from the first `open` to the end of the first `close` after it.
inline std::string slice(const std::string& xml, const std::string& open, const std::string& close,
                         std::size_t from = 0) {
  const auto start = xml.find(open, from);
  BOOST_REQUIRE_MESSAGE(start != std::string::npos, "fixture text not found: " << open);
  const auto end = xml.find(close, start);
  BOOST_REQUIRE_MESSAGE(end != std::string::npos, "fixture text not found: " << close);
  return xml.substr(start, end + close.size() - start);
}

/// The samlp:Response element without the XML declaration.
inline std::string rootElement(const std::string& xml) {
  return xml.substr(xml.find("<samlp:Response"));
}

/// The value of attribute `name` in the first tag of `element`.
inline std::string firstTagAttribute(const std::string& element, const std::string& name) {
  const std::string tag = element.substr(0, element.find('>'));
  const auto start = tag.find(" " + name + "=\"");
  BOOST_REQUIRE_MESSAGE(start != std::string::npos, "attribute not found: " << name);
  const auto valueStart = start + name.size() + 3;
  return tag.substr(valueStart, tag.find('"', valueStart) - valueStart);
}

/// The saml:Assertion element (the builder nests none in another).
inline std::string assertionElement(const std::string& xml) {
  return slice(xml, "<saml:Assertion ", "</saml:Assertion>");
}

/// The first ds:Signature element at or after `from`.
inline std::string signatureElement(const std::string& xml, std::size_t from = 0) {
  return slice(xml, "<ds:Signature", "</ds:Signature>", from);
}

/// `element` without its first ds:Signature.
inline std::string withoutSignature(const std::string& element) {
  return replaceOnce(element, signatureElement(element), "");
}

/// Inserts `what` right after the first `</saml:Issuer>` in `element`.
inline std::string afterIssuer(const std::string& element, const std::string& what) {
  return replaceOnce(element, "</saml:Issuer>", "</saml:Issuer>" + what);
}

/// An attacker's copy of an unsigned assertion: the NameID `victim` becomes
/// `evil`, and the ID `id`.
inline std::string evilAssertion(const std::string& unsignedAssertion, const std::string& oldId, const std::string& id,
                                 const std::string& victim = "ada@example.test",
                                 const std::string& evil = "admin@example.test") {
  const std::string renamed = replaceOnce(unsignedAssertion, "ID=\"" + oldId + "\"", "ID=\"" + id + "\"");
  return replaceOnce(renamed, victim + "</saml:NameID>", evil + "</saml:NameID>");
}

}  // namespace authcore::saml::test
