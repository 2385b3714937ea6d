// SPDX-License-Identifier: Apache-2.0
// NameID formats and the SAML URIs that name them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace authcore::saml {

/// The NameID formats an AuthCore IdP issues.
enum class NameIdFormat {
  EmailAddress,  ///< urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress
  Persistent,    ///< urn:oasis:names:tc:SAML:2.0:nameid-format:persistent (opaque, stable per SP)
  Transient,     ///< urn:oasis:names:tc:SAML:2.0:nameid-format:transient (new per login)
  Unspecified,   ///< urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified
};

/// The URI of a format.
std::string nameIdFormatUri(NameIdFormat format);

/// The format a URI names; empty for any other URI.
std::optional<NameIdFormat> parseNameIdFormat(std::string_view uri);

}  // namespace authcore::saml
