// SPDX-License-Identifier: Apache-2.0
// Query.clients / client / authorization and the fields of Client and
// Authorization. The rules (who sees what) are ClientService's.
#include "graphql/client_views.hpp"
#include "graphql/connection.hpp"

#include <authcore/error.hpp>

namespace authcore::appliance {
namespace {

using graphql::FieldContext;
using graphql::JsonValue;
using graphql::ResolverResult;

constexpr std::string_view kCursorKind = "client";

ResolverResult clientsConnection(const FieldContext& field) {
    ClientPageRequest request;
    request.first = countArgument(field, "first");
    request.last = countArgument(field, "last");
    request.after = cursorArgument(field, "after", kCursorKind);
    request.before = cursorArgument(field, "before", kCursorKind);
    const auto page = callerOf(field).context.clients->page(principalOf(field), request);
    auto edges = JsonValue::array();
    for (const auto& client : page.clients) {
        auto node = JsonValue::object();
        node.set("clientId", client.clientId);
        node.set("description", client.description);
        auto edge = JsonValue::object();
        edge.set("node", std::move(node));
        edge.set("cursor", cursorOf(kCursorKind, client.clientId));
        edges.push(std::move(edge));
    }
    const bool empty = page.clients.empty();
    auto connection = JsonValue::object();
    connection.set("edges", std::move(edges));
    connection.set("pageInfo", pageInfoJson(page.hasNextPage, page.hasPreviousPage,
                                            empty ? "" : cursorOf(kCursorKind, page.clients.front().clientId),
                                            empty ? "" : cursorOf(kCursorKind, page.clients.back().clientId)));
    return connection;
}

/// The other end of an authorization, as far as the caller may see it.
ResolverResult authorizationEnd(const FieldContext& field, const std::string& clientId) {
    auto& clients = *callerOf(field).context.clients;
    const auto found = callerOf(field).context.db->clients().findById(clientId);
    if (!found) return nullptr;
    return clientNode(*found, clients.canSee(principalOf(field), *found));
}

template <class Item, class ToJson>
ResolverResult jsonList(const std::vector<Item>& items, ToJson toJson) {
    auto list = JsonValue::array();
    for (const auto& item : items) list.push(toJson(item));
    return list;
}

void bindClientFields(graphql::SchemaBuilder& schema) {
    using Node = ClientNode;
    bindLeaf<Node>(schema, "Client", "clientId", [](const Node& n) { return JsonValue(n.client.clientId); });
    bindLeaf<Node>(schema, "Client", "clientCreated", [](const Node& n) { return JsonValue(formatTimestamp(n.client.createdAt)); });
    bindLeaf<Node>(schema, "Client", "description", [](const Node& n) { return JsonValue(n.client.description); });
    bindVisible<Node>(schema, "Client", "clientType",
                      [](const Node& n, const FieldContext&) -> ResolverResult { return std::string(clientTypeName(n.client.type)); });
    bindVisible<Node>(schema, "Client", "clientSecret1Set",
                      [](const Node& n, const FieldContext&) -> ResolverResult { return n.client.secret1.isSet(); });
    bindVisible<Node>(schema, "Client", "clientSecret2Set",
                      [](const Node& n, const FieldContext&) -> ResolverResult { return n.client.secret2.isSet(); });
    bindVisible<Node>(schema, "Client", "clientSecret1Updated",
                      [](const Node& n, const FieldContext&) { return optionalTime(n.client.secret1.updatedAt); });
    bindVisible<Node>(schema, "Client", "clientSecret2Updated",
                      [](const Node& n, const FieldContext&) { return optionalTime(n.client.secret2.updatedAt); });
    bindVisible<Node>(schema, "Client", "availableScopes", [](const Node& n, const FieldContext& f) {
        return jsonList(callerOf(f).context.clients->scopes(n.client.clientId), scopeJson);
    });
    bindVisible<Node>(schema, "Client", "jwtBearer", [](const Node& n, const FieldContext& f) {
        return jsonList(callerOf(f).context.clients->jwtBearers(n.client.clientId), jwtBearerJson);
    });
    bindVisible<Node>(schema, "Client", "authorizationsAsSubject", [](const Node& n, const FieldContext& f) {
        return authorizationNodes(callerOf(f).context.clients->authorizationsAsSubject(n.client.clientId));
    });
    bindVisible<Node>(schema, "Client", "authorizationsAsAudience", [](const Node& n, const FieldContext& f) {
        return authorizationNodes(callerOf(f).context.clients->authorizationsAsAudience(n.client.clientId));
    });
    bindVisible<Node>(schema, "Client", "managementPermissions", [](const Node& n, const FieldContext& f) {
        return permissionsJson(callerOf(f).context.clients->permissions(principalOf(f), n.client));
    });
}

void bindAuthorizationFields(graphql::SchemaBuilder& schema) {
    using Node = Authorization;
    bindLeaf<Node>(schema, "Authorization", "id", [](const Node& a) { return JsonValue(a.id); });
    bindLeaf<Node>(schema, "Authorization", "authorizationCreated",
                   [](const Node& a) { return JsonValue(formatTimestamp(a.createdAt)); });
    bindLeaf<Node>(schema, "Authorization", "authorizedScopes", [](const Node& a) {
        auto scopes = JsonValue::array();
        for (const auto& scope : a.scopes) scopes.push(scope);
        return scopes;
    });
    schema.bindField("Authorization", "subject", guarded([](const FieldContext& f) -> ResolverResult {
        const auto* a = f.parent().as<Authorization>();
        return a ? authorizationEnd(f, a->subjectClientId) : nullptr;
    }));
    schema.bindField("Authorization", "audience", guarded([](const FieldContext& f) -> ResolverResult {
        const auto* a = f.parent().as<Authorization>();
        return a ? authorizationEnd(f, a->audienceClientId) : nullptr;
    }));
}

} // namespace

void bindClientQueries(graphql::SchemaBuilder& schema) {
    schema.bindField("Query", "clients", guarded(clientsConnection));
    schema.bindField("Query", "client", guarded([](const FieldContext& f) -> ResolverResult {
        return clientNode(callerOf(f).context.clients->get(principalOf(f), stringArgument(f, "clientId")), true);
    }));
    schema.bindField("Query", "authorization", guarded([](const FieldContext& f) -> ResolverResult {
        return ResolverResult::object(callerOf(f).context.clients->authorization(principalOf(f), stringArgument(f, "id")));
    }));
    bindClientFields(schema);
    bindAuthorizationFields(schema);
}

} // namespace authcore::appliance
