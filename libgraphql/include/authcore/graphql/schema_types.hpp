// SPDX-License-Identifier: Apache-2.0
// The parts of a built Schema: types, fields, arguments, enum values, directives.
#pragma once

#include <authcore/graphql/ast.hpp>
#include <authcore/graphql/resolver.hpp>
#include <authcore/graphql/sdl_ast.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authcore::graphql {

struct SchemaType;

/// An argument or input field.
struct SchemaInputValue {
  std::string name;
  std::optional<std::string> description;
  Type type;                                ///< as written in the SDL
  const SchemaType* namedType = nullptr;    ///< `type.name` resolved
  std::optional<Value> defaultValue;        ///< constant literal
  std::optional<std::string> deprecationReason;
};

/// A field of an object or interface type.
struct SchemaField {
  std::string name;
  std::optional<std::string> description;
  std::vector<SchemaInputValue> arguments;
  Type type;
  const SchemaType* namedType = nullptr;
  std::optional<std::string> deprecationReason;
  Resolver resolver;  ///< empty: the member of a JSON parent with the field's name, else null

  const SchemaInputValue* argument(std::string_view argumentName) const;
};

/// A value of an enum type.
struct SchemaEnumValue {
  std::string name;
  std::optional<std::string> description;
  std::optional<std::string> deprecationReason;
};

/// A named type; only the members that belong to `kind` are filled.
struct SchemaType {
  TypeKind kind = TypeKind::Object;
  std::string name;
  std::optional<std::string> description;
  std::vector<SchemaField> fields;             ///< object, interface
  std::vector<std::string> interfaces;         ///< object, interface
  std::vector<std::string> possibleTypes;      ///< union members; objects implementing an interface
  std::vector<SchemaEnumValue> enumValues;     ///< enum
  std::vector<SchemaInputValue> inputFields;   ///< input object
  std::optional<std::string> specifiedByUrl;   ///< scalar
  ScalarCoercer coercer;                       ///< scalar; empty functions pass values through
  TypeResolver typeResolver;                   ///< interface, union

  const SchemaField* field(std::string_view fieldName) const;
  const SchemaInputValue* inputField(std::string_view fieldName) const;
  const SchemaEnumValue* enumValue(std::string_view valueName) const;
  bool isComposite() const;  ///< object, interface or union
  bool isAbstract() const;   ///< interface or union
  bool isLeaf() const;       ///< scalar or enum
  bool isInput() const;      ///< scalar, enum or input object
};

/// A directive the schema accepts.
struct SchemaDirective {
  std::string name;
  std::optional<std::string> description;
  std::vector<SchemaInputValue> arguments;
  std::vector<std::string> locations;  ///< e.g. "FIELD", "FRAGMENT_SPREAD"
  bool repeatable = false;

  const SchemaInputValue* argument(std::string_view argumentName) const;
};

}  // namespace authcore::graphql
