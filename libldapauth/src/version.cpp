// SPDX-License-Identifier: Apache-2.0
// Identity of the LDAP client library libldapauth runs on.
#include <authcore/ldap/version.hpp>

#include <ldap.h>

namespace authcore::ldap {

std::string libraryVersion() {
  LDAPAPIInfo info{};
  info.ldapai_info_version = LDAP_API_INFO_VERSION;
  if (ldap_get_option(nullptr, LDAP_OPT_API_INFO, &info) != LDAP_OPT_SUCCESS) return {};
  const std::string vendor = info.ldapai_vendor_name != nullptr ? info.ldapai_vendor_name : "";
  // libldap hands over ownership of both the name and the extension list.
  ldap_memfree(info.ldapai_vendor_name);
  ldap_memvfree(reinterpret_cast<void**>(info.ldapai_extensions));
  if (vendor.empty()) return {};
  // OpenLDAP encodes its version as major * 10000 + minor * 100 + patch.
  const int version = info.ldapai_vendor_version;
  return vendor + " " + std::to_string(version / 10000) + "." + std::to_string(version / 100 % 100) +
         "." + std::to_string(version % 100);
}

}  // namespace authcore::ldap
