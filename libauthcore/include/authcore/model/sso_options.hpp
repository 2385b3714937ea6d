// SPDX-License-Identifier: Apache-2.0
// The defaults of an SSO connection's options, and its LDAP URL list.
#pragma once

#include <string>
#include <vector>

namespace authcore {

/// What a connection option left at 0 (or empty) stands for.
inline constexpr long kDefaultSsoSessionTtlSeconds = 8 * 3600;
inline constexpr long kDefaultLdapTimeoutMs = 5000;
inline constexpr const char* kDefaultOidcScopes = "openid email profile";
inline constexpr const char* kDefaultTokenAuthMethod = "client_secret_basic";

/// The URLs of an SsoLdapSettings::ldapUrl (ldap:// or ldaps://, separated by
/// spaces), in the order they are tried (failover).
std::vector<std::string> ldapUrlList(const std::string& ldapUrl);

} // namespace authcore
