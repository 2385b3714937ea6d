// SPDX-License-Identifier: Apache-2.0
#include "app/sso_connection_test.hpp"

#include "app/context.hpp"
#include "saml/service_provider.hpp"

#include <authcore/error.hpp>

#include <chrono>

namespace authcore::appliance {

SsoConnectionTestResult testSsoConnection(Context& context, const Principal& actor, const std::string& orgSlug,
                                          const std::string& id) {
    const auto view = context.ssoConnections->get(actor, orgSlug, id);
    if (view.connection.protocol != SsoProtocol::Saml)
        throw Error(ErrorCode::InvalidInput, "connection tests are available for SAML connections only so far");
    const auto started = std::chrono::steady_clock::now();
    const auto found = context.samlSp->test(view.connection);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    return {found.success, found.message, std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()};
}

} // namespace authcore::appliance
