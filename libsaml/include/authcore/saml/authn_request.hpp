// SPDX-License-Identifier: Apache-2.0
// Reading and checking an SP's samlp:AuthnRequest at the IdP (SSO profile).
#pragma once

#include <authcore/saml/credential.hpp>
#include <authcore/saml/error.hpp>
#include <authcore/saml/redirect_binding.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authcore::saml {

/// An AuthnRequest that passed every check of its AuthnRequestPolicy.
struct AuthnRequest {
  std::string id;                                        ///< the request's ID (for InResponseTo)
  std::string issuer;                                    ///< the SP entity ID
  std::chrono::system_clock::time_point issueInstant;    ///< when the SP issued it
  std::optional<std::string> destination;                ///< Destination, if present
  std::optional<std::string> assertionConsumerServiceUrl; ///< AssertionConsumerServiceURL, if present
  std::optional<std::string> protocolBinding;            ///< ProtocolBinding, if present
  std::optional<std::string> nameIdPolicyFormat;         ///< NameIDPolicy Format, if present
  bool allowCreate = false;                              ///< NameIDPolicy AllowCreate
  bool forceAuthn = false;                               ///< ForceAuthn
  bool isPassive = false;                                ///< IsPassive
  bool signatureVerified = false;                        ///< a signature was present and verified
};

/// What the IdP expects of a request from one SP.
struct AuthnRequestPolicy {
  std::string expectedIssuer;  ///< the SP entity ID configured
  std::string ssoUrl;          ///< our SSO endpoint: Destination, when present, must equal it (required when signed)
  std::string acsUrl;          ///< configured ACS URL: AssertionConsumerServiceURL, when present, must equal it
  std::chrono::system_clock::time_point now;  ///< the current time (injected clock)
  std::chrono::seconds clockSkew{60};         ///< tolerated clock difference
  std::chrono::seconds maxAge{300};  ///< IssueInstant must be within [now - maxAge - skew, now + skew]
  std::optional<Certificate> spCertificate;  ///< when set, any signature present must verify with it
  bool requireSignature = false;             ///< true: unsigned → SignatureMissing
  /// Records an ID until `expiresAt`; false = seen before → Replayed. May be empty.
  std::function<bool(const std::string& id, std::chrono::system_clock::time_point expiresAt)> rememberId;
};

/// Reads an AuthnRequest from the HTTP-Redirect binding; its signature is the
/// query signature. Checks, in order: root element and Version, ID, IssueInstant,
/// Issuer (UnknownIssuer), ACS URL and Destination (DestinationMismatch; MissingField
/// for a signed request without Destination), freshness (Expired), signature
/// (SignatureMissing/SignatureInvalid/UnsupportedAlgorithm), then rememberId
/// (Replayed), so a forged request never burns an ID. Parse errors as XmlDocument.
tl::expected<AuthnRequest, Error> readRedirectAuthnRequest(const RedirectMessage& message,
                                                           const AuthnRequestPolicy& policy);

/// Reads an AuthnRequest from the HTTP-POST binding (the decoded XML); its
/// signature is the enveloped ds:Signature directly on the root, which must
/// reference the root's ID. Same checks and errors as readRedirectAuthnRequest,
/// plus DuplicateId for repeated IDs.
tl::expected<AuthnRequest, Error> readPostAuthnRequest(std::string_view xml, const AuthnRequestPolicy& policy);

}  // namespace authcore::saml
