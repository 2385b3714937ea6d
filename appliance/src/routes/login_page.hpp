// SPDX-License-Identifier: Apache-2.0
// The login page's HTML and the return_to rule.
#pragma once

#include <string>

namespace authcore::appliance {

/// The sign-in form; `error` is shown above it when non-empty. All text is escaped.
std::string renderLoginPage(const std::string& returnTo, const std::string& error);
/// A page that only tells `message` (escaped), e.g. a refused /login request.
std::string renderMessagePage(const std::string& title, const std::string& message);
/// A small page for a signed-in user, with a sign-out button.
std::string renderSignedInPage(const std::string& email);
/// A path on this server ("/x", not "//host" or "/\\host") or a URL under
/// `frontendUrl` (the prefix followed by '/', '?', '#' or nothing).
bool isSafeReturnTo(const std::string& returnTo, const std::string& frontendUrl);
/// `requested` when isSafeReturnTo, else "/".
std::string safeReturnTo(const std::string& requested, const std::string& frontendUrl);

} // namespace authcore::appliance
