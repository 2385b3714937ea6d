// SPDX-License-Identifier: Apache-2.0
// Builds a Schema from SDL text plus C++ resolvers, so the served schema is the contract file.
#pragma once

#include <authcore/graphql/location.hpp>
#include <authcore/graphql/resolver.hpp>
#include <authcore/graphql/schema.hpp>
#include <authcore/graphql/sdl_ast.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace authcore::graphql {

/// Why a schema could not be built: bad SDL, a type that does not exist, a
/// binding to an unknown field...
struct SchemaError {
  std::string message;
  Location location;  ///< in the SDL text, when the error is about it
};

/// Collects SDL and bindings, then checks everything at once in build().
///
///     auto schema = SchemaBuilder()
///                       .addSdl(sdlText)
///                       .bindField("Query", "clients", resolveClients)
///                       .build();
///
/// Binding functions never fail on their own: mistakes (unknown type or field,
/// a scalar coercer for a non-scalar) are reported by build().
class SchemaBuilder {
public:
  /// Adds type system definitions (more than one call merges them, `extend` works across calls).
  SchemaBuilder& addSdl(std::string_view sdl);
  /// Sets the resolver of `type.field` (object or interface type).
  SchemaBuilder& bindField(std::string_view type, std::string_view field, Resolver resolver);
  /// Sets the input/output coercion of a custom scalar.
  SchemaBuilder& bindScalar(std::string_view scalar, ScalarCoercer coercer);
  /// Sets how values of interface or union `type` find their object type.
  SchemaBuilder& bindTypeResolver(std::string_view type, TypeResolver resolver);

  /// The schema, or the first problem: SDL syntax, unknown or duplicate types,
  /// input/output type misuse, missing interface fields, bad bindings, no Query type.
  tl::expected<Schema, SchemaError> build();

  /// Shorthand for SchemaBuilder().addSdl(sdl).build() (a schema with default resolvers only).
  static tl::expected<Schema, SchemaError> fromSdl(std::string_view sdl);

private:
  struct FieldBinding {
    std::string type;
    std::string field;
    Resolver resolver;
  };
  struct ScalarBinding {
    std::string scalar;
    ScalarCoercer coercer;
  };
  struct TypeResolverBinding {
    std::string type;
    TypeResolver resolver;
  };

  std::vector<TypeSystemDefinition> definitions_;
  std::vector<FieldBinding> fields_;
  std::vector<ScalarBinding> scalars_;
  std::vector<TypeResolverBinding> typeResolvers_;
  std::optional<SchemaError> error_;
};

}  // namespace authcore::graphql
