// SPDX-License-Identifier: Apache-2.0
// The SAML 2.0 binding URIs libsaml writes into metadata and requests.
#pragma once

namespace authcore::saml {

/// The HTTP-Redirect binding URI (SAML 2.0 bindings, section 3.4).
inline constexpr const char* kBindingHttpRedirect = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
/// The HTTP-POST binding URI (SAML 2.0 bindings, section 3.5).
inline constexpr const char* kBindingHttpPost = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

}  // namespace authcore::saml
