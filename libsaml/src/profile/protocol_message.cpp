// SPDX-License-Identifier: Apache-2.0
// The checks every inbound SAML protocol message shares.
#include "profile/protocol_message.hpp"

#include "core/saml_time.hpp"
#include "core/xml_ids.hpp"
#include "core/xml_reading.hpp"
#include "core/xml_verifier.hpp"

namespace authcore::saml::detail {

namespace {

tl::unexpected<Error> fail(Errc code, std::string message) {
  return tl::unexpected(Error{code, std::move(message)});
}

tl::expected<void, Error> checkRoot(xmlNodePtr root, std::string_view rootName) {
  if (!isElement(root, rootName, kProtocolNs)) {
    return fail(Errc::UnexpectedMessage, "expected a samlp:" + std::string(rootName));
  }
  if (attributeValue(root, "Version") != "2.0") return fail(Errc::UnexpectedMessage, "Version is not 2.0");
  return {};
}

tl::expected<void, Error> readHeader(ProtocolMessage& message) {
  const auto id = attributeValue(message.root, "ID");
  if (!id || id->empty()) return fail(Errc::MissingField, "the message has no ID");
  message.id = *id;
  const auto instant = attributeValue(message.root, "IssueInstant");
  if (!instant) return fail(Errc::MissingField, "the message has no IssueInstant");
  const auto parsed = parseDateTime(*instant);
  if (!parsed) return fail(Errc::Malformed, "IssueInstant is not an xs:dateTime");
  message.issueInstant = *parsed;
  const auto issuers = childElements(message.root, "Issuer", kAssertionNs);
  if (issuers.size() != 1) return fail(Errc::MissingField, "the message needs exactly one Issuer");
  message.issuer = elementText(issuers.front());
  if (message.issuer.empty()) return fail(Errc::MissingField, "the Issuer is empty");
  message.destination = attributeValue(message.root, "Destination");
  return {};
}

tl::expected<bool, Error> unsignedOutcome(bool present, bool hasCertificate, bool required) {
  if (required && !present) return fail(Errc::SignatureMissing, "the message is not signed");
  if (required && !hasCertificate) return fail(Errc::SignatureMissing, "no certificate is configured to verify the signature");
  return false;
}

}  // namespace

tl::expected<ProtocolMessage, Error> readProtocolMessage(std::string_view xml, std::string_view rootName) {
  auto doc = parseHardened(xml, ParseLimits{});
  if (!doc) return tl::unexpected(std::move(doc.error()));
  auto ids = registerSamlIds(doc->get());
  if (!ids) return tl::unexpected(std::move(ids.error()));
  ProtocolMessage message;
  message.root = xmlDocGetRootElement(doc->get());
  message.doc = std::move(*doc);
  auto root = checkRoot(message.root, rootName);
  if (!root) return tl::unexpected(std::move(root.error()));
  auto header = readHeader(message);
  if (!header) return tl::unexpected(std::move(header.error()));
  return message;
}

tl::expected<void, Error> checkIssuer(const ProtocolMessage& message, const std::string& expected) {
  if (message.issuer != expected) return fail(Errc::UnknownIssuer, "the Issuer is not the configured peer");
  return {};
}

tl::expected<void, Error> checkDestination(const std::optional<std::string>& destination,
                                           const std::string& expected, bool signedMessage) {
  if (!destination) {
    if (signedMessage) return fail(Errc::MissingField, "a signed message must carry its Destination");
    return {};
  }
  if (*destination != expected) return fail(Errc::DestinationMismatch, "Destination is not our endpoint");
  return {};
}

tl::expected<std::chrono::system_clock::time_point, Error> checkFreshness(
    std::chrono::system_clock::time_point issueInstant, const Freshness& window) {
  if (issueInstant > window.now + window.clockSkew) return fail(Errc::Expired, "IssueInstant is in the future");
  if (issueInstant < window.now - window.maxAge - window.clockSkew) return fail(Errc::Expired, "IssueInstant is too old");
  return issueInstant + window.maxAge + window.clockSkew;
}

tl::expected<bool, Error> checkQuerySignature(const RedirectMessage& message,
                                              const std::optional<Certificate>& cert, bool required) {
  const bool present = message.signature.has_value();
  if (!present || !cert) return unsignedOutcome(present, cert.has_value(), required);
  auto verified = verifyRedirectSignature(message, *cert);
  if (!verified) return tl::unexpected(std::move(verified.error()));
  return true;
}

tl::expected<bool, Error> checkRootSignature(const ProtocolMessage& message,
                                             const std::optional<Certificate>& cert, bool required) {
  const bool present = findSignature(message.root) != nullptr;
  if (!present || !cert) return unsignedOutcome(present, cert.has_value(), required);
  auto verified = verifyEnvelopedSignature(message.doc.get(), message.root, *cert);
  if (!verified) return tl::unexpected(std::move(verified.error()));
  return true;
}

tl::expected<void, Error> rememberOnce(
    const std::function<bool(const std::string&, std::chrono::system_clock::time_point)>& remember,
    const std::string& id, std::chrono::system_clock::time_point expiresAt) {
  if (remember && !remember(id, expiresAt)) return fail(Errc::Replayed, "the message ID was seen before");
  return {};
}

}  // namespace authcore::saml::detail
