// SPDX-License-Identifier: Apache-2.0
// SDL syntax-tree nodes to Schema parts (names still unresolved).
#pragma once

#include <authcore/graphql/schema_types.hpp>
#include <authcore/graphql/sdl_ast.hpp>

namespace authcore::graphql::detail {

/// The type with its fields, values and `@deprecated` / `@specifiedBy` applied;
/// union members go to `possibleTypes`.
SchemaType toSchemaType(const TypeDefinition& definition);

SchemaDirective toSchemaDirective(const DirectiveDefinition& definition);

}  // namespace authcore::graphql::detail
