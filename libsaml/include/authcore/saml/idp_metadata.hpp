// SPDX-License-Identifier: Apache-2.0
// The IdP's SAML 2.0 metadata (EntityDescriptor with an IDPSSODescriptor).
#pragma once

#include <authcore/saml/credential.hpp>
#include <authcore/saml/error.hpp>
#include <authcore/saml/name_id.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace authcore::saml {

/// What the IdP publishes about itself to service providers.
struct IdpMetadataSpec {
  std::string entityId;  ///< EntityDescriptor@entityID
  std::string ssoUrl;    ///< SingleSignOnService Location (HTTP-Redirect and HTTP-POST)
  std::string sloUrl;    ///< SingleLogoutService Location (HTTP-Redirect); omitted when empty
  std::vector<Certificate> signingCertificates;  ///< active first, then a staged next one (rollover)
  std::vector<NameIdFormat> nameIdFormats;       ///< NameIDFormat list, in this order
  bool wantAuthnRequestsSigned = false;          ///< IDPSSODescriptor@WantAuthnRequestsSigned
  std::optional<std::chrono::system_clock::time_point> validUntil;  ///< EntityDescriptor@validUntil
};

/// Serialises the metadata (UTF-8 XML with a declaration, unsigned): an
/// md:EntityDescriptor holding one md:IDPSSODescriptor for SAML 2.0 with one
/// KeyDescriptor use="signing" per certificate, SingleLogoutService, NameIDFormat
/// and SingleSignOnService (HTTP-Redirect, HTTP-POST) in schema order.
/// MissingField for an empty entityId or ssoUrl or no certificate;
/// NotInitialised without a Library; CryptoFailure if libxml2 fails.
tl::expected<std::string, Error> buildIdpMetadata(const IdpMetadataSpec& spec);

}  // namespace authcore::saml
