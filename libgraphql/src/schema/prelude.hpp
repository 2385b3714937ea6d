// SPDX-License-Identifier: Apache-2.0
// SDL of what every schema has: built-in scalars, directives and introspection types.
#pragma once

#include <string_view>

namespace authcore::graphql::detail {

/// Parsed before the application's SDL by SchemaBuilder::build().
extern const std::string_view kPreludeSdl;

}  // namespace authcore::graphql::detail
