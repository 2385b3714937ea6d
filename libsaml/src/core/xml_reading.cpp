// SPDX-License-Identifier: Apache-2.0
// Reading SAML elements and attributes from a libxml2 tree.
#include "core/xml_reading.hpp"

#include "core/xml_tree.hpp"

#include <memory>

namespace authcore::saml::detail {

namespace {

std::string_view view(const xmlChar* text) {
  return text != nullptr ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}

}  // namespace

bool isElement(const xmlNode* node, std::string_view localName, std::string_view ns) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE || view(node->name) != localName) return false;
  return (node->ns != nullptr ? view(node->ns->href) : std::string_view()) == ns;
}

std::vector<xmlNodePtr> childElements(xmlNodePtr parent, std::string_view localName,
                                      std::string_view ns) {
  std::vector<xmlNodePtr> found;
  for (xmlNodePtr child = parent->children; child != nullptr; child = child->next) {
    if (isElement(child, localName, ns)) found.push_back(child);
  }
  return found;
}

xmlNodePtr firstChildElement(xmlNodePtr parent, std::string_view localName, std::string_view ns) {
  for (xmlNodePtr child = parent->children; child != nullptr; child = child->next) {
    if (isElement(child, localName, ns)) return child;
  }
  return nullptr;
}

std::optional<std::string> attributeValue(xmlNodePtr element, const char* name) {
  xmlAttrPtr attr = xmlHasNsProp(element, BAD_CAST name, nullptr);
  if (attr == nullptr) return std::nullopt;
  std::unique_ptr<xmlChar, decltype(xmlFree)> value(xmlNodeListGetString(element->doc, attr->children, 1),
                                                    xmlFree);
  return value != nullptr ? std::string(view(value.get())) : std::string();
}

std::string elementText(xmlNodePtr element) {
  std::string text;
  walkSubtree(element, [&text](xmlNodePtr node) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) text += view(node->content);
    return true;
  });
  return text;
}

std::optional<bool> parseXsBoolean(std::string_view text) {
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  return std::nullopt;
}

}  // namespace authcore::saml::detail
