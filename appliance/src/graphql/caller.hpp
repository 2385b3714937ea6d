// SPDX-License-Identifier: Apache-2.0
// What every management resolver gets: the composition root and who is asking.
#pragma once

#include "app/context.hpp"

#include <authcore/graphql/resolver.hpp>
#include <authcore/services/principal.hpp>

#include <optional>
#include <string>
#include <vector>

namespace authcore::appliance {

struct GraphqlCaller {
    Context& context;
    /// Unset for a request without credentials: every field then answers UNAUTHENTICATED.
    std::optional<Principal> principal;
    /// `X-AuthCore-Organization`: the organization a new client goes to.
    std::string organizationSlug;
};

/// The caller of a resolver; throws Error(Unauthenticated) without credentials.
const Principal& principalOf(const graphql::FieldContext& field);
GraphqlCaller& callerOf(const graphql::FieldContext& field);

/// `body` with every authcore::Error mapped to a field error whose
/// extensions.code is UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT,
/// RATE_LIMITED, STORE_UNAVAILABLE or INTERNAL_SERVER_ERROR.
graphql::Resolver guarded(graphql::Resolver body);

/// Required String/ID argument.
std::string stringArgument(const graphql::FieldContext& field, std::string_view name);
/// The strings of a [String] value; nulls (and a missing list) are skipped.
std::vector<std::string> stringsOf(const graphql::JsonValue* list);
/// The `input` argument object; Error(InvalidInput) when it is missing.
const graphql::JsonValue& inputArgument(const graphql::FieldContext& field);
/// A String member of an input object; nullopt when absent or null.
std::optional<std::string> optionalString(const graphql::JsonValue& input, std::string_view name);
/// An Int member of an input object; nullopt when absent or null.
std::optional<long long> optionalInt(const graphql::JsonValue& input, std::string_view name);
/// A [String] member of an input object; nullopt when absent or null.
std::optional<std::vector<std::string>> optionalStrings(const graphql::JsonValue& input, std::string_view name);
/// Response{success: true}.
graphql::JsonValue successResponse();

} // namespace authcore::appliance
