// SPDX-License-Identifier: Apache-2.0
// What an SSO assertion says about the user, read through the connection's
// attribute mapping, and the domain rule that email must pass.
#pragma once

#include <authcore/services/sso_login_service.hpp>

#include <string>

namespace authcore::detail {

struct MappedAssertion {
    std::string email;   ///< lower case, a plausible address
    std::string name;    ///< may be empty
    std::string subject; ///< the stable id the identity link is keyed on
};

/// Applies `connection.attributeMapping` to `assertion`. InvalidInput when
/// there is no email, or it is not a plausible address, or no subject.
MappedAssertion mapAssertion(const SsoConnection& connection, const SsoAssertion& assertion);

/// The scopes `connection.ldap.groupScopeMapping` grants the values of the
/// assertion's `groups` attribute (group DNs; LDAP logins carry them),
/// space-separated in mapping order; empty when none.
std::string grantedScope(const SsoConnection& connection, const SsoAssertion& assertion);

/// True when `email`'s domain (after the last '@', case-insensitive) is one
/// of the connection's domains.
bool inConnectionDomains(const SsoConnection& connection, const std::string& email);

} // namespace authcore::detail
