// SPDX-License-Identifier: Apache-2.0
// Reading an IdP's SAML 2.0 metadata (the SP side of a connection), hardened.
#pragma once

#include <authcore/saml/bindings.hpp>
#include <authcore/saml/credential.hpp>
#include <authcore/saml/error.hpp>
#include <authcore/saml/xml_document.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace authcore::saml {

/// A protocol endpoint of a metadata role.
struct Endpoint {
  std::string binding;   ///< Binding URI
  std::string location;  ///< Location URL
};

/// What an IdP's metadata says about it, as far as an SP needs it.
struct IdpDescriptor {
  std::string entityId;                              ///< EntityDescriptor@entityID
  std::vector<Endpoint> singleSignOnServices;        ///< SingleSignOnService, in document order
  std::vector<Endpoint> singleLogoutServices;        ///< SingleLogoutService, in document order
  std::vector<Certificate> signingCertificates;      ///< KeyDescriptor use="signing" or without use
  bool wantAuthnRequestsSigned = false;              ///< IDPSSODescriptor@WantAuthnRequestsSigned
  std::optional<std::chrono::system_clock::time_point> validUntil;  ///< earliest validUntil stated

  /// The first SingleSignOnService Location with this binding URI (e.g.
  /// kBindingHttpRedirect); empty if none.
  std::optional<std::string> ssoLocation(std::string_view binding) const;
  /// The first SingleLogoutService Location with this binding URI; empty if none.
  std::optional<std::string> sloLocation(std::string_view binding) const;
};

/// How to read a metadata document.
struct IdpMetadataOptions {
  /// The entity to pick from an md:EntitiesDescriptor (required when it holds
  /// more than one IdP); when set, an EntityDescriptor root must carry this ID.
  std::optional<std::string> entityId;
  ParseLimits limits;  ///< parse limits (metadata aggregates need larger ones)
};

/// Parses IdP metadata with the hardened parser (DtdForbidden, TooLarge, ... as
/// XmlDocument::parse). The root is an md:EntityDescriptor, or an
/// md:EntitiesDescriptor (nested ones included) from which the IdP entity is
/// picked: by options.entityId, else the only entity with an IDPSSODescriptor
/// (UnexpectedMessage when there are several: pass the entity ID). The first
/// IDPSSODescriptor supporting SAML 2.0 is read. A KeyDescriptor without `use`
/// counts as signing, use="encryption" is skipped; certificates are read with
/// Certificate::fromPem (InvalidKey if one is unreadable or weak). Errors:
/// UnexpectedMessage (other root), UnknownIssuer (entityId not found),
/// MissingField (no entityID, no SAML 2.0 IDPSSODescriptor, no SSO endpoint, no
/// signing certificate, endpoint without Binding or Location), Malformed (bad
/// validUntil or boolean), Expired (a validUntil at or before `now`),
/// NotInitialised without a Library.
tl::expected<IdpDescriptor, Error> parseIdpMetadata(std::string_view xml, std::chrono::system_clock::time_point now,
                                                    const IdpMetadataOptions& options = {});

}  // namespace authcore::saml
