// SPDX-License-Identifier: Apache-2.0
// Registration of SAML `ID` attributes as XML IDs.
#include "core/xml_ids.hpp"

#include "core/xml_tree.hpp"

#include <libxml/valid.h>

#include <memory>

namespace authcore::saml::detail {

tl::expected<void, Error> registerSamlIds(xmlDocPtr doc) {
  xmlNodePtr root = xmlDocGetRootElement(doc);
  if (root == nullptr) return tl::unexpected(Error{Errc::Malformed, "the document has no root element"});
  tl::expected<void, Error> outcome;
  walkSubtree(root, [&](xmlNodePtr node) {
    if (node->type != XML_ELEMENT_NODE) return true;
    xmlAttrPtr attr = xmlHasNsProp(node, BAD_CAST "ID", nullptr);
    if (attr == nullptr) return true;
    std::unique_ptr<xmlChar, decltype(xmlFree)> value(xmlNodeListGetString(doc, attr->children, 1), xmlFree);
    if (value == nullptr || *value == '\0') {
      outcome = tl::unexpected(Error{Errc::MissingField, "an ID attribute is empty"});
      return false;
    }
    if (xmlGetID(doc, value.get()) != nullptr) {
      outcome = tl::unexpected(Error{Errc::DuplicateId, "two elements share one ID"});
      return false;
    }
    if (xmlAddID(nullptr, doc, value.get(), attr) == nullptr) {
      outcome = tl::unexpected(Error{Errc::CryptoFailure, "xmlAddID failed"});
      return false;
    }
    return true;
  });
  return outcome;
}

}  // namespace authcore::saml::detail
