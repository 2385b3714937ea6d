// SPDX-License-Identifier: Apache-2.0
// Syntax tree of a GraphQL executable document, as produced by parse().
#pragma once

#include <authcore/graphql/location.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace authcore::graphql {

struct Value;
struct ObjectField;
struct Selection;

/// The literal `null`.
struct NullValue {};

/// The literal `true` or `false`.
struct BooleanValue {
  bool value = false;
};

/// An integer literal kept as written; its range is checked against the schema, not here.
struct IntValue {
  std::string text;
};

/// A float literal kept as written.
struct FloatValue {
  std::string text;
};

/// A string literal with escapes decoded; `block` strings (`"""`) are already dedented.
struct StringValue {
  std::string value;
  bool block = false;
};

/// An enum literal: any name other than `true`, `false` and `null`.
struct EnumValue {
  std::string name;
};

/// A variable reference `$name` (stored without the `$`); never inside a constant value.
struct Variable {
  std::string name;
};

/// `[ value ... ]`, possibly empty.
struct ListValue {
  std::vector<Value> values;
};

/// `{ name: value ... }` with fields in source order (duplicates are a validation matter).
struct ObjectValue {
  std::vector<ObjectField> fields;
};

/// Any input value literal and where it starts.
struct Value {
  std::variant<NullValue, BooleanValue, IntValue, FloatValue, StringValue, EnumValue,
               Variable, ListValue, ObjectValue>
      data;
  Location location;
};

/// One `name: value` entry of an object literal.
struct ObjectField {
  std::string name;
  Value value;
  Location location;
};

/// One `name: value` argument of a field or directive.
struct Argument {
  std::string name;
  Value value;
  Location location;
};

/// `@name(arguments)`.
struct Directive {
  std::string name;
  std::vector<Argument> arguments;
  Location location;
};

/// A wrapper around a named type, see Type::wrappers.
enum class TypeWrapper {
  List,     ///< `[T]`
  NonNull,  ///< `T!`
};

/// A variable's type: the named type and its wrappers from the outside in, so
/// `[Int!]!` is name "Int" with wrappers {NonNull, List, NonNull}.
struct Type {
  std::string name;
  std::vector<TypeWrapper> wrappers;
  Location location;
};

/// `alias: name(arguments) @directives { selections }`; an empty selection set
/// means the field has none (the grammar forbids `{}`).
struct Field {
  std::optional<std::string> alias;
  std::string name;
  std::vector<Argument> arguments;
  std::vector<Directive> directives;
  std::vector<Selection> selectionSet;
  Location location;
};

/// `...Name @directives`.
struct FragmentSpread {
  std::string name;
  std::vector<Directive> directives;
  Location location;
};

/// `... on Type @directives { selections }`; the type condition is optional.
struct InlineFragment {
  std::optional<std::string> typeCondition;
  std::vector<Directive> directives;
  std::vector<Selection> selectionSet;
  Location location;
};

/// One entry of a selection set.
struct Selection {
  std::variant<Field, FragmentSpread, InlineFragment> data;
};

/// The three operation kinds.
enum class OperationType {
  Query,         ///< `query` or the `{ ... }` shorthand
  Mutation,      ///< `mutation`
  Subscription,  ///< `subscription`
};

/// `$name: Type = default @directives`; the default value is constant.
struct VariableDefinition {
  std::string name;
  Type type;
  std::optional<Value> defaultValue;
  std::vector<Directive> directives;
  Location location;
};

/// An operation; `name` is empty for anonymous operations and the shorthand form.
struct OperationDefinition {
  OperationType operation = OperationType::Query;
  std::optional<std::string> name;
  std::vector<VariableDefinition> variables;
  std::vector<Directive> directives;
  std::vector<Selection> selectionSet;
  Location location;
};

/// `fragment Name on Type @directives { selections }`.
struct FragmentDefinition {
  std::string name;
  std::string typeCondition;
  std::vector<Directive> directives;
  std::vector<Selection> selectionSet;
  Location location;
};

/// A top-level definition of an executable document.
using Definition = std::variant<OperationDefinition, FragmentDefinition>;

/// A parsed executable document: at least one definition, in source order.
struct Document {
  std::vector<Definition> definitions;
};

}  // namespace authcore::graphql
