// SPDX-License-Identifier: Apache-2.0
// A hardened parse of untrusted XML and the text reads SAML needs from it.
#pragma once

#include <authcore/saml/error.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authcore::saml {

/// Resource limits for parsing untrusted XML.
struct ParseLimits {
  std::size_t maxBytes = 1024 * 1024;  ///< largest input in bytes
  std::size_t maxDepth = 64;           ///< deepest element nesting (the root is depth 1)
  std::size_t maxNodes = 20000;        ///< most nodes of any kind (elements, text, comments, ...)
};

/// A parsed, well-formed XML document without any DTD. Move-only; must not
/// outlive the Library.
class XmlDocument {
public:
  /// Parses untrusted XML. Requires a live Library. Never fetches anything from
  /// the network or disk and never expands entities: a document with a DOCTYPE is
  /// refused as soon as the parser reaches it (DtdForbidden), before any entity
  /// declaration is read. Returns Malformed (with libxml2's reason) for empty or
  /// ill-formed input, TooLarge / TooDeep / TooManyNodes past the limits.
  static tl::expected<XmlDocument, Error> parse(std::string_view xml, ParseLimits limits = {});

  XmlDocument(XmlDocument&&) noexcept;
  XmlDocument& operator=(XmlDocument&&) noexcept;
  ~XmlDocument();

  /// Local name of the root element, e.g. "Response".
  std::string rootName() const;

  /// Namespace URI of the root element, empty if it has none.
  std::string rootNamespace() const;

  /// The complete text of the first element (document order) with this local
  /// name and namespace URI (empty for no namespace): all descendant text and
  /// CDATA concatenated, skipping comments and processing instructions, so that
  /// `user@evil.com<!---->.good.com` reads whole (the CVE-2017-11427 class).
  /// Empty optional if there is no such element.
  std::optional<std::string> canonicalText(const std::string& elementLocalName,
                                           const std::string& ns) const;

private:
  struct Impl;
  explicit XmlDocument(std::unique_ptr<Impl> impl);

  std::unique_ptr<Impl> impl_;
};

}  // namespace authcore::saml
