// SPDX-License-Identifier: Apache-2.0
// The common start of the protocol messages we send: root, ID, IssueInstant, Issuer (private).
#pragma once

#include <authcore/saml/error.hpp>
#include <authcore/saml/message.hpp>

#include "core/hardened_parser.hpp"

#include <libxml/tree.h>

#include <chrono>
#include <string>

#include <tl/expected.hpp>

namespace authcore::saml::detail {

/// A message under construction: the document, its root and the two namespaces.
struct MessageWriter {
  XmlDocPtr doc;
  xmlNodePtr root = nullptr;
  xmlNsPtr samlp = nullptr;
  xmlNsPtr saml = nullptr;
};

/// A fresh message ID; CryptoFailure when the random generator fails.
tl::expected<std::string, Error> newMessageId();

/// A document whose root samlp:`rootName` carries ID, Version 2.0, IssueInstant,
/// Destination and a saml:Issuer child (every value escaped on output).
MessageWriter startMessage(const char* rootName, const std::string& id, std::chrono::system_clock::time_point now,
                           const std::string& destination, const std::string& issuer);

/// The serialised message with its ID; CryptoFailure if libxml2 fails.
tl::expected<BuiltMessage, Error> finishMessage(const MessageWriter& writer, std::string id);

}  // namespace authcore::saml::detail
