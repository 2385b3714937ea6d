// SPDX-License-Identifier: Apache-2.0
// Our SAML 2.0 SP metadata (EntityDescriptor with an SPSSODescriptor), for an IdP to import.
#pragma once

#include <authcore/saml/credential.hpp>
#include <authcore/saml/error.hpp>
#include <authcore/saml/name_id.hpp>

#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace authcore::saml {

/// What the SP publishes about itself to an identity provider.
struct SpMetadataSpec {
  std::string entityId;  ///< EntityDescriptor@entityID
  std::string acsUrl;    ///< AssertionConsumerService Location (HTTP-POST, index 0, default)
  std::string sloUrl;    ///< SingleLogoutService Location (HTTP-Redirect); omitted when empty
  std::vector<Certificate> signingCertificates;  ///< active first, then a staged next one (rollover)
  bool authnRequestsSigned = true;               ///< SPSSODescriptor@AuthnRequestsSigned
  bool wantAssertionsSigned = true;              ///< SPSSODescriptor@WantAssertionsSigned
  std::vector<NameIdFormat> nameIdFormats;       ///< NameIDFormat list, in this order
};

/// Serialises the metadata (UTF-8 XML with a declaration, unsigned): an
/// md:EntityDescriptor holding one md:SPSSODescriptor for SAML 2.0
/// (AuthnRequestsSigned, WantAssertionsSigned) with, in schema order, one
/// KeyDescriptor use="signing" per certificate, SingleLogoutService,
/// NameIDFormat and AssertionConsumerService (HTTP-POST, index 0, isDefault).
/// MissingField for an empty entityId or acsUrl, or no certificate while
/// authnRequestsSigned; NotInitialised without a Library; CryptoFailure if libxml2 fails.
tl::expected<std::string, Error> buildSpMetadata(const SpMetadataSpec& spec);

}  // namespace authcore::saml
