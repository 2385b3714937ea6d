// SPDX-License-Identifier: Apache-2.0
// Verification of an enveloped XML-DSig signature against one configured certificate (private).
#pragma once

#include <authcore/saml/credential.hpp>
#include <authcore/saml/error.hpp>

#include <libxml/tree.h>

#include <tl/expected.hpp>

namespace authcore::saml::detail {

/// The ds:Signature that is a direct child of `element`, or nullptr. Signatures
/// deeper in the tree never count for `element`.
xmlNodePtr findSignature(xmlNodePtr element);

/// Verifies the enveloped signature that is a direct child of `element` with the
/// key of `cert` only (KeyInfo in the message is never read). Registers the
/// document's SAML IDs if that was not done yet. The signature must have exactly
/// one Reference, with URI "#" + the ID of `element` resolving to `element`;
/// transforms enveloped-signature and exclusive C14N only; RSA or ECDSA with
/// SHA-256/384/512 and a SHA-256/384/512 digest.
/// Errors: SignatureMissing (no signature child), MissingField (element has no
/// ID), DuplicateId, UnsupportedAlgorithm (SHA-1 or any other algorithm),
/// SignatureInvalid (bad structure, wrong reference, bad digest or signature).
tl::expected<void, Error> verifyEnvelopedSignature(xmlDocPtr doc, xmlNodePtr element,
                                                   const Certificate& cert);

}  // namespace authcore::saml::detail
