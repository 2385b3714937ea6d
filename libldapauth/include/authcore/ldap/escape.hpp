// SPDX-License-Identifier: Apache-2.0
// Escaping of untrusted values placed into LDAP search filters and DNs.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace authcore::ldap {

/// Escapes a value for an LDAP search filter assertion (RFC 4515): `*`, `(`, `)`,
/// `\` and NUL become `\2a`, `\28`, `\29`, `\5c`, `\00`, and so does every other byte
/// outside printable ASCII (as `\xx`), so the result is plain ASCII and can never
/// change the structure of the filter it is placed in.
std::string escapeFilterValue(std::string_view value);

/// Escapes a value for one attribute value of a distinguished name (RFC 4514):
/// `,` `+` `"` `\` `<` `>` `;` `=`, a leading space or `#` and a trailing space get a
/// backslash; NUL, controls and bytes outside ASCII become `\xx`.
std::string escapeDnValue(std::string_view value);

/// The filter template with every `{username}` replaced by
/// escapeFilterValue(username); the template itself is trusted configuration.
std::string expandFilter(std::string_view filterTemplate, std::string_view username);

/// A `{name}` in a filter template and the untrusted value that replaces it.
struct FilterPlaceholder {
  std::string_view name;   ///< including the braces, e.g. "{dn}"
  std::string_view value;  ///< escaped with escapeFilterValue before insertion
};

/// The filter template with every placeholder replaced by its escaped value, in one
/// pass: text inserted for one placeholder is never searched for another.
std::string expandFilter(std::string_view filterTemplate,
                         std::initializer_list<FilterPlaceholder> placeholders);

}  // namespace authcore::ldap
