// SPDX-License-Identifier: Apache-2.0
// Reading and checking an SP's samlp:AuthnRequest at the IdP (SSO profile).
#include <authcore/saml/authn_request.hpp>

#include "core/xml_reading.hpp"
#include "core/xml_verifier.hpp"
#include "profile/protocol_message.hpp"

namespace authcore::saml {

namespace {

using detail::ProtocolMessage;

tl::expected<bool, Error> readBoolean(xmlNodePtr element, const char* name) {
  const auto value = detail::attributeValue(element, name);
  if (!value) return false;
  const auto parsed = detail::parseXsBoolean(*value);
  if (!parsed) return tl::unexpected(Error{Errc::UnexpectedMessage, std::string(name) + " is not an xs:boolean"});
  return *parsed;
}

// The fields beyond the common header; booleans must be well-formed.
tl::expected<AuthnRequest, Error> readFields(const ProtocolMessage& message) {
  AuthnRequest request;
  request.id = message.id;
  request.issuer = message.issuer;
  request.issueInstant = message.issueInstant;
  request.destination = message.destination;
  request.assertionConsumerServiceUrl = detail::attributeValue(message.root, "AssertionConsumerServiceURL");
  request.protocolBinding = detail::attributeValue(message.root, "ProtocolBinding");
  auto forceAuthn = readBoolean(message.root, "ForceAuthn");
  auto isPassive = readBoolean(message.root, "IsPassive");
  if (!forceAuthn || !isPassive) return tl::unexpected(!forceAuthn ? forceAuthn.error() : isPassive.error());
  request.forceAuthn = *forceAuthn;
  request.isPassive = *isPassive;
  if (xmlNodePtr policy = detail::firstChildElement(message.root, "NameIDPolicy", detail::kProtocolNs)) {
    request.nameIdPolicyFormat = detail::attributeValue(policy, "Format");
    auto allowCreate = readBoolean(policy, "AllowCreate");
    if (!allowCreate) return tl::unexpected(allowCreate.error());
    request.allowCreate = *allowCreate;
  }
  return request;
}

// Issuer, ACS URL, Destination and freshness: everything before the signature.
tl::expected<std::chrono::system_clock::time_point, Error> checkBeforeSignature(
    const ProtocolMessage& message, const AuthnRequest& request, const AuthnRequestPolicy& policy,
    bool signedMessage) {
  auto issuer = detail::checkIssuer(message, policy.expectedIssuer);
  if (!issuer) return tl::unexpected(issuer.error());
  if (request.assertionConsumerServiceUrl && *request.assertionConsumerServiceUrl != policy.acsUrl) {
    return tl::unexpected(Error{Errc::DestinationMismatch, "AssertionConsumerServiceURL is not the configured ACS"});
  }
  auto destination = detail::checkDestination(request.destination, policy.ssoUrl, signedMessage);
  if (!destination) return tl::unexpected(destination.error());
  return detail::checkFreshness(request.issueInstant, {policy.now, policy.clockSkew, policy.maxAge});
}

// The shared sequence; `isSigned` and `checkSignature` are the binding's signature.
template <typename IsSigned, typename CheckSignature>
tl::expected<AuthnRequest, Error> readAuthnRequest(std::string_view xml, const AuthnRequestPolicy& policy,
                                                   IsSigned&& isSigned, CheckSignature&& checkSignature) {
  auto message = detail::readProtocolMessage(xml, "AuthnRequest");
  if (!message) return tl::unexpected(message.error());
  auto request = readFields(*message);
  if (!request) return request;
  auto expiresAt = checkBeforeSignature(*message, *request, policy, isSigned(*message));
  if (!expiresAt) return tl::unexpected(expiresAt.error());
  auto verified = checkSignature(*message);
  if (!verified) return tl::unexpected(verified.error());
  request->signatureVerified = *verified;
  auto fresh = detail::rememberOnce(policy.rememberId, request->id, *expiresAt);
  if (!fresh) return tl::unexpected(fresh.error());
  return request;
}

}  // namespace

tl::expected<AuthnRequest, Error> readRedirectAuthnRequest(const RedirectMessage& message,
                                                           const AuthnRequestPolicy& policy) {
  const auto isSigned = [&](const ProtocolMessage&) { return message.signature.has_value(); };
  return readAuthnRequest(message.xml, policy, isSigned, [&](const ProtocolMessage&) {
    return detail::checkQuerySignature(message, policy.spCertificate, policy.requireSignature);
  });
}

tl::expected<AuthnRequest, Error> readPostAuthnRequest(std::string_view xml, const AuthnRequestPolicy& policy) {
  const auto isSigned = [](const ProtocolMessage& parsed) { return detail::findSignature(parsed.root) != nullptr; };
  return readAuthnRequest(xml, policy, isSigned, [&](const ProtocolMessage& parsed) {
    return detail::checkRootSignature(parsed, policy.spCertificate, policy.requireSignature);
  });
}

}  // namespace authcore::saml
