// SPDX-License-Identifier: Apache-2.0
// Organizations, their service limit, and members (API.md, seed 000).
#include "routes/json_views.hpp"
#include "routes/routes.hpp"

#include <Poco/JSON/Array.h>

namespace authcore::appliance {

void addOrganizationRoutes(Router& router, Context& context) {
    auto& orgs = *context.organizations;
    router.add("POST", "/api/v1/organizations", [&context, &orgs](Exchange& ex) {
        const auto principal = requirePrincipal(ex, context);
        const auto body = ex.jsonBody();
        const auto org = orgs.create(principal, requiredString(body, "slug"), requiredString(body, "name"));
        ex.sendJson(201, *organizationJson(org));
    });
    router.add("GET", "/api/v1/organizations/{org}", [&context, &orgs](Exchange& ex) {
        const auto org = orgs.get(requirePrincipal(ex, context), ex.param("org"));
        ex.sendJson(200, *organizationJson(org));
    });
    // AuthCore extension: a system admin sets an organization's service limit.
    router.add("PATCH", "/api/v1/organizations/{org}", [&context, &orgs](Exchange& ex) {
        const auto principal = requirePrincipal(ex, context);
        const auto max = saturatedInt(requiredInteger(ex.jsonBody(), "max_services"));
        context.catalog->setMaxServices(principal, ex.param("org"), max);
        ex.sendJson(200, *organizationJson(orgs.get(principal, ex.param("org"))));
    });
    router.add("GET", "/api/v1/organizations/{org}/members", [&context, &orgs](Exchange& ex) {
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& m : orgs.listMembers(requirePrincipal(ex, context), ex.param("org")))
            list->add(memberJson(m));
        Poco::JSON::Object out;
        out.set("members", list);
        ex.sendJson(200, out);
    });
    router.add("POST", "/api/v1/organizations/{org}/members", [&context, &orgs](Exchange& ex) {
        const auto principal = requirePrincipal(ex, context);
        const auto body = ex.jsonBody();
        const auto member =
            orgs.addMember(principal, ex.param("org"), requiredString(body, "email"), requiredRole(body, "role"));
        ex.sendJson(201, *memberJson(member));
    });
    router.add("PATCH", "/api/v1/organizations/{org}/members/{user_id}", [&context, &orgs](Exchange& ex) {
        const auto principal = requirePrincipal(ex, context);
        const auto body = ex.jsonBody();
        const auto member = orgs.changeRole(principal, ex.param("org"), ex.param("user_id"), requiredRole(body, "role"));
        ex.sendJson(200, *memberJson(member));
    });
    router.add("DELETE", "/api/v1/organizations/{org}/members/{user_id}", [&context, &orgs](Exchange& ex) {
        orgs.removeMember(requirePrincipal(ex, context), ex.param("org"), ex.param("user_id"));
        ex.sendEmpty(204);
    });
}

} // namespace authcore::appliance
