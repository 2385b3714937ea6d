// SPDX-License-Identifier: Apache-2.0
// Resolvers of the introspection types (__Schema, __Type, ...) and meta-fields.
#pragma once

#include <authcore/graphql/resolver.hpp>
#include <authcore/graphql/schema.hpp>

namespace authcore::graphql::detail {

/// Binds the fields of the introspection types of `schema` (from the prelude SDL).
void bindIntrospection(Schema& schema);

/// `__schema`: the schema being executed.
Resolver schemaMetaResolver();
/// `__type(name:)`: the named type, or null.
Resolver typeMetaResolver();

}  // namespace authcore::graphql::detail
