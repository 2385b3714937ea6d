// SPDX-License-Identifier: Apache-2.0
// Syntax tree of a GraphQL type system document (SDL), as produced by parseSchema().
#pragma once

#include <authcore/graphql/ast.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace authcore::graphql {

/// An argument or input field: `"desc" name: Type = default @directives`.
struct InputValueDefinition {
  std::optional<std::string> description;
  std::string name;
  Type type;
  std::optional<Value> defaultValue;  ///< constant
  std::vector<Directive> directives;
  Location location;
};

/// A field of an object or interface type.
struct FieldDefinition {
  std::optional<std::string> description;
  std::string name;
  std::vector<InputValueDefinition> arguments;
  Type type;
  std::vector<Directive> directives;
  Location location;
};

/// One value of an enum type.
struct EnumValueDefinition {
  std::optional<std::string> description;
  std::string name;
  std::vector<Directive> directives;
  Location location;
};

/// The six kinds of named types.
enum class TypeKind {
  Scalar,       ///< `scalar`
  Object,       ///< `type`
  Interface,    ///< `interface`
  Union,        ///< `union`
  Enum,         ///< `enum`
  InputObject,  ///< `input`
};

/// A named type definition or (with `extension`) an `extend` of one. Only the
/// members that belong to `kind` are filled.
struct TypeDefinition {
  TypeKind kind = TypeKind::Object;
  bool extension = false;
  std::optional<std::string> description;
  std::string name;
  std::vector<Directive> directives;
  std::vector<std::string> interfaces;            ///< object, interface
  std::vector<FieldDefinition> fields;            ///< object, interface
  std::vector<std::string> unionMembers;          ///< union
  std::vector<EnumValueDefinition> enumValues;    ///< enum
  std::vector<InputValueDefinition> inputFields;  ///< input object
  Location location;
};

/// `query: Query` inside a schema definition.
struct RootOperationTypeDefinition {
  OperationType operation = OperationType::Query;
  std::string type;
  Location location;
};

/// `schema { ... }` or (with `extension`) `extend schema { ... }`.
struct SchemaDefinition {
  bool extension = false;
  std::optional<std::string> description;
  std::vector<Directive> directives;
  std::vector<RootOperationTypeDefinition> operationTypes;
  Location location;
};

/// `directive @name(arguments) repeatable on LOCATION | ...`.
struct DirectiveDefinition {
  std::optional<std::string> description;
  std::string name;
  std::vector<InputValueDefinition> arguments;
  bool repeatable = false;
  std::vector<std::string> locations;  ///< as written, e.g. "FIELD_DEFINITION"
  Location location;
};

/// A top-level definition of a type system document.
using TypeSystemDefinition = std::variant<SchemaDefinition, TypeDefinition, DirectiveDefinition>;

/// A parsed type system document: at least one definition, in source order.
struct SchemaDocument {
  std::vector<TypeSystemDefinition> definitions;
};

}  // namespace authcore::graphql
