// SPDX-License-Identifier: Apache-2.0
// Reading SAML elements and attributes from a libxml2 tree (private to libsaml).
#pragma once

#include "core/saml_namespaces.hpp"

#include <libxml/tree.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authcore::saml::detail {

/// True if `node` is an element with this local name in this namespace URI.
bool isElement(const xmlNode* node, std::string_view localName, std::string_view ns);

/// The direct element children of `parent` with this name and namespace, in order.
/// Only direct children: a lookup never reaches into wrapped or nested content.
std::vector<xmlNodePtr> childElements(xmlNodePtr parent, std::string_view localName,
                                      std::string_view ns);

/// The first direct element child with this name and namespace, or nullptr.
xmlNodePtr firstChildElement(xmlNodePtr parent, std::string_view localName, std::string_view ns);

/// The value of the unqualified attribute `name`, or empty if absent.
std::optional<std::string> attributeValue(xmlNodePtr element, const char* name);

/// All text and CDATA below `element` concatenated, comments and processing
/// instructions skipped, so `a<!---->b` reads as "ab" (the CVE-2017-11427 class).
std::string elementText(xmlNodePtr element);

/// xs:boolean: "true"/"1" or "false"/"0"; empty for anything else.
std::optional<bool> parseXsBoolean(std::string_view text);

}  // namespace authcore::saml::detail
