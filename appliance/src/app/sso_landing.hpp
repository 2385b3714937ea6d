// SPDX-License-Identifier: Apache-2.0
// Where a browser SSO login (SAML or OIDC) starts and lands: the return_url
// rule and the landing URL with the one-time code or link token.
#pragma once

#include <authcore/services/sso_login_service.hpp>

#include <optional>
#include <string>

namespace authcore::appliance {

/// `returnUrl` when it is a URL under `frontendUrl`, `frontendUrl` when absent.
/// Error(InvalidInput) for anything else (a path, another host, empty).
std::string checkedReturnUrl(const std::optional<std::string>& returnUrl, const std::string& frontendUrl);

/// `returnUrl` with `code=` (or `link_token=` when linking is required) added.
std::string landingLocation(const std::string& returnUrl, const SsoLoginOutcome& outcome);

} // namespace authcore::appliance
