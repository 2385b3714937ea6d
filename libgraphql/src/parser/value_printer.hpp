// SPDX-License-Identifier: Apache-2.0
// GraphQL source text of a value literal (introspection's defaultValue, messages).
#pragma once

#include <authcore/graphql/ast.hpp>

#include <string>

namespace authcore::graphql::detail {

/// The literal as graphql-js prints it: `"text"`, `[1, 2]`, `{a: RED}`, `$var`.
std::string printValue(const Value& value);

}  // namespace authcore::graphql::detail
