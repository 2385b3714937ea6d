// SPDX-License-Identifier: Apache-2.0
// Pieces shared by the IdP and SP metadata builders (private to libsaml).
#pragma once

#include <authcore/saml/bindings.hpp>
#include <authcore/saml/credential.hpp>
#include <authcore/saml/error.hpp>

#include "core/hardened_parser.hpp"

#include <libxml/tree.h>

#include <string>

#include <tl/expected.hpp>

namespace authcore::saml::detail {

/// A metadata document under construction: md:EntityDescriptor and the md/ds namespaces.
struct EntityWriter {
  XmlDocPtr doc;
  xmlNodePtr entity = nullptr;
  xmlNsPtr md = nullptr;
  xmlNsPtr ds = nullptr;
};

/// A document whose root is md:EntityDescriptor@entityID; CryptoFailure if libxml2 fails.
tl::expected<EntityWriter, Error> startEntity(const std::string& entityId);

/// Appends md:KeyDescriptor use="signing" carrying the certificate as ds:X509Certificate.
void addSigningKey(xmlNodePtr descriptor, const EntityWriter& writer, const Certificate& certificate);

/// Appends an endpoint element `element` with Binding and Location.
xmlNodePtr addEndpoint(xmlNodePtr descriptor, const EntityWriter& writer, const char* element, const char* binding,
                       const std::string& location);

}  // namespace authcore::saml::detail
