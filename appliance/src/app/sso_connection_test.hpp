// SPDX-License-Identifier: Apache-2.0
// POST .../sso/connections/{id}/test and testSsoConnection: can this connection
// reach its identity provider? One function for REST and GraphQL.
#pragma once

#include <authcore/services/principal.hpp>

#include <string>

namespace authcore::appliance {

class Context;

struct SsoConnectionTestResult {
    bool success = false;
    std::string message;
    long long responseTimeMs = 0;
};

/// Owners and admins, as SsoConnectionService::get. SAML: the metadata is
/// read afresh (fetched when configured by URL), parsed, and its signing
/// certificates checked. OIDC: the discovery document (its issuer must match)
/// and the JWKS fetched afresh, at least one usable key. LDAP: the service bind
/// and a search of user_base_dn (LdapLogin::test). A failed check is a result
/// (success false), not an error.
SsoConnectionTestResult testSsoConnection(Context& context, const Principal& actor, const std::string& orgSlug,
                                          const std::string& id);

} // namespace authcore::appliance
