// SPDX-License-Identifier: Apache-2.0
// NameID formats and the SAML URIs that name them.
#include <authcore/saml/name_id.hpp>

#include <array>
#include <utility>

namespace authcore::saml {

namespace {

constexpr std::array<std::pair<NameIdFormat, std::string_view>, 4> kFormats{{
    {NameIdFormat::EmailAddress, "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"},
    {NameIdFormat::Persistent, "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"},
    {NameIdFormat::Transient, "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"},
    {NameIdFormat::Unspecified, "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"},
}};

}  // namespace

std::string nameIdFormatUri(NameIdFormat format) {
  for (const auto& [value, uri] : kFormats) {
    if (value == format) return std::string(uri);
  }
  return std::string(kFormats.back().second);
}

std::optional<NameIdFormat> parseNameIdFormat(std::string_view uri) {
  for (const auto& [value, text] : kFormats) {
    if (text == uri) return value;
  }
  return std::nullopt;
}

}  // namespace authcore::saml
