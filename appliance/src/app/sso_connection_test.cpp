// SPDX-License-Identifier: Apache-2.0
#include "app/sso_connection_test.hpp"

#include "app/context.hpp"
#include "oidc/relying_party.hpp"
#include "saml/service_provider.hpp"

#include <authcore/error.hpp>

#include <chrono>

namespace authcore::appliance {
namespace {

template <typename Found> std::pair<bool, std::string> toResult(const Found& found) {
    return {found.success, found.message};
}

} // namespace

SsoConnectionTestResult testSsoConnection(Context& context, const Principal& actor, const std::string& orgSlug,
                                          const std::string& id) {
    const auto view = context.ssoConnections->get(actor, orgSlug, id);
    const auto& connection = view.connection;
    if (connection.protocol == SsoProtocol::Ldap)
        throw Error(ErrorCode::InvalidInput, "connection tests are available for SAML and OIDC connections only so far");
    const auto started = std::chrono::steady_clock::now();
    const auto found = connection.protocol == SsoProtocol::Saml ? toResult(context.samlSp->test(connection))
                                                                : toResult(context.oidcRp->test(connection));
    const auto elapsed = std::chrono::steady_clock::now() - started;
    return {found.first, found.second, std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()};
}

} // namespace authcore::appliance
