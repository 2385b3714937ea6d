// SPDX-License-Identifier: Apache-2.0
// A hardened parse of untrusted XML and the text reads SAML needs from it.
#include <authcore/saml/xml_document.hpp>

#include <authcore/saml/library.hpp>

#include "core/hardened_parser.hpp"
#include "core/xml_tree.hpp"

namespace authcore::saml {

struct XmlDocument::Impl {
  detail::XmlDocPtr doc;
};

namespace {

std::string toString(const xmlChar* text) {
  return text != nullptr ? reinterpret_cast<const char*>(text) : "";
}

bool isElement(xmlNodePtr node, const std::string& localName, const std::string& ns) {
  if (node->type != XML_ELEMENT_NODE || toString(node->name) != localName) return false;
  const std::string href = node->ns != nullptr ? toString(node->ns->href) : "";
  return href == ns;
}

}  // namespace

tl::expected<XmlDocument, Error> XmlDocument::parse(std::string_view xml, ParseLimits limits) {
  // Without a Library the process-wide entity loader and defaults are not in place.
  if (!Library::alive()) {
    return tl::unexpected(Error{Errc::NotInitialised, "create an authcore::saml::Library first"});
  }
  auto doc = detail::parseHardened(xml, limits);
  if (!doc) return tl::unexpected(std::move(doc.error()));
  return XmlDocument(std::make_unique<Impl>(Impl{std::move(*doc)}));
}

XmlDocument::XmlDocument(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XmlDocument::XmlDocument(XmlDocument&&) noexcept = default;
XmlDocument& XmlDocument::operator=(XmlDocument&&) noexcept = default;
XmlDocument::~XmlDocument() = default;

std::string XmlDocument::rootName() const {
  const xmlNodePtr root = xmlDocGetRootElement(impl_->doc.get());
  return root != nullptr ? toString(root->name) : "";
}

std::string XmlDocument::rootNamespace() const {
  const xmlNodePtr root = xmlDocGetRootElement(impl_->doc.get());
  return root != nullptr && root->ns != nullptr ? toString(root->ns->href) : "";
}

std::optional<std::string> XmlDocument::canonicalText(const std::string& elementLocalName,
                                                      const std::string& ns) const {
  xmlNodePtr found = nullptr;
  detail::walkSubtree(xmlDocGetRootElement(impl_->doc.get()), [&](xmlNodePtr node) {
    if (isElement(node, elementLocalName, ns)) found = node;
    return found == nullptr;
  });
  if (found == nullptr) return std::nullopt;
  // Every text and CDATA descendant counts, not just the first text child: reading
  // only up to a comment is what let "user@evil.com<!---->.good.com" pass as
  // user@evil.com in CVE-2017-11427.
  std::string text;
  detail::walkSubtree(found, [&text](xmlNodePtr node) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      text += toString(node->content);
    }
    return true;
  });
  return text;
}

}  // namespace authcore::saml
