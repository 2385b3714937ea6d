// SPDX-License-Identifier: Apache-2.0
// JSON shapes of the small Part 1 types.
#include "graphql/client_views.hpp"

namespace authcore::appliance {

using graphql::JsonValue;
using graphql::ResolverResult;

ResolverResult clientNode(Client client, bool visible) {
    return ResolverResult::object(ClientNode{std::move(client), visible});
}

ResolverResult authorizationNodes(const std::vector<Authorization>& authorizations) {
    std::vector<ResolverResult> items;
    items.reserve(authorizations.size());
    for (const auto& authorization : authorizations) items.push_back(ResolverResult::object(authorization));
    return ResolverResult::list(std::move(items));
}

JsonValue scopeJson(const ClientScope& scope) {
    auto json = JsonValue::object();
    json.set("scope", scope.scope);
    json.set("description", scope.description);
    return json;
}

JsonValue jwtBearerJson(const JwtBearer& bearer) {
    auto json = JsonValue::object();
    json.set("id", bearer.id);
    json.set("jwksUrl", bearer.jwksUrl);
    json.set("iss", bearer.iss);
    json.set("sub", bearer.sub);
    json.set("aud", bearer.aud);
    return json;
}

JsonValue permissionsJson(const ClientPermissions& p) {
    auto json = JsonValue::object();
    json.set("canDeleteClient", p.canDeleteClient);
    json.set("canAddClientSecret", p.canAddClientSecret);
    json.set("canDeleteClientSecret", p.canDeleteClientSecret);
    json.set("canAddClientAuthorization", p.canAddClientAuthorization);
    json.set("canDeleteClientAuthorization", p.canDeleteClientAuthorization);
    json.set("canAddAvailableScope", p.canAddAvailableScope);
    json.set("canAddAuthorization", p.canAddAuthorization);
    json.set("canDeleteAuthorization", p.canDeleteAuthorization);
    json.set("canAuthorizeAddScope", p.canAuthorizeAddScope);
    json.set("canAuthorizeRemoveScope", p.canAuthorizeRemoveScope);
    return json;
}

ResolverResult optionalTime(const std::optional<Timestamp>& time) {
    if (!time) return nullptr;
    return formatTimestamp(*time);
}

} // namespace authcore::appliance
