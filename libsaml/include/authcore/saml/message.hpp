// SPDX-License-Identifier: Apache-2.0
// A SAML protocol message we built, shared by the request and logout builders.
#pragma once

#include <string>

namespace authcore::saml {

/// A message we built and the ID we gave it.
struct BuiltMessage {
  std::string xml;  ///< the serialised message (UTF-8, with XML declaration)
  std::string id;   ///< its ID ("_" + 32 random hex digits)
};

}  // namespace authcore::saml
