// SPDX-License-Identifier: Apache-2.0
// Why libldapauth refused its input.
#pragma once

#include <string>

namespace authcore::ldap {

/// Reasons an LDAP input is refused.
enum class Errc {
  MissingScheme,      ///< the URL has no "scheme://" prefix
  UnsupportedScheme,  ///< a scheme other than ldap or ldaps (ldapi, http, ...)
  EmptyHost,          ///< nothing between "://" and the port, slash or end (ldap:/// is refused)
  InvalidHost,        ///< host characters outside a DNS name or IPv4 address, a malformed
                      ///< [IPv6] literal, userinfo ("user@") or an unbracketed IPv6 address
  InvalidPort,        ///< a port that is empty, not plain decimal, 0 or above 65535
  TrailingData,       ///< anything after host[:port] but one '/': a DN, attributes, query, fragment
};

/// A refusal: the reason and a message naming the offending part.
struct Error {
  Errc code = Errc::MissingScheme;
  std::string message;
};

}  // namespace authcore::ldap
