// SPDX-License-Identifier: Apache-2.0
// The SAML HTTP-POST binding (SAML 2.0 bindings, section 3.5): decoding a form value.
#pragma once

#include <authcore/saml/error.hpp>
#include <authcore/saml/redirect_binding.hpp>

#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authcore::saml {

/// Decodes the base64 SAMLRequest/SAMLResponse form value into the message XML.
/// Whitespace and line breaks are tolerated, anything else outside strict base64
/// is BindingInvalid; TooLarge above limits.maxEncodedBytes (encoded) or
/// limits.maxInflatedBytes (decoded).
tl::expected<std::string, Error> decodePostParameter(std::string_view base64Value,
                                                     const BindingLimits& limits = {});

}  // namespace authcore::saml
