// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: filter and DN escaping of arbitrary bytes. Escaped filter values are
// plain ASCII without structure characters and unescape to the input; an escaped DN
// value parses with libldap as one RDN with one AVA whose value is the input.
#include <authcore/ldap/escape.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <ldap.h>

namespace {

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  std::abort();  // the escaper writes lower-case hex only
}

void checkFilterValue(std::string_view value) {
  const std::string escaped = authcore::ldap::escapeFilterValue(value);
  std::string unescaped;
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    const auto c = static_cast<unsigned char>(escaped[i]);
    if (c < 0x20 || c >= 0x7F || c == '*' || c == '(' || c == ')') std::abort();
    if (c != '\\') {
      unescaped.push_back(static_cast<char>(c));
      continue;
    }
    if (i + 2 >= escaped.size()) std::abort();
    unescaped.push_back(static_cast<char>(hexDigit(escaped[i + 1]) * 16 + hexDigit(escaped[i + 2])));
    i += 2;
  }
  if (unescaped != value) std::abort();
  // Two placeholders expand in one pass: the second never sees the first one's text.
  const std::string filter = authcore::ldap::expandFilter("(&(member={dn})(memberUid={uid}))",
                                                          {{"{dn}", value}, {"{uid}", value}});
  if (filter != "(&(member=" + escaped + ")(memberUid=" + escaped + "))") std::abort();
}

void checkDnValue(std::string_view value) {
  if (value.empty()) return;  // an empty RDN value is not a DN libldap parses back
  const std::string dn = "uid=" + authcore::ldap::escapeDnValue(value) + ",dc=example";
  LDAPDN parsed = nullptr;
  if (ldap_str2dn(dn.c_str(), &parsed, LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS) std::abort();
  const bool oneRdn = parsed[0] != nullptr && parsed[1] != nullptr && parsed[2] == nullptr;
  const bool oneAva = oneRdn && parsed[0][1] == nullptr;
  const berval& got = parsed[0][0]->la_value;
  const bool same = oneAva && std::string_view(got.bv_val, got.bv_len) == value;
  ldap_dnfree(parsed);
  if (!same) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view value(reinterpret_cast<const char*>(data), size);
  checkFilterValue(value);
  checkDnValue(value);
  return 0;
}
