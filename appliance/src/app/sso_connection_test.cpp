// SPDX-License-Identifier: Apache-2.0
#include "app/sso_connection_test.hpp"

#include "app/context.hpp"
#include "ldap/ldap_login.hpp"
#include "saml/service_provider.hpp"

#include <authcore/error.hpp>

#include <chrono>

namespace authcore::appliance {

namespace {

/// What the protocol's own check found; the time is measured around it.
SsoConnectionTestResult check(Context& context, const SsoConnection& connection) {
    if (connection.protocol == SsoProtocol::Saml) {
        const auto found = context.samlSp->test(connection);
        return {found.success, found.message};
    }
    if (connection.protocol == SsoProtocol::Ldap) {
        const auto found = context.ldapLogin->test(connection);
        return {found.success, found.message};
    }
    throw Error(ErrorCode::InvalidInput, "connection tests are available for SAML and LDAP connections only so far");
}

} // namespace

SsoConnectionTestResult testSsoConnection(Context& context, const Principal& actor, const std::string& orgSlug,
                                          const std::string& id) {
    const auto view = context.ssoConnections->get(actor, orgSlug, id);
    const auto started = std::chrono::steady_clock::now();
    auto result = check(context, view.connection);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    result.responseTimeMs = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
    return result;
}

} // namespace authcore::appliance
