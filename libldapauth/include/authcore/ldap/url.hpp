// SPDX-License-Identifier: Apache-2.0
// Validation of the ldap:// and ldaps:// server URLs of an LDAP connection.
#pragma once

#include <authcore/ldap/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authcore::ldap {

/// Transport of an LDAP URL.
enum class Scheme {
  Ldap,   ///< ldap:// (plain, or StartTLS when the connection asks for it); default port 389
  Ldaps,  ///< ldaps:// (TLS from the first byte); default port 636
};

/// A validated server address.
struct LdapUrl {
  Scheme scheme = Scheme::Ldaps;
  std::string host;  ///< DNS name, IPv4 address or IPv6 address (without brackets)
  std::uint16_t port = 636;
};

/// Parses `scheme://host[:port][/]` where scheme is ldap or ldaps (any case) and
/// host is a DNS name, an IPv4 address or a bracketed IPv6 address. Everything an
/// RFC 4516 URL may add (DN, attributes, scope, filter, extensions) is refused.
tl::expected<LdapUrl, Error> parseLdapUrl(std::string_view url);

/// The canonical form `ldaps://host:636` (IPv6 hosts bracketed), as libldap takes it.
std::string toString(const LdapUrl& url);

}  // namespace authcore::ldap
