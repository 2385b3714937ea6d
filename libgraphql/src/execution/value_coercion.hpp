// SPDX-License-Identifier: Apache-2.0
// Input coercion (spec 3.5, 3.10, 6.1.2, 6.4.1): literals, JSON variables, arguments.
#pragma once

#include <authcore/graphql/ast.hpp>
#include <authcore/graphql/json_value.hpp>
#include <authcore/graphql/schema.hpp>

#include "schema/type_view.hpp"

#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace authcore::graphql::detail {

/// A coerced input value, or why it cannot be coerced.
using Coerced = tl::expected<JsonValue, std::string>;

/// Coerces a literal to `type`. Variables take their (already coerced) value
/// from `variables`; when `variables` is nullptr (validation, before any
/// request) every variable is accepted as it stands.
Coerced coerceLiteral(const Value& literal, TypeView type, const JsonValue* variables);

/// Coerces a JSON input value (a variable's) to `type`.
Coerced coerceJson(const JsonValue& value, TypeView type);

/// CoerceArgumentValues: the arguments of a field or directive as an object;
/// absent arguments without a default are left out.
Coerced coerceArguments(const std::vector<SchemaInputValue>& definitions,
                        const std::vector<Argument>& arguments, const JsonValue& variables);

/// CoerceVariableValues: the operation's variables as an object, or the message of
/// the first that is invalid.
Coerced coerceVariables(const Schema& schema, const OperationDefinition& operation,
                        const JsonValue& inputs);

}  // namespace authcore::graphql::detail
