// SPDX-License-Identifier: Apache-2.0
// The SP half of Web Browser SSO: validating an IdP's samlp:Response.
#include <authcore/saml/response_validator.hpp>

#include <authcore/saml/library.hpp>

#include "core/hardened_parser.hpp"
#include "core/saml_time.hpp"
#include "core/xml_ids.hpp"
#include "core/xml_reading.hpp"
#include "core/xml_tree.hpp"
#include "core/xml_verifier.hpp"
#include "profile/assertion_reader.hpp"
#include "profile/protocol_message.hpp"

namespace authcore::saml {

namespace {

using namespace detail;

constexpr std::string_view kSuccess = "urn:oasis:names:tc:SAML:2.0:status:Success";
constexpr std::size_t kMaxEchoedStatus = 128;

tl::unexpected<Error> fail(Errc code, std::string message) {
  return tl::unexpected(Error{code, std::move(message)});
}

// The Response around the assertion. Read before any signature is checked, so
// nothing here is trusted unless the root's own signature verifies.
struct Envelope {
  XmlDocPtr doc;
  xmlNodePtr root = nullptr;
  xmlNodePtr assertion = nullptr;
  std::string id;
  std::optional<std::string> issuer;
  std::optional<std::string> destination;
  std::optional<std::string> inResponseTo;
};

tl::expected<void, Error> readRoot(Envelope& envelope) {
  const xmlNodePtr root = envelope.root;
  if (!isElement(root, "Response", kProtocolNs)) return fail(Errc::UnexpectedMessage, "expected a samlp:Response");
  if (attributeValue(root, "Version") != "2.0") {
    return fail(Errc::UnexpectedMessage, "the Response's Version is not 2.0");
  }
  envelope.id = attributeValue(root, "ID").value_or("");
  if (envelope.id.empty()) return fail(Errc::MissingField, "the Response has no ID");
  const auto instant = attributeValue(root, "IssueInstant");
  if (!instant) return fail(Errc::MissingField, "the Response has no IssueInstant");
  if (!parseDateTime(*instant)) return fail(Errc::Malformed, "the Response's IssueInstant is not an xs:dateTime");
  const auto issuers = childElements(root, "Issuer", kAssertionNs);
  if (issuers.size() > 1) return fail(Errc::UnexpectedMessage, "the Response has more than one Issuer");
  if (!issuers.empty()) envelope.issuer = elementText(issuers.front());
  envelope.destination = attributeValue(root, "Destination");
  envelope.inResponseTo = attributeValue(root, "InResponseTo");
  return {};
}

tl::expected<void, Error> checkStatus(xmlNodePtr root) {
  const auto statuses = childElements(root, "Status", kProtocolNs);
  if (statuses.size() != 1) return fail(Errc::MissingField, "the Response needs exactly one Status");
  const auto codes = childElements(statuses.front(), "StatusCode", kProtocolNs);
  if (codes.size() != 1) return fail(Errc::MissingField, "the Status needs exactly one StatusCode");
  const std::string value = attributeValue(codes.front(), "Value").value_or("");
  if (value != kSuccess) {
    return fail(Errc::StatusNotSuccess, "the IdP answered with status " + value.substr(0, kMaxEchoedStatus));
  }
  return {};
}

// Exactly one Assertion, a direct child: never one found deeper in the tree.
tl::expected<xmlNodePtr, Error> locateAssertion(xmlNodePtr root) {
  if (firstChildElement(root, "EncryptedAssertion", kAssertionNs) != nullptr) {
    return fail(Errc::UnexpectedMessage, "the Response carries an EncryptedAssertion, which this SP cannot decrypt");
  }
  const auto assertions = childElements(root, "Assertion", kAssertionNs);
  if (assertions.empty()) return fail(Errc::UnexpectedMessage, "the Response has no Assertion");
  if (assertions.size() != 1) return fail(Errc::UnexpectedMessage, "the Response has more than one Assertion");
  return assertions.front();
}

tl::expected<Envelope, Error> readEnvelope(std::string_view xml) {
  auto doc = parseHardened(xml, ParseLimits{});
  if (!doc) return tl::unexpected(std::move(doc.error()));
  if (auto ids = registerSamlIds(doc->get()); !ids) return tl::unexpected(std::move(ids.error()));
  Envelope envelope;
  envelope.root = xmlDocGetRootElement(doc->get());
  envelope.doc = std::move(*doc);
  auto ok = readRoot(envelope);
  if (ok) ok = checkStatus(envelope.root);
  if (!ok) return tl::unexpected(std::move(ok.error()));
  auto assertion = locateAssertion(envelope.root);
  if (!assertion) return tl::unexpected(std::move(assertion.error()));
  envelope.assertion = *assertion;
  return envelope;
}

// A ds:Signature anywhere but directly on the Response or on its Assertion
// (Extensions, an Object, a wrapped element) can only serve a wrapping attack:
// it is refused, not ignored, so that every signature present is one we verify.
tl::expected<void, Error> checkSignaturePlacement(xmlNodePtr root, xmlNodePtr assertion) {
  tl::expected<void, Error> outcome;
  walkSubtree(root, [&](xmlNodePtr node) {
    if (!isElement(node, "Signature", kDsigNs) || node->parent == root || node->parent == assertion) return true;
    outcome = fail(Errc::SignatureInvalid, "a ds:Signature is neither on the Response nor on its Assertion");
    return false;
  });
  return outcome;
}

// Each configured certificate in turn (a rollover configures two). A failure
// other than SignatureInvalid (SHA-1, structure, IDs) is the same for every key.
tl::expected<void, Error> verifyWithAny(xmlDocPtr doc, xmlNodePtr element, const std::vector<Certificate>& certs,
                                        const std::string& what) {
  Error last{Errc::SignatureMissing, "no IdP certificate is configured"};
  for (const auto& cert : certs) {
    auto verified = verifyEnvelopedSignature(doc, element, cert);
    if (verified) return {};
    last = std::move(verified.error());
    if (last.code != Errc::SignatureInvalid) break;
  }
  return fail(last.code, what + "'s signature: " + last.message);
}

// Verifies every signature; returns whether the Response itself is signed.
tl::expected<bool, Error> verifySignatures(const Envelope& envelope, const ResponsePolicy& policy) {
  if (auto placed = checkSignaturePlacement(envelope.root, envelope.assertion); !placed) {
    return tl::unexpected(std::move(placed.error()));
  }
  const bool responseSigned = findSignature(envelope.root) != nullptr;
  const bool assertionSigned = findSignature(envelope.assertion) != nullptr;
  if (!responseSigned && !assertionSigned) {
    return fail(Errc::SignatureMissing, "neither the Response nor its Assertion is signed");
  }
  const std::pair<bool, xmlNodePtr> signedElements[] = {{responseSigned, envelope.root},
                                                        {assertionSigned, envelope.assertion}};
  for (const auto& [present, element] : signedElements) {
    if (!present) continue;
    const std::string what = element == envelope.root ? "the Response" : "the Assertion";
    auto verified = verifyWithAny(envelope.doc.get(), element, policy.idpCertificates, what);
    if (!verified) return tl::unexpected(std::move(verified.error()));
  }
  return responseSigned;
}

tl::expected<void, Error> checkEnvelope(const Envelope& envelope, const ResponsePolicy& policy, bool responseSigned) {
  if (envelope.issuer && *envelope.issuer != policy.expectedIssuer) {
    return fail(Errc::UnknownIssuer, "the Response's Issuer is not the configured IdP");
  }
  return checkDestination(envelope.destination, policy.acsUrl, responseSigned);
}

// Policy checks without side effects, made before anything is remembered or consumed.
tl::expected<void, Error> checkSolicitation(const Assertion& assertion, const ResponsePolicy& policy) {
  if (!policy.rememberAssertionId) return fail(Errc::Replayed, "no replay cache is configured (rememberAssertionId)");
  if (!assertion.inResponseTo) {
    if (policy.allowUnsolicited) return {};
    return fail(Errc::RequestUnknown, "unsolicited responses (no InResponseTo) are not allowed");
  }
  if (!policy.consumeRequestId) {
    return fail(Errc::RequestUnknown, "no consumeRequestId is configured to check InResponseTo");
  }
  return {};
}

// The only side effects, last, so that a refused response never burns an ID.
// The assertion stays acceptable until notOnOrAfter + skew, so it is kept that long.
tl::expected<void, Error> commit(const Assertion& assertion, const ResponsePolicy& policy) {
  if (!policy.rememberAssertionId(assertion.assertionId, assertion.notOnOrAfter + policy.clockSkew)) {
    return fail(Errc::Replayed, "the assertion ID was seen before");
  }
  if (assertion.inResponseTo && !policy.consumeRequestId(*assertion.inResponseTo)) {
    return fail(Errc::RequestUnknown, "InResponseTo names no outstanding request of this SP");
  }
  return {};
}

}  // namespace

tl::expected<Assertion, Error> validateResponse(std::string_view responseXml, const ResponsePolicy& policy) {
  if (!Library::alive()) return fail(Errc::NotInitialised, "create an authcore::saml::Library first");
  auto envelope = readEnvelope(responseXml);
  if (!envelope) return tl::unexpected(std::move(envelope.error()));
  auto responseSigned = verifySignatures(*envelope, policy);
  if (!responseSigned) return tl::unexpected(std::move(responseSigned.error()));
  if (auto checked = checkEnvelope(*envelope, policy, *responseSigned); !checked) {
    return tl::unexpected(std::move(checked.error()));
  }
  auto assertion = readVerifiedAssertion(envelope->assertion, policy, envelope->inResponseTo);
  if (!assertion) return assertion;
  assertion->responseId = envelope->id;
  auto ok = checkSolicitation(*assertion, policy);
  if (ok) ok = commit(*assertion, policy);
  if (!ok) return tl::unexpected(std::move(ok.error()));
  return assertion;
}

}  // namespace authcore::saml
