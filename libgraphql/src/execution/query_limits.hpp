// SPDX-License-Identifier: Apache-2.0
// Depth and cost of an operation, measured before anything is resolved.
#pragma once

#include <authcore/graphql/ast.hpp>
#include <authcore/graphql/error.hpp>
#include <authcore/graphql/executor.hpp>
#include <authcore/graphql/schema.hpp>

#include <optional>

namespace authcore::graphql::detail {

/// An error when `operation` (of a valid `document`) nests deeper than
/// options.maxDepth or costs more than options.maxCost; `variables` are the
/// coerced values that `first`/`last` may come from.
std::optional<Error> checkLimits(const Schema& schema, const Document& document,
                                 const OperationDefinition& operation, const JsonValue& variables,
                                 const ExecutionOptions& options);

}  // namespace authcore::graphql::detail
