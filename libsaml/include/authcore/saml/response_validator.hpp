// SPDX-License-Identifier: Apache-2.0
// The SP half of Web Browser SSO: validating an IdP's samlp:Response.
#pragma once

#include <authcore/saml/credential.hpp>
#include <authcore/saml/error.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace authcore::saml {

/// What an SP may trust after validation: every field is read from an element a
/// configured IdP certificate's signature covers.
struct Assertion {
  std::string issuer;                         ///< the Assertion's Issuer (= ResponsePolicy::expectedIssuer)
  std::string nameId;                         ///< Subject/NameID text, comments skipped but text kept whole
  std::optional<std::string> nameIdFormat;    ///< NameID@Format, if present
  std::optional<std::string> sessionIndex;    ///< AuthnStatement@SessionIndex, if present
  /// The earliest of the bearer SubjectConfirmationData's and the Conditions' NotOnOrAfter.
  std::chrono::system_clock::time_point notOnOrAfter;
  std::optional<std::chrono::system_clock::time_point> sessionNotOnOrAfter;  ///< AuthnStatement@SessionNotOnOrAfter
  /// Attribute Name -> AttributeValue texts, in document order (EncryptedAttribute is skipped).
  std::vector<std::pair<std::string, std::vector<std::string>>> attributes;
  std::string assertionId;                    ///< Assertion@ID (the replay-cache key)
  std::string responseId;                     ///< Response@ID (for logs; signed only when the Response is)
  std::optional<std::string> inResponseTo;    ///< the AuthnRequest ID answered; empty when unsolicited
};

/// What the SP expects of a Response from one IdP.
struct ResponsePolicy {
  std::string expectedIssuer;                ///< IdP entity ID: Response Issuer (if present) and Assertion Issuer
  std::vector<Certificate> idpCertificates;  ///< configured IdP signing certificates (rollover); never from the message
  std::string spEntityId;                    ///< every AudienceRestriction must contain it
  std::string acsUrl;                        ///< Destination (when present) and Recipient must equal it
  std::chrono::system_clock::time_point now;  ///< the current time (injected clock)
  std::chrono::seconds clockSkew{60};         ///< tolerated clock difference on every time check
  bool allowUnsolicited = false;              ///< accept IdP-initiated responses (no InResponseTo)
  /// Consumes a request ID this SP sent: false when unknown or already consumed.
  /// Required whenever a response carries InResponseTo.
  std::function<bool(const std::string& requestId)> consumeRequestId;
  /// Replay cache: records the assertion ID until `expiresAt`; false when seen
  /// before. Required (a policy without it refuses every response, Replayed).
  std::function<bool(const std::string& assertionId, std::chrono::system_clock::time_point expiresAt)>
      rememberAssertionId;
};

/// Validates a decoded samlp:Response (the XML of the HTTP-POST binding).
/// Requires a live Library (NotInitialised). Parse errors as XmlDocument::parse,
/// DuplicateId for repeated IDs. Then, in order:
/// - root samlp:Response, Version 2.0, with ID and IssueInstant (UnexpectedMessage,
///   MissingField, Malformed); Status Success (StatusNotSuccess);
/// - no EncryptedAssertion and exactly one saml:Assertion as a direct child
///   of the Response (UnexpectedMessage);
/// - signatures: only directly on the Response or on that Assertion; each
///   verifies with one of idpCertificates (SignatureInvalid, UnsupportedAlgorithm
///   for SHA-1); at least one covers the assertion (SignatureMissing);
/// - Issuers (UnknownIssuer), Destination (DestinationMismatch; MissingField if
///   the Response is signed without one), bearer SubjectConfirmationData with
///   Recipient (DestinationMismatch), its NotOnOrAfter, Conditions NotBefore /
///   NotOnOrAfter and SessionNotOnOrAfter within skew (Expired), its InResponseTo
///   equal to the Response's (RequestUnknown), Audience (AudienceMismatch),
///   NameID and AuthnStatement (MissingField);
/// - unsolicited without allowUnsolicited (RequestUnknown);
/// - last, so that no refused response burns an ID: rememberAssertionId
///   (Replayed), then consumeRequestId (RequestUnknown).
/// Every value is read from the verified elements, never by a document-wide search.
tl::expected<Assertion, Error> validateResponse(std::string_view responseXml, const ResponsePolicy& policy);

}  // namespace authcore::saml
