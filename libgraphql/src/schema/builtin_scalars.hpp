// SPDX-License-Identifier: Apache-2.0
// Coercion of the built-in scalars Int, Float, String, Boolean and ID (spec 3.5).
#pragma once

#include <authcore/graphql/resolver.hpp>

#include <string_view>

namespace authcore::graphql::detail {

/// Whether `name` is one of the five built-in scalars.
bool isBuiltinScalar(std::string_view name);

/// The spec's result and input coercion for a built-in scalar (empty functions otherwise).
ScalarCoercer builtinScalarCoercer(std::string_view name);

}  // namespace authcore::graphql::detail
