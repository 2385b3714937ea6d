// SPDX-License-Identifier: Apache-2.0
// The validation rules of the GraphQL specification (October 2021, section 5).
#pragma once

#include <authcore/graphql/ast.hpp>
#include <authcore/graphql/error.hpp>
#include <authcore/graphql/schema.hpp>

#include <cstddef>
#include <vector>

namespace authcore::graphql {

/// Checks `document` against `schema` with every rule of section 5 and returns
/// the errors found (at most `maxErrors`); empty means valid. "Executable
/// definitions" is enforced by parse(), which refuses type system definitions.
/// Subscriptions are validated but Executor does not run them.
std::vector<Error> validate(const Schema& schema, const Document& document,
                            std::size_t maxErrors = 100);

}  // namespace authcore::graphql
