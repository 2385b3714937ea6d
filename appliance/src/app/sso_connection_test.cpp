// SPDX-License-Identifier: Apache-2.0
#include "app/sso_connection_test.hpp"

#include "app/context.hpp"
#include "ldap/ldap_login.hpp"
#include "oidc/relying_party.hpp"
#include "saml/service_provider.hpp"

#include <chrono>

namespace authcore::appliance {
namespace {

template <typename Found> SsoConnectionTestResult toResult(const Found& found) { return {found.success, found.message}; }

/// What the protocol's own check found; the time is measured around it.
SsoConnectionTestResult check(Context& context, const SsoConnection& connection) {
    switch (connection.protocol) {
    case SsoProtocol::Saml: return toResult(context.samlSp->test(connection));
    case SsoProtocol::Oidc: return toResult(context.oidcRp->test(connection));
    case SsoProtocol::Ldap: return toResult(context.ldapLogin->test(connection));
    }
    return {false, "unknown protocol"};
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
