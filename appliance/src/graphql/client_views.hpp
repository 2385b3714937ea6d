// SPDX-License-Identifier: Apache-2.0
// Client and Authorization as the management schema sees them, and the
// small binders their field resolvers are made with.
#pragma once

#include "graphql/caller.hpp"

#include <authcore/graphql/schema_builder.hpp>
#include <authcore/model/authorization.hpp>
#include <authcore/model/client.hpp>
#include <authcore/services/client_service.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace authcore::appliance {

/// A client in a response. Beyond its id and description, an invisible one
/// (the other end of an authorization the caller cannot see) shows nothing.
struct ClientNode {
    Client client;
    bool visible = true;
};

graphql::ResolverResult clientNode(Client client, bool visible);
graphql::ResolverResult authorizationNodes(const std::vector<Authorization>& authorizations);
graphql::JsonValue scopeJson(const ClientScope& scope);
graphql::JsonValue jwtBearerJson(const JwtBearer& bearer);
graphql::JsonValue permissionsJson(const ClientPermissions& permissions);
graphql::ResolverResult optionalTime(const std::optional<Timestamp>& time);

/// Binds `type.field` to `read(parent)` for parents that are a `T`.
template <class T, class Read>
void bindLeaf(graphql::SchemaBuilder& schema, std::string_view type, std::string_view field, Read read) {
    schema.bindField(type, field, [read](const graphql::FieldContext& f) -> graphql::ResolverResult {
        const T* self = f.parent().as<T>();
        if (!self) return nullptr;
        return read(*self);
    });
}

/// Binds a Client field that only a caller who may see the client gets (null otherwise).
template <class T, class Resolve>
void bindVisible(graphql::SchemaBuilder& schema, std::string_view type, std::string_view field, Resolve resolve) {
    schema.bindField(type, field, guarded([resolve](const graphql::FieldContext& f) -> graphql::ResolverResult {
        const T* self = f.parent().as<T>();
        if (!self || !self->visible) return nullptr;
        return resolve(*self, f);
    }));
}

void bindClientQueries(graphql::SchemaBuilder& schema);
void bindClientMutations(graphql::SchemaBuilder& schema);

} // namespace authcore::appliance
