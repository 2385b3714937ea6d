// SPDX-License-Identifier: Apache-2.0
// Enveloped XML-DSig signatures over one element of a libxml2 tree (private to libsaml).
#pragma once

#include <authcore/saml/credential.hpp>
#include <authcore/saml/error.hpp>

#include <libxml/tree.h>

#include <tl/expected.hpp>

namespace authcore::saml::detail {

/// Signs `element` of `doc` with an enveloped signature: Reference URI="#<its ID>",
/// transforms enveloped-signature + exclusive C14N (with `inclusivePrefixes` as its
/// InclusiveNamespaces PrefixList when not null), rsa-sha256 or ecdsa-sha256 after
/// the key, digest sha256, and KeyInfo/X509Data carrying the credential's
/// certificate. The ds:Signature becomes the child right after the element's
/// saml:Issuer. The element's ID must already be registered (registerSamlIds).
/// MissingField without an ID or an Issuer child, CryptoFailure if xmlsec fails.
tl::expected<void, Error> signElement(xmlDocPtr doc, xmlNodePtr element, const SigningCredential& credential,
                                      const char* inclusivePrefixes = nullptr);

}  // namespace authcore::saml::detail
