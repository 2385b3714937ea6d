// SPDX-License-Identifier: Apache-2.0
// The login page's HTML and the return_to rule.
#pragma once

#include <string>

namespace authcore::appliance {

class Exchange;

/// The sign-in form; `error` is shown above it when non-empty. All text is escaped.
std::string renderLoginPage(const std::string& returnTo, const std::string& error);
/// The sign-in form of LDAP connection `slug` (POST /auth/sso/{slug}/ldap/login),
/// `returnUrl` in a hidden field; `error` shown above it when non-empty. All text is escaped.
std::string renderLdapLoginPage(const std::string& slug, const std::string& returnUrl, const std::string& error);
/// Sends a login page: no-store, no framing, a CSP without scripts whose forms post to this server only.
void sendLoginHtml(Exchange& ex, int status, const std::string& html);
/// False for a request whose Origin header names another site (or is "null"):
/// a cross-site form post, refused to stop login CSRF. No Origin: true.
bool isSameOriginPost(Exchange& ex, const std::string& publicUrl);
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
