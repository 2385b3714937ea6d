// SPDX-License-Identifier: Apache-2.0
// The checks every inbound SAML protocol message shares (private to libsaml).
#pragma once

#include <authcore/saml/credential.hpp>
#include <authcore/saml/error.hpp>
#include <authcore/saml/redirect_binding.hpp>

#include "core/hardened_parser.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authcore::saml::detail {

/// A parsed samlp message with the header fields every request and response has.
struct ProtocolMessage {
  XmlDocPtr doc;
  xmlNodePtr root = nullptr;
  std::string id;
  std::string issuer;
  std::chrono::system_clock::time_point issueInstant;
  std::optional<std::string> destination;
};

/// Parses `xml` hardened, registers its IDs (DuplicateId), and reads the header:
/// root samlp:`rootName` with Version 2.0 (UnexpectedMessage), ID, IssueInstant
/// and a direct saml:Issuer child (MissingField; Malformed for a bad dateTime).
tl::expected<ProtocolMessage, Error> readProtocolMessage(std::string_view xml, std::string_view rootName);

/// UnknownIssuer unless the Issuer equals `expected`.
tl::expected<void, Error> checkIssuer(const ProtocolMessage& message, const std::string& expected);

/// A URL attribute, when present, must equal `expected` (DestinationMismatch); a
/// signed message must carry its Destination (MissingField).
tl::expected<void, Error> checkDestination(const std::optional<std::string>& destination,
                                           const std::string& expected, bool signedMessage);

/// The window a message is acceptable in, from a policy.
struct Freshness {
  std::chrono::system_clock::time_point now;
  std::chrono::seconds clockSkew;
  std::chrono::seconds maxAge;
};

/// Expired unless IssueInstant is within [now - maxAge - skew, now + skew];
/// returns how long its ID must be remembered (IssueInstant + maxAge + skew).
tl::expected<std::chrono::system_clock::time_point, Error> checkFreshness(
    std::chrono::system_clock::time_point issueInstant, const Freshness& window);

/// The query signature per policy: verified with `cert` when both are present
/// (true), ignored without a certificate (false), SignatureMissing when
/// `required` and absent or when nothing is configured to verify it.
tl::expected<bool, Error> checkQuerySignature(const RedirectMessage& message,
                                              const std::optional<Certificate>& cert, bool required);

/// The enveloped signature on the root, with the same rules as checkQuerySignature.
tl::expected<bool, Error> checkRootSignature(const ProtocolMessage& message,
                                             const std::optional<Certificate>& cert, bool required);

/// Replayed when `remember` reports the ID as seen; an empty function accepts.
tl::expected<void, Error> rememberOnce(
    const std::function<bool(const std::string&, std::chrono::system_clock::time_point)>& remember,
    const std::string& id, std::chrono::system_clock::time_point expiresAt);

}  // namespace authcore::saml::detail
