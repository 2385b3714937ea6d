// SPDX-License-Identifier: Apache-2.0
// Resolver plumbing: caller lookup and error mapping.
#include "graphql/caller.hpp"

#include <authcore/error.hpp>

namespace authcore::appliance {
namespace {

const char* extensionCode(ErrorCode code) {
    switch (code) {
    case ErrorCode::Unauthenticated: return "UNAUTHENTICATED";
    case ErrorCode::Forbidden:
    case ErrorCode::SsoRequired: return "FORBIDDEN";
    case ErrorCode::NotFound: return "NOT_FOUND";
    case ErrorCode::InvalidInput:
    case ErrorCode::Conflict:
    case ErrorCode::LimitReached:
    case ErrorCode::PayloadTooLarge: return "BAD_USER_INPUT";
    case ErrorCode::RateLimited: return "RATE_LIMITED";
    case ErrorCode::StoreUnavailable: return "STORE_UNAVAILABLE";
    case ErrorCode::UpstreamError:
    case ErrorCode::Internal: break;
    }
    return "INTERNAL_SERVER_ERROR";
}

graphql::ResolverResult fieldError(const std::string& message, const char* code, ErrorCode detail) {
    auto extensions = graphql::JsonValue::object();
    extensions.set("code", code);
    // REST's error name, so clients can tell a taken id (conflict) from a malformed one.
    extensions.set("reason", std::string(errorCodeName(detail)));
    return graphql::ResolverResult::error(message, std::move(extensions));
}

} // namespace

GraphqlCaller& callerOf(const graphql::FieldContext& field) {
    auto* caller = field.context<GraphqlCaller>();
    if (!caller) throw Error(ErrorCode::Internal, "the management API ran without a caller");
    return *caller;
}

const Principal& principalOf(const graphql::FieldContext& field) {
    auto& caller = callerOf(field);
    if (!caller.principal) throw Error(ErrorCode::Unauthenticated, "a bearer token is required");
    return *caller.principal;
}

graphql::Resolver guarded(graphql::Resolver body) {
    return [body = std::move(body)](const graphql::FieldContext& field) -> graphql::ResolverResult {
        try {
            return body(field);
        } catch (const Error& e) {
            const bool internal = e.code() == ErrorCode::Internal;
            return fieldError(internal ? "internal error" : e.what(), extensionCode(e.code()), e.code());
        }
    };
}

std::string stringArgument(const graphql::FieldContext& field, std::string_view name) {
    const auto* value = field.argument(name);
    if (!value || !value->isString())
        throw Error(ErrorCode::InvalidInput, std::string(name) + " is required");
    return value->asString();
}

std::vector<std::string> stringsOf(const graphql::JsonValue* list) {
    std::vector<std::string> out;
    if (!list || !list->isArray()) return out;
    for (const auto& item : list->asArray())
        if (item.isString()) out.push_back(item.asString());
    return out;
}

const graphql::JsonValue& inputArgument(const graphql::FieldContext& field) {
    const auto* input = field.argument("input");
    if (!input || !input->isObject()) throw Error(ErrorCode::InvalidInput, "input is required");
    return *input;
}

std::optional<std::string> optionalString(const graphql::JsonValue& input, std::string_view name) {
    const auto* value = input.find(name);
    if (!value || !value->isString()) return std::nullopt;
    return value->asString();
}

std::optional<long long> optionalInt(const graphql::JsonValue& input, std::string_view name) {
    const auto* value = input.find(name);
    if (!value || !value->isInt()) return std::nullopt;
    return value->asInt();
}

std::optional<std::vector<std::string>> optionalStrings(const graphql::JsonValue& input, std::string_view name) {
    const auto* value = input.find(name);
    if (!value || value->isNull()) return std::nullopt;
    return stringsOf(value);
}

graphql::JsonValue successResponse() {
    auto json = graphql::JsonValue::object();
    json.set("success", true);
    return json;
}

} // namespace authcore::appliance
