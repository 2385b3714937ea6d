// SPDX-License-Identifier: Apache-2.0
// Single Logout over the HTTP-Redirect binding: building and reading LogoutRequest/LogoutResponse.
#include <authcore/saml/logout.hpp>

#include "core/saml_time.hpp"
#include "core/xml_reading.hpp"
#include "core/xml_writer.hpp"
#include "core/xml_verifier.hpp"
#include "profile/message_writer.hpp"
#include "profile/protocol_message.hpp"

namespace authcore::saml {

namespace {

using detail::ProtocolMessage;
using std::chrono::system_clock;

tl::unexpected<Error> fail(Errc code, std::string message) {
  return tl::unexpected(Error{code, std::move(message)});
}

std::optional<system_clock::time_point> optionalTime(xmlNodePtr element, const char* name, bool& bad) {
  const auto text = detail::attributeValue(element, name);
  if (!text) return std::nullopt;
  const auto parsed = detail::parseDateTime(*text);
  bad = !parsed;
  return parsed;
}

tl::expected<LogoutRequest, Error> readRequestFields(const ProtocolMessage& message, const LogoutPolicy& policy) {
  LogoutRequest request{message.id, message.issuer, message.destination, message.issueInstant, {}, {}, {}, {}, false};
  bool bad = false;
  request.notOnOrAfter = optionalTime(message.root, "NotOnOrAfter", bad);
  if (bad) return fail(Errc::Malformed, "NotOnOrAfter is not an xs:dateTime");
  if (request.notOnOrAfter && policy.now - policy.clockSkew >= *request.notOnOrAfter) {
    return fail(Errc::Expired, "the LogoutRequest is past its NotOnOrAfter");
  }
  xmlNodePtr nameId = detail::firstChildElement(message.root, "NameID", detail::kAssertionNs);
  if (nameId == nullptr) return fail(Errc::MissingField, "the LogoutRequest has no NameID");
  request.nameId = detail::elementText(nameId);
  if (request.nameId.empty()) return fail(Errc::MissingField, "the NameID is empty");
  request.nameIdFormat = detail::attributeValue(nameId, "Format");
  for (xmlNodePtr index : detail::childElements(message.root, "SessionIndex", detail::kProtocolNs)) {
    request.sessionIndexes.push_back(detail::elementText(index));
  }
  return request;
}

tl::expected<LogoutResponse, Error> readResponseFields(const ProtocolMessage& message, const LogoutPolicy&) {
  LogoutResponse response{message.id, message.issuer, message.destination, {}, {}, false, false};
  response.inResponseTo = detail::attributeValue(message.root, "InResponseTo");
  xmlNodePtr status = detail::firstChildElement(message.root, "Status", detail::kProtocolNs);
  xmlNodePtr code = status != nullptr ? detail::firstChildElement(status, "StatusCode", detail::kProtocolNs) : nullptr;
  const auto value = code != nullptr ? detail::attributeValue(code, "Value") : std::nullopt;
  if (!value || value->empty()) return fail(Errc::MissingField, "the LogoutResponse has no StatusCode");
  response.statusCode = *value;
  response.success = *value == "urn:oasis:names:tc:SAML:2.0:status:Success";
  return response;
}

// Issuer, the message's own fields, Destination, freshness, signature, then the
// ID; `isSigned` and `checkSignature` are the binding's signature.
template <typename ReadFields, typename IsSigned, typename CheckSignature>
auto readLogout(std::string_view xml, const LogoutPolicy& policy, std::string_view rootName, ReadFields&& readFields,
                IsSigned&& isSigned, CheckSignature&& checkSignature)
    -> decltype(readFields(std::declval<const ProtocolMessage&>(), policy)) {
  auto message = detail::readProtocolMessage(xml, rootName);
  if (!message) return tl::unexpected(message.error());
  auto issuer = detail::checkIssuer(*message, policy.expectedIssuer);
  if (!issuer) return tl::unexpected(issuer.error());
  auto result = readFields(*message, policy);
  if (!result) return result;
  auto destination = detail::checkDestination(message->destination, policy.destination, isSigned(*message));
  if (!destination) return tl::unexpected(destination.error());
  auto expiresAt = detail::checkFreshness(message->issueInstant, {policy.now, policy.clockSkew, policy.maxAge});
  if (!expiresAt) return tl::unexpected(expiresAt.error());
  auto verified = checkSignature(*message);
  if (!verified) return tl::unexpected(verified.error());
  result->signatureVerified = *verified;
  auto fresh = detail::rememberOnce(policy.rememberId, message->id, *expiresAt);
  if (!fresh) return tl::unexpected(fresh.error());
  return result;
}

template <typename ReadFields>
auto readRedirect(const RedirectMessage& redirect, const LogoutPolicy& policy, std::string_view rootName,
                  ReadFields&& readFields) {
  return readLogout(
      redirect.xml, policy, rootName, readFields,
      [&](const ProtocolMessage&) { return redirect.signature.has_value(); },
      [&](const ProtocolMessage&) {
        return detail::checkQuerySignature(redirect, policy.peerCertificate, policy.requireSignature);
      });
}

template <typename ReadFields>
auto readPost(std::string_view xml, const LogoutPolicy& policy, std::string_view rootName, ReadFields&& readFields) {
  return readLogout(
      xml, policy, rootName, readFields,
      [](const ProtocolMessage& parsed) { return detail::findSignature(parsed.root) != nullptr; },
      [&](const ProtocolMessage& parsed) {
        return detail::checkRootSignature(parsed, policy.peerCertificate, policy.requireSignature);
      });
}

}  // namespace

tl::expected<BuiltMessage, Error> buildLogoutRequest(const LogoutRequestSpec& spec) {
  if (spec.issuer.empty() || spec.destination.empty() || spec.nameId.empty()) {
    return fail(Errc::MissingField, "issuer, destination and NameID are required");
  }
  auto id = detail::newMessageId();
  if (!id) return tl::unexpected(id.error());
  detail::MessageWriter b = detail::startMessage("LogoutRequest", *id, spec.now, spec.destination, spec.issuer);
  detail::setAttribute(b.root, "NotOnOrAfter", detail::formatInstant(spec.now + spec.lifetime));
  xmlNodePtr nameId = detail::addTextChild(b.root, b.saml, "NameID", spec.nameId);
  detail::setAttribute(nameId, "Format", nameIdFormatUri(spec.nameIdFormat));
  for (const auto& index : spec.sessionIndexes) detail::addTextChild(b.root, b.samlp, "SessionIndex", index);
  return detail::finishMessage(b, std::move(*id));
}

tl::expected<BuiltMessage, Error> buildLogoutResponse(const LogoutResponseSpec& spec) {
  if (spec.issuer.empty() || spec.destination.empty() || spec.statusCode.empty()) {
    return fail(Errc::MissingField, "issuer, destination and status code are required");
  }
  auto id = detail::newMessageId();
  if (!id) return tl::unexpected(id.error());
  detail::MessageWriter b = detail::startMessage("LogoutResponse", *id, spec.now, spec.destination, spec.issuer);
  if (!spec.inResponseTo.empty()) detail::setAttribute(b.root, "InResponseTo", spec.inResponseTo);
  xmlNodePtr status = xmlNewChild(b.root, b.samlp, BAD_CAST "Status", nullptr);
  xmlNodePtr code = xmlNewChild(status, b.samlp, BAD_CAST "StatusCode", nullptr);
  detail::setAttribute(code, "Value", spec.statusCode);
  return detail::finishMessage(b, std::move(*id));
}

tl::expected<LogoutRequest, Error> readRedirectLogoutRequest(const RedirectMessage& message,
                                                             const LogoutPolicy& policy) {
  return readRedirect(message, policy, "LogoutRequest", readRequestFields);
}

tl::expected<LogoutResponse, Error> readRedirectLogoutResponse(const RedirectMessage& message,
                                                               const LogoutPolicy& policy) {
  return readRedirect(message, policy, "LogoutResponse", readResponseFields);
}

tl::expected<LogoutRequest, Error> readPostLogoutRequest(std::string_view xml, const LogoutPolicy& policy) {
  return readPost(xml, policy, "LogoutRequest", readRequestFields);
}

tl::expected<LogoutResponse, Error> readPostLogoutResponse(std::string_view xml, const LogoutPolicy& policy) {
  return readPost(xml, policy, "LogoutResponse", readResponseFields);
}

}  // namespace authcore::saml
