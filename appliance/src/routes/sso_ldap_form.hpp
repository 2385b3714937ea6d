// SPDX-License-Identifier: Apache-2.0
// The HTML sign-in form of an LDAP SSO connection (docs/sso-ldap.md):
// GET /auth/sso/{slug}/ldap/login and its form-encoded POST.
#pragma once

#include "app/context.hpp"
#include "http/exchange.hpp"

namespace authcore::appliance {

/// 200 with the form; 404 "not found" for every slug but an active LDAP
/// connection's; 400 for a return_url not under frontend_url.
void showLdapLoginForm(Exchange& ex, Context& context);

/// The form's POST: 302 to the return_url (or frontend_url) with `code=` or
/// `link_token=`; the form again with one generic message on refusal (401),
/// throttling (429, Retry-After) or an unreachable directory (502); 403 for a
/// cross-site post.
void submitLdapLoginForm(Exchange& ex, Context& context);

/// True when the request body is application/x-www-form-urlencoded.
bool isFormPost(Exchange& ex);

} // namespace authcore::appliance
