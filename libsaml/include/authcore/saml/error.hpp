// SPDX-License-Identifier: Apache-2.0
// Why libsaml refused its input.
#pragma once

#include <string>

namespace authcore::saml {

/// Reasons a SAML or XML input is refused, or an output could not be produced.
enum class Errc {
  NotInitialised,        ///< no authcore::saml::Library is alive, so libxml2 is not hardened yet
  TooLarge,              ///< the input (or its inflated form) has more bytes than allowed
  Malformed,             ///< empty or not well-formed XML; the message carries libxml2's reason and line
  DtdForbidden,          ///< the document has a DOCTYPE (internal or external subset), never valid in SAML
  TooDeep,               ///< elements nest deeper than ParseLimits::maxDepth
  TooManyNodes,          ///< the document has more nodes than ParseLimits::maxNodes
  BindingInvalid,        ///< bad base64, DEFLATE, missing or repeated binding parameter
  UnexpectedMessage,     ///< well-formed XML but not the SAML element expected (wrong root, namespace, version)
  MissingField,          ///< a required element or attribute is absent or empty
  DuplicateId,           ///< two elements carry the same ID (a signature-wrapping signal)
  SignatureMissing,      ///< a signature is required by policy and there is none
  SignatureInvalid,      ///< a signature or digest does not verify, or covers the wrong element
  UnsupportedAlgorithm,  ///< SHA-1 or another algorithm we refuse (only RSA/ECDSA with SHA-256+)
  UnknownIssuer,         ///< the Issuer is not the configured peer
  DestinationMismatch,   ///< Destination, ACS URL or Recipient differ from the expected URL
  Expired,               ///< IssueInstant/NotBefore/NotOnOrAfter outside the allowed window
  Replayed,              ///< the message ID was seen before
  InvalidKey,            ///< a key or certificate could not be read, or they do not match
  CryptoFailure,         ///< OpenSSL or xmlsec failed while producing output (not caused by input)
  StatusNotSuccess,      ///< a Response whose top-level StatusCode is not Success (the IdP refused or failed)
  AudienceMismatch,      ///< an AudienceRestriction does not name our SP entity ID
  RequestUnknown,        ///< InResponseTo names no request we sent and have not consumed, or an unsolicited response was refused
};

/// A refusal: the reason and a message for logs (never echoes entity contents).
struct Error {
  Errc code = Errc::Malformed;
  std::string message;
};

/// A short stable name for an Errc, e.g. "signature_invalid" (for logs and metrics).
const char* errcName(Errc code) noexcept;

}  // namespace authcore::saml
