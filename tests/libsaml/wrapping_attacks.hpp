// SPDX-License-Identifier: Apache-2.0
// XML Signature Wrapping XSW1-8 (Somorovsky et al., "On Breaking SAML") built
// from a genuine signed Response: libsaml's validator suite and the
// appliance's ACS suite try the same forgeries.
#pragma once

#include "response_fixtures.hpp"

#include <string>

namespace authcore::saml::test {

/// The pieces of a signed Response an attacker works with.
struct WrappingPieces {
  BuiltResponse built;
  std::string root;               ///< the Response element
  std::string assertion;          ///< its Assertion as signed
  std::string unsignedAssertion;  ///< the Assertion without its signature
  std::string signature;          ///< the signature of interest (Response's or Assertion's)
  std::string evil;               ///< an unsigned Assertion for the evil NameID, ID "_evilAssertion"
  std::string victimNameId;
  std::string evilNameId;
};

/// `built` was signed as `how` (Response for XSW1-2, Assertion for XSW3-8);
/// its NameID `victim` becomes `evil` in the attacker's assertion.
inline WrappingPieces wrappingPieces(const BuiltResponse& built, Signed how,
                                     const std::string& victim = "ada@example.test",
                                     const std::string& evil = "admin@example.test") {
  WrappingPieces p{built, {}, {}, {}, {}, {}, victim, evil};
  p.root = rootElement(built.xml);
  p.assertion = assertionElement(p.root);
  p.signature = signatureElement(how == Signed::Response ? p.root : p.assertion);
  p.unsignedAssertion = how == Signed::Response ? p.assertion : withoutSignature(p.assertion);
  p.evil = evilAssertion(p.unsignedAssertion, built.assertionId, "_evilAssertion", victim, evil);
  return p;
}

inline std::string withEnd(const std::string& element, const std::string& end, const std::string& inserted) {
  return replaceOnce(element, end, inserted + end);
}

/// The original Response without its signature, and an evil one around the evil assertion.
struct WrappedResponses {
  std::string original;
  std::string evil;
};

inline WrappedResponses responseWrapping(const WrappingPieces& p) {
  WrappedResponses r;
  r.original = withoutSignature(p.root);
  r.evil = replaceOnce(r.original, "ID=\"" + p.built.responseId + "\"", "ID=\"_evilResponse\"");
  r.evil = replaceOnce(r.evil, p.unsignedAssertion, p.evil);
  return r;
}

/// XSW1: the original Response inside the copied signature (Response-signed pieces).
inline std::string xsw1(const WrappingPieces& p) {
  const auto r = responseWrapping(p);
  return afterIssuer(r.evil, withEnd(p.signature, "</ds:Signature>", "<ds:Object>" + r.original + "</ds:Object>"));
}

/// XSW2: the original Response before the copied signature (Response-signed pieces).
inline std::string xsw2(const WrappingPieces& p) {
  const auto r = responseWrapping(p);
  return afterIssuer(r.evil, r.original + p.signature);
}

/// XSW3: an evil assertion before the signed one.
inline std::string xsw3(const WrappingPieces& p) { return replaceOnce(p.root, p.assertion, p.evil + p.assertion); }

/// XSW4: the signed assertion wrapped inside the evil one.
inline std::string xsw4(const WrappingPieces& p) {
  return replaceOnce(p.root, p.assertion, withEnd(p.evil, "</saml:Assertion>", p.assertion));
}

/// XSW5: the evil assertion carries the copied signature; the original follows unsigned.
inline std::string xsw5(const WrappingPieces& p) {
  const std::string evil = afterIssuer(p.evil, p.signature);
  return withEnd(replaceOnce(p.root, p.assertion, evil), "</samlp:Response>", p.unsignedAssertion);
}

/// XSW6: the original assertion inside the copied signature of the evil one.
inline std::string xsw6(const WrappingPieces& p) {
  const std::string signature = withEnd(p.signature, "</ds:Signature>", p.unsignedAssertion);
  return replaceOnce(p.root, p.assertion, afterIssuer(p.evil, signature));
}

/// XSW7: an unsigned clone of the assertion, same ID, in Extensions.
inline std::string xsw7(const WrappingPieces& p) {
  const std::string clone = evilAssertion(p.unsignedAssertion, p.built.assertionId, p.built.assertionId,
                                            p.victimNameId, p.evilNameId);
  return afterIssuer(p.root, "<samlp:Extensions>" + clone + "</samlp:Extensions>");
}

/// XSW8: the original assertion in an Object of the copied signature on the evil one.
inline std::string xsw8(const WrappingPieces& p) {
  const std::string signature =
      withEnd(p.signature, "</ds:Signature>", "<ds:Object>" + p.unsignedAssertion + "</ds:Object>");
  return replaceOnce(p.root, p.assertion, afterIssuer(p.evil, signature));
}

}  // namespace authcore::saml::test
