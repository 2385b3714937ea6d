// SPDX-License-Identifier: Apache-2.0
// Relay connections: opaque cursors, page arguments and the Connection/Edge
// objects that every paged root field answers with.
#pragma once

#include <authcore/graphql/resolver.hpp>
#include <authcore/graphql/schema_builder.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authcore::appliance {

/// A cursor: `kind` and the position, base64url-encoded. Opaque to clients,
/// stable across requests (it names a position, not an offset).
std::string cursorOf(std::string_view kind, const std::string& position);

/// The position in cursor argument `name` ("" when absent or null);
/// InvalidInput when it is not a cursor of `kind`.
std::string cursorArgument(const graphql::FieldContext& field, std::string_view name, std::string_view kind);

/// Optional Int argument.
std::optional<int> countArgument(const graphql::FieldContext& field, std::string_view name);

/// PageInfo as JSON; the cursors are those of the first and last edges (null without edges).
graphql::JsonValue pageInfoJson(bool hasNextPage, bool hasPreviousPage, const std::string& startCursor,
                                const std::string& endCursor);

/// One edge: its node, already resolved, and its cursor.
struct EdgeValue {
    graphql::ResolverResult node;
    std::string cursor;
};

/// A forward page: what a `XConnection` field resolves to.
struct ConnectionValue {
    std::vector<EdgeValue> edges;
    bool hasNextPage = false;
    bool hasPreviousPage = false;
};

/// Binds `connection.edges`, `connection.pageInfo`, `edge.node` and
/// `edge.cursor` for parents that are a ConnectionValue / EdgeValue.
void bindConnection(graphql::SchemaBuilder& schema, std::string_view connection, std::string_view edge);

} // namespace authcore::appliance
