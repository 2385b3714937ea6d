// SPDX-License-Identifier: Apache-2.0
// POST /auth/sso/link/confirm and POST /auth/sso/exchange: the browser SSO
// steps after the IdP, shared by every protocol.
#include "routes/json_views.hpp"
#include "routes/routes.hpp"

#include <authcore/services/sso_login_service.hpp>

namespace authcore::appliance {

void addSsoLoginRoutes(Router& router, Context& context) {
    router.add("POST", "/auth/sso/link/confirm", [&context](Exchange& ex) {
        ex.noStore();
        const auto body = ex.jsonBody();
        const auto linkToken = requiredString(body, "link_token");
        const auto password = requiredString(body, "password");
        Poco::JSON::Object out;
        out.set("code", context.ssoLogin->confirmLink(linkToken, password));
        ex.sendJson(200, out);
    });

    router.add("POST", "/auth/sso/exchange", [&context](Exchange& ex) {
        ex.noStore();
        const auto code = requiredString(ex.jsonBody(), "code");
        const auto result = context.ssoLogin->exchange(code, ex.clientIp());
        Poco::JSON::Object out;
        out.set("access_token", result.accessToken.token);
        out.set("token_type", "Bearer");
        out.set("expires_in", static_cast<Poco::Int64>(result.accessToken.expiresIn.count()));
        out.set("refresh_token", result.refreshToken);
        ex.sendJson(200, out);
    });
}

} // namespace authcore::appliance
