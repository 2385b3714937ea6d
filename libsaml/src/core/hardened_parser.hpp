// SPDX-License-Identifier: Apache-2.0
// libxml2 parse of untrusted XML with DTDs refused and limits enforced (private).
#pragma once

#include <authcore/saml/error.hpp>
#include <authcore/saml/xml_document.hpp>

#include <libxml/tree.h>

#include <memory>
#include <string_view>

#include <tl/expected.hpp>

namespace authcore::saml::detail {

/// Frees a libxml2 document.
struct XmlDocFree {
  void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
};

/// An owned libxml2 document.
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

/// Parses `xml` with the hardened settings XmlDocument::parse documents.
tl::expected<XmlDocPtr, Error> parseHardened(std::string_view xml, const ParseLimits& limits);

}  // namespace authcore::saml::detail
