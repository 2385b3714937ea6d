// SPDX-License-Identifier: Apache-2.0
// The Part 1 mutations: each is one ClientService call.
#include "graphql/client_views.hpp"

#include <authcore/error.hpp>

namespace authcore::appliance {
namespace {

using graphql::FieldContext;
using graphql::JsonValue;
using graphql::ResolverResult;

JsonValue secretJson(JsonValue secret) {
    auto json = JsonValue::object();
    json.set("clientSecret", std::move(secret));
    return json;
}

ClientScope scopeInput(const JsonValue& input) {
    const auto* description = input.find("description");
    return {input.find("scope")->asString(),
            description && description->isString() ? description->asString() : std::string()};
}

ClientService& clientsOf(const FieldContext& f) { return *callerOf(f).context.clients; }

/// Binds a mutation that answers Response{success} after `act`.
template <class Act>
void bindAction(graphql::SchemaBuilder& schema, std::string_view name, Act act) {
    schema.bindField("Mutation", name, guarded([act](const FieldContext& f) -> ResolverResult {
        act(clientsOf(f), principalOf(f), f);
        return successResponse();
    }));
}

ResolverResult addClient(const FieldContext& f) {
    const auto& actor = principalOf(f);
    auto& clients = clientsOf(f);
    NewClient request;
    request.clientId = stringArgument(f, "clientId");
    request.description = stringArgument(f, "description");
    request.ownerOrganizationId = clients.ownerOrganizationFor(actor, callerOf(f).organizationSlug);
    if (const auto* scopes = f.argument("availableScopes"); scopes && scopes->isArray())
        for (const auto& scope : scopes->asArray())
            if (scope.isObject()) request.scopes.push_back(scopeInput(scope));
    return clientNode(clients.create(actor, request), true);
}

void bindSecretMutations(graphql::SchemaBuilder& schema) {
    for (int slot : {1, 2}) {
        const auto suffix = std::to_string(slot);
        schema.bindField("Mutation", "generateClientSecret" + suffix, guarded([slot](const FieldContext& f) -> ResolverResult {
            return secretJson(clientsOf(f).generateSecret(principalOf(f), stringArgument(f, "clientId"), slot));
        }));
        schema.bindField("Mutation", "clearClientSecret" + suffix, guarded([slot](const FieldContext& f) -> ResolverResult {
            clientsOf(f).clearSecret(principalOf(f), stringArgument(f, "clientId"), slot);
            return secretJson(nullptr);
        }));
    }
}

} // namespace

void bindClientMutations(graphql::SchemaBuilder& schema) {
    schema.bindField("Mutation", "addClient", guarded(addClient));
    bindSecretMutations(schema);
    bindAction(schema, "addClientAvailableScope", [](ClientService& c, const Principal& p, const FieldContext& f) {
        c.addScope(p, stringArgument(f, "clientId"), scopeInput(*f.argument("availableScope")));
    });
    bindAction(schema, "deleteClient", [](ClientService& c, const Principal& p, const FieldContext& f) {
        c.remove(p, stringArgument(f, "clientId"));
    });
    bindAction(schema, "authorizeJwtBearer", [](ClientService& c, const Principal& p, const FieldContext& f) {
        c.addJwtBearer(p, stringArgument(f, "clientId"), stringArgument(f, "jwksUrl"), stringArgument(f, "iss"),
                       stringArgument(f, "sub"), stringArgument(f, "aud"));
    });
    bindAction(schema, "deauthorizeJwtBearer", [](ClientService& c, const Principal& p, const FieldContext& f) {
        c.removeJwtBearer(p, stringArgument(f, "clientId"), stringArgument(f, "id"));
    });
    bindAction(schema, "authorize", [](ClientService& c, const Principal& p, const FieldContext& f) {
        c.authorize(p, stringArgument(f, "subject"), stringArgument(f, "audience"),
                    stringsOf(f.argument("authorizedScopes")));
    });
    bindAction(schema, "deauthorize", [](ClientService& c, const Principal& p, const FieldContext& f) {
        c.deauthorize(p, stringArgument(f, "subject"), stringArgument(f, "audience"));
    });
    bindAction(schema, "authorizeAddScope", [](ClientService& c, const Principal& p, const FieldContext& f) {
        c.addAuthorizedScope(p, stringArgument(f, "subject"), stringArgument(f, "audience"),
                             stringArgument(f, "authorizedScope"));
    });
    bindAction(schema, "authorizeRemoveScope", [](ClientService& c, const Principal& p, const FieldContext& f) {
        c.removeAuthorizedScope(p, stringArgument(f, "subject"), stringArgument(f, "audience"),
                                stringArgument(f, "authorizedScope"));
    });
}

} // namespace authcore::appliance
