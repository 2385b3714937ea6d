// SPDX-License-Identifier: Apache-2.0
// An organization's SSO enforcement and its active SSO sessions (API.md, seed 001).
#include "routes/json_views.hpp"
#include "routes/routes.hpp"

#include <authcore/error.hpp>

namespace authcore::appliance {
namespace {

const std::string kEnforcement = "/api/v1/organizations/{org}/sso/enforcement";
const std::string kSessions = "/api/v1/organizations/{org}/sso/sessions";

/// `exempt_roles` as roles; absent means none (PUT replaces the whole policy).
std::vector<Role> exemptRolesFrom(const Poco::JSON::Object::Ptr& body) {
    std::vector<Role> roles;
    for (const auto& name : optionalStringList(body, "exempt_roles").value_or(std::vector<std::string>{})) {
        const auto role = parseRole(name);
        if (!role) throw Error(ErrorCode::InvalidInput, "exempt_roles must hold owner, admin or member");
        roles.push_back(*role);
    }
    return roles;
}

Poco::JSON::Object::Ptr enforcementJson(const SsoEnforcement& policy) {
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("enforced", policy.enforced);
    Poco::JSON::Array::Ptr roles = new Poco::JSON::Array;
    for (const auto role : policy.exemptRoles) roles->add(std::string(roleName(role)));
    out->set("exempt_roles", roles);
    return out;
}

Poco::JSON::Object::Ptr sessionJson(const SsoSessionView& s) {
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("id", s.id);
    out->set("email", s.email);
    out->set("connection_id", s.connectionId);
    out->set("connection_name", s.connectionName);
    out->set("created_at", formatTimestamp(s.createdAt));
    out->set("expires_at", formatTimestamp(s.expiresAt));
    return out;
}

} // namespace

void addSsoPolicyRoutes(Router& router, Context& context) {
    auto& policy = *context.ssoPolicy;
    router.add("PUT", kEnforcement, [&context, &policy](Exchange& ex) {
        ex.noStore();
        const auto principal = requirePrincipal(ex, context);
        const auto body = ex.jsonBody();
        const auto enforced = optionalBool(body, "enforced");
        if (!enforced) throw Error(ErrorCode::InvalidInput, "enforced is required (true or false)");
        ex.sendJson(200, *enforcementJson(policy.setEnforcement(principal, ex.param("org"), *enforced,
                                                                exemptRolesFrom(body))));
    });
    router.add("GET", kEnforcement, [&context, &policy](Exchange& ex) {
        ex.noStore();
        ex.sendJson(200, *enforcementJson(policy.getEnforcement(requirePrincipal(ex, context), ex.param("org"))));
    });
    router.add("GET", kSessions, [&context, &policy](Exchange& ex) {
        ex.noStore();
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& s : policy.listSessions(requirePrincipal(ex, context), ex.param("org")))
            list->add(sessionJson(s));
        Poco::JSON::Object out;
        out.set("sessions", list);
        ex.sendJson(200, out);
    });
    router.add("DELETE", kSessions + "/{id}", [&context, &policy](Exchange& ex) {
        ex.noStore();
        policy.revokeSession(requirePrincipal(ex, context), ex.param("org"), ex.param("id"));
        ex.sendEmpty(204);
    });
}

} // namespace authcore::appliance
