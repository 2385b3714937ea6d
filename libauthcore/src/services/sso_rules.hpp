// SPDX-License-Identifier: Apache-2.0
// What an SSO connection may look like. Each check throws Error(InvalidInput)
// naming the field (as REST spells it).
#pragma once

#include <authcore/model/sso_options.hpp>
#include <authcore/services/sso_connection_service.hpp>

#include <string>
#include <vector>

namespace authcore::rules {

/// `(|(uid={username})(mail={username}))`.
extern const char* const kDefaultUserFilter;

/// The organization, when `actor` is one of its owners or admins (or a system
/// admin); members Forbidden, others NotFound, API keys Forbidden.
Organization manageable(OrganizationService& organizations, const Principal& actor, const std::string& orgSlug);

SsoProtocol checkProtocol(const std::string& protocol);
SsoConnectionStatus checkStatus(const std::string& status);
/// member or admin: owner is never a JIT default.
void checkDefaultRole(Role role);
/// The domains lower-cased; InvalidInput for a malformed or repeated one, or more than 50.
std::vector<std::string> normalizedDomains(const std::vector<std::string>& domains);
/// A lower-case host name of 2+ labels; nullopt when `domain` is not one.
std::optional<std::string> normalizedDomain(const std::string& domain);
/// Fields from ssoUserFields(), each once, with 1-1024 character attribute names.
void checkAttributeMapping(const std::vector<SsoMapping>& mapping);
/// A slug made from a display name (lower case, runs of other characters as
/// '-'); "sso" when too little is left.
std::string slugFromName(const std::string& name);

/// InvalidInput when `settings` sets a field of another protocol than `protocol`.
void checkSettingsBelongTo(SsoProtocol protocol, const SsoSettingsInput& settings);
/// Copies the given non-secret settings into `connection`; a new ldap_url
/// without start_tls takes its default (true for ldap://, false for ldaps://).
void applySettings(SsoConnection& connection, const SsoSettingsInput& settings);
/// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
bool isScopeToken(const std::string& token);
/// session_lifetime_seconds: 300..2592000 (30 days).
void checkSessionLifetime(long long seconds);
/// The options given: scopes (RFC 6749 scope tokens separated by spaces,
/// with openid, at most 1024 bytes), token_auth_method (client_secret_basic
/// or client_secret_post), ldap_timeout_ms (100..60000).
void checkOptionSettings(const SsoSettingsInput& settings);
/// The space-separated items of `text` (scopes, LDAP URLs) joined by single
/// spaces, repeats dropped.
std::string normalizedSpaceList(const std::string& scopes);
/// Puts the value in effect in each option left at 0 or empty (session
/// lifetime; the OIDC or LDAP options of that protocol only).
void fillOptionDefaults(SsoConnection& connection);
/// The secrets given: 1-4096 characters.
void checkSecrets(const SsoSettingsInput& settings);
/// The protocol settings of `connection` as a whole: required ones present
/// (`hasSecret`: a secret is stored or given), each well formed.
void checkSettings(const SsoConnection& connection, bool hasSecret);

} // namespace authcore::rules
