// SPDX-License-Identifier: Apache-2.0
// Single Logout over the HTTP-Redirect binding: building and reading LogoutRequest/LogoutResponse.
#pragma once

#include <authcore/saml/credential.hpp>
#include <authcore/saml/error.hpp>
#include <authcore/saml/message.hpp>
#include <authcore/saml/name_id.hpp>
#include <authcore/saml/redirect_binding.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace authcore::saml {

/// A LogoutRequest that passed every check of its LogoutPolicy.
struct LogoutRequest {
  std::string id;                                                     ///< the request's ID
  std::string issuer;                                                 ///< the peer's entity ID
  std::optional<std::string> destination;                             ///< Destination, if present
  std::chrono::system_clock::time_point issueInstant;                 ///< when it was issued
  std::optional<std::chrono::system_clock::time_point> notOnOrAfter;  ///< NotOnOrAfter, if present
  std::string nameId;                                                 ///< the NameID to log out
  std::optional<std::string> nameIdFormat;                            ///< the NameID's Format, if present
  std::vector<std::string> sessionIndexes;                            ///< SessionIndex values, in order
  bool signatureVerified = false;                                     ///< a signature was present and verified
};

/// What to put into a LogoutRequest we send.
struct LogoutRequestSpec {
  std::string issuer;                         ///< our entity ID
  std::string destination;                    ///< the peer's SLO endpoint
  std::string nameId;                         ///< the subject's NameID
  NameIdFormat nameIdFormat;                  ///< its format
  std::vector<std::string> sessionIndexes;    ///< sessions to end (none = all)
  std::chrono::system_clock::time_point now;  ///< IssueInstant (injected clock)
  std::chrono::seconds lifetime{300};         ///< NotOnOrAfter = now + lifetime
};

/// A LogoutResponse that passed every check of its LogoutPolicy.
struct LogoutResponse {
  std::string id;                           ///< the response's ID
  std::string issuer;                       ///< the peer's entity ID
  std::optional<std::string> destination;   ///< Destination, if present
  std::optional<std::string> inResponseTo;  ///< the LogoutRequest it answers, if stated
  std::string statusCode;                   ///< top-level StatusCode Value
  bool success = false;                     ///< statusCode is urn:...:status:Success
  bool signatureVerified = false;           ///< a signature was present and verified
};

/// What to put into a LogoutResponse we send.
struct LogoutResponseSpec {
  std::string issuer;                         ///< our entity ID
  std::string destination;                    ///< the peer's SLO endpoint
  std::string inResponseTo;                   ///< the ID of the request answered
  std::chrono::system_clock::time_point now;  ///< IssueInstant (injected clock)
  std::string statusCode = "urn:oasis:names:tc:SAML:2.0:status:Success";  ///< top-level status
};

/// What we expect of a logout message from one peer.
struct LogoutPolicy {
  std::string expectedIssuer;                 ///< the peer's entity ID
  std::string destination;                    ///< our SLO endpoint: Destination, when present, must equal it
  std::chrono::system_clock::time_point now;  ///< the current time (injected clock)
  std::chrono::seconds clockSkew{60};         ///< tolerated clock difference
  std::chrono::seconds maxAge{300};           ///< IssueInstant within [now - maxAge - skew, now + skew]
  std::optional<Certificate> peerCertificate; ///< when set, any signature present must verify with it
  bool requireSignature = false;              ///< true: unsigned → SignatureMissing
  /// Records an ID until the time given; false = seen before → Replayed. May be empty.
  std::function<bool(const std::string&, std::chrono::system_clock::time_point)> rememberId;
};

/// Builds a LogoutRequest (unsigned XML; sign it with encodeRedirect).
/// MissingField for an empty issuer, destination or NameID; CryptoFailure.
tl::expected<BuiltMessage, Error> buildLogoutRequest(const LogoutRequestSpec& spec);

/// Builds a LogoutResponse (unsigned XML; sign it with encodeRedirect).
/// MissingField for an empty issuer, destination or status code; CryptoFailure.
tl::expected<BuiltMessage, Error> buildLogoutResponse(const LogoutResponseSpec& spec);

/// Reads a LogoutRequest from the HTTP-Redirect binding. Checks, in order: root
/// and Version, ID, IssueInstant, Issuer (UnknownIssuer), NotOnOrAfter (Expired
/// once past, plus skew), NameID (MissingField), Destination (DestinationMismatch;
/// MissingField if signed without one), IssueInstant freshness (Expired), query
/// signature, then rememberId (Replayed).
tl::expected<LogoutRequest, Error> readRedirectLogoutRequest(const RedirectMessage& message,
                                                             const LogoutPolicy& policy);

/// Reads a LogoutResponse from the HTTP-Redirect binding, with the same checks as
/// readRedirectLogoutRequest (MissingField for a missing StatusCode instead of NameID).
/// A non-Success status is returned with success = false, not as an error.
tl::expected<LogoutResponse, Error> readRedirectLogoutResponse(const RedirectMessage& message,
                                                               const LogoutPolicy& policy);

/// Reads a LogoutRequest from the HTTP-POST binding (the decoded XML): the same
/// checks as readRedirectLogoutRequest, the signature being the enveloped
/// ds:Signature on the root (DuplicateId for repeated IDs).
tl::expected<LogoutRequest, Error> readPostLogoutRequest(std::string_view xml, const LogoutPolicy& policy);

/// Reads a LogoutResponse from the HTTP-POST binding, as readPostLogoutRequest.
tl::expected<LogoutResponse, Error> readPostLogoutResponse(std::string_view xml, const LogoutPolicy& policy);

}  // namespace authcore::saml
