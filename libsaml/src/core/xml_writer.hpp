// SPDX-License-Identifier: Apache-2.0
// Building outbound SAML documents with the libxml2 tree API (private to libsaml).
#pragma once

#include <authcore/saml/error.hpp>

#include "core/saml_namespaces.hpp"

#include <libxml/tree.h>

#include <chrono>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authcore::saml::detail {

/// An instant as SAML's xs:dateTime in UTC to the second, e.g. "2026-11-23T01:30:18Z".
std::string formatInstant(std::chrono::system_clock::time_point instant);

/// A fresh message ID: "_" followed by 32 hex digits from OpenSSL's RAND_bytes;
/// empty if the generator fails.
std::string randomId();

/// Appends an element `ns:name` with `text` as escaped text content (never parsed as markup).
xmlNodePtr addTextChild(xmlNodePtr parent, xmlNsPtr ns, const char* name, std::string_view text);

/// Sets attribute `name` to `value` (escaped on output).
void setAttribute(xmlNodePtr node, const char* name, std::string_view value);

/// The document as UTF-8 text with an XML declaration, unformatted (signatures stay valid).
tl::expected<std::string, Error> serialize(xmlDocPtr doc);

}  // namespace authcore::saml::detail
