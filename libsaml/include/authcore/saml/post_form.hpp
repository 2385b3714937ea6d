// SPDX-License-Identifier: Apache-2.0
// The HTTP-POST binding's self-submitting HTML form, and the CSP hash of its script.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace authcore::saml {

/// A complete HTML5 page whose form POSTs `xml` (base64) as `parameterName`
/// (SAMLResponse or SAMLRequest) and, when given, `relayState` to `actionUrl`.
/// Every attribute value is HTML-escaped. One fixed inline script submits the
/// form on load (allow it with postFormScriptHash()); without JavaScript a
/// noscript button does. Never fails.
std::string renderPostForm(std::string_view actionUrl, std::string_view parameterName, std::string_view xml,
                           std::optional<std::string_view> relayState);

/// The CSP source of renderPostForm's inline script, e.g. "'sha256-abc...='",
/// computed from the script text, for `Content-Security-Policy: script-src <it>`.
std::string postFormScriptHash();

}  // namespace authcore::saml
