// SPDX-License-Identifier: Apache-2.0
// Registration of SAML `ID` attributes as XML IDs (private to libsaml).
#pragma once

#include <authcore/saml/error.hpp>

#include <libxml/tree.h>

#include <tl/expected.hpp>

namespace authcore::saml::detail {

/// Registers the unqualified `ID` attribute of every element as an XML ID, so that
/// a signature's `Reference URI="#x"` resolves to exactly that element and to no
/// attribute a DTD or an attacker declared. DuplicateId when two elements share a
/// value (a signature-wrapping signal); nothing is left half-registered that a
/// later lookup could trust, because the caller discards the document on error.
tl::expected<void, Error> registerSamlIds(xmlDocPtr doc);

}  // namespace authcore::saml::detail
