// SPDX-License-Identifier: Apache-2.0
// Why libsaml refused its input.
#pragma once

#include <string>

namespace authcore::saml {

/// Reasons a SAML or XML input is refused.
enum class Errc {
  NotInitialised,  ///< no authcore::saml::Library is alive, so libxml2 is not hardened yet
  TooLarge,        ///< the input has more bytes than ParseLimits::maxBytes
  Malformed,       ///< empty or not well-formed XML; the message carries libxml2's reason and line
  DtdForbidden,    ///< the document has a DOCTYPE (internal or external subset), never valid in SAML
  TooDeep,         ///< elements nest deeper than ParseLimits::maxDepth
  TooManyNodes,    ///< the document has more nodes than ParseLimits::maxNodes
};

/// A refusal: the reason and a message for logs (never echoes entity contents).
struct Error {
  Errc code = Errc::Malformed;
  std::string message;
};

}  // namespace authcore::saml
