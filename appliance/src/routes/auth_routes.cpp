// SPDX-License-Identifier: Apache-2.0
// POST /api/v1/auth/login and GET /api/v1/me.
#include "routes/json_views.hpp"
#include "routes/routes.hpp"

#include <authcore/error.hpp>

#include <Poco/JSON/Array.h>

namespace authcore::appliance {

Principal requirePrincipal(Exchange& ex, Context& context) {
    if (const auto key = ex.header("X-API-Key")) return context.catalog->authenticateApiKey(*key);
    const auto header = ex.header("Authorization");
    const std::string prefix = "Bearer ";
    if (!header || header->size() <= prefix.size() || header->compare(0, prefix.size(), prefix) != 0)
        throw Error(ErrorCode::Unauthenticated, "a bearer token or API key is required");
    const auto credential = header->substr(prefix.size());
    // API keys are recognisable (`ak_...`); JWTs never start that way.
    if (credential.rfind("ak_", 0) == 0) return context.catalog->authenticateApiKey(credential);
    return context.auth->principalFromBearer(credential);
}

void addAuthRoutes(Router& router, Context& context) {
    router.add("POST", "/api/v1/auth/login", [&context](Exchange& ex) {
        ex.noStore();
        const auto body = ex.jsonBody();
        const auto email = requiredString(body, "email");
        const auto password = requiredString(body, "password");
        const auto user = context.auth->authenticatePassword(email, password, ex.clientIp());
        context.ssoPolicy->requirePasswordAllowed(user); // after the password, so the policy stays private
        const auto token = context.auth->issueManagementToken(user);
        Poco::JSON::Object out;
        out.set("access_token", token.token);
        out.set("token_type", "Bearer");
        out.set("expires_in", static_cast<Poco::Int64>(token.expiresIn.count()));
        ex.sendJson(200, out);
    });

    router.add("GET", "/api/v1/me", [&context](Exchange& ex) {
        const auto principal = requirePrincipal(ex, context);
        if (principal.isApiKey()) throw Error(ErrorCode::Forbidden, "an API key is not a user");
        const auto user = context.users->get(principal.userId);
        Poco::JSON::Array::Ptr memberships = new Poco::JSON::Array;
        for (const auto& membership : context.organizations->membershipsOf(principal, user.id)) {
            Poco::JSON::Object::Ptr m = new Poco::JSON::Object;
            m->set("organization", organizationJson(membership.organization));
            m->set("role", std::string(roleName(membership.role)));
            memberships->add(m);
        }
        Poco::JSON::Object out;
        out.set("user", userJson(user));
        out.set("memberships", memberships);
        ex.sendJson(200, out);
    });
}

} // namespace authcore::appliance
