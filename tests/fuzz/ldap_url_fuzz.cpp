// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: parseLdapUrl on arbitrary bytes; accepted URLs must round-trip.
#include <authcore/ldap/url.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto url = authcore::ldap::parseLdapUrl(text);
  if (!url) return 0;
  // The canonical form of an accepted URL is itself accepted, with the same parts.
  const auto again = authcore::ldap::parseLdapUrl(authcore::ldap::toString(*url));
  if (!again || again->scheme != url->scheme || again->host != url->host ||
      again->port != url->port || url->host.empty() || url->port == 0) {
    std::abort();
  }
  return 0;
}
