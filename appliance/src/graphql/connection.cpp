// SPDX-License-Identifier: Apache-2.0
// Relay connections shared by every paged root field.
#include "graphql/connection.hpp"

#include <authcore/crypto/encoding.hpp>
#include <authcore/error.hpp>

namespace authcore::appliance {

using graphql::FieldContext;
using graphql::JsonValue;
using graphql::ResolverResult;

std::string cursorOf(std::string_view kind, const std::string& position) {
    return crypto::base64UrlEncode(std::string(kind) + ":" + position);
}

std::string cursorArgument(const FieldContext& field, std::string_view name, std::string_view kind) {
    const auto* cursor = field.argument(name);
    if (!cursor || cursor->isNull()) return "";
    const auto prefix = std::string(kind) + ":";
    const auto decoded = crypto::base64UrlDecode(cursor->asString());
    if (!decoded || decoded->rfind(prefix, 0) != 0 || decoded->size() == prefix.size())
        throw Error(ErrorCode::InvalidInput, std::string(name) + " is not a cursor of this list");
    return decoded->substr(prefix.size());
}

std::optional<int> countArgument(const FieldContext& field, std::string_view name) {
    const auto* value = field.argument(name);
    if (!value || value->isNull()) return std::nullopt;
    return static_cast<int>(value->asInt());
}

JsonValue pageInfoJson(bool hasNextPage, bool hasPreviousPage, const std::string& startCursor,
                       const std::string& endCursor) {
    auto pageInfo = JsonValue::object();
    pageInfo.set("hasNextPage", hasNextPage);
    pageInfo.set("hasPreviousPage", hasPreviousPage);
    pageInfo.set("startCursor", startCursor.empty() ? JsonValue() : JsonValue(startCursor));
    pageInfo.set("endCursor", endCursor.empty() ? JsonValue() : JsonValue(endCursor));
    return pageInfo;
}

void bindConnection(graphql::SchemaBuilder& schema, std::string_view connection, std::string_view edge) {
    schema.bindField(connection, "edges", [](const FieldContext& f) -> ResolverResult {
        const auto* self = f.parent().as<ConnectionValue>();
        if (!self) return nullptr;
        std::vector<ResolverResult> edges;
        for (const auto& e : self->edges) edges.push_back(ResolverResult::object(e));
        return ResolverResult::list(std::move(edges));
    });
    schema.bindField(connection, "pageInfo", [](const FieldContext& f) -> ResolverResult {
        const auto* self = f.parent().as<ConnectionValue>();
        if (!self) return nullptr;
        const bool empty = self->edges.empty();
        return pageInfoJson(self->hasNextPage, self->hasPreviousPage, empty ? "" : self->edges.front().cursor,
                            empty ? "" : self->edges.back().cursor);
    });
    schema.bindField(edge, "node", [](const FieldContext& f) -> ResolverResult {
        const auto* self = f.parent().as<EdgeValue>();
        return self ? self->node : nullptr;
    });
    schema.bindField(edge, "cursor", [](const FieldContext& f) -> ResolverResult {
        const auto* self = f.parent().as<EdgeValue>();
        if (!self) return nullptr;
        return self->cursor;
    });
}

} // namespace authcore::appliance
