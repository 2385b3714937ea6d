// SPDX-License-Identifier: Apache-2.0
// Identity of the LDAP client library libldapauth runs on.
#pragma once

#include <string>

namespace authcore::ldap {

/// Vendor and version of the libldap in use, e.g. "OpenLDAP 2.5.13", as libldap
/// reports it at run time (LDAP_OPT_API_INFO); empty if it cannot tell.
std::string libraryVersion();

}  // namespace authcore::ldap
