// SPDX-License-Identifier: Apache-2.0
// A possibly wrapped type (`[Int!]!`) seen one wrapper at a time.
#pragma once

#include <authcore/graphql/schema.hpp>

#include <span>
#include <string>

namespace authcore::graphql::detail {

/// A named type and its wrappers from the outside in; cheap to copy, it points
/// into the schema or the document it came from.
struct TypeView {
  const SchemaType* named = nullptr;  ///< nullptr when the name is unknown
  std::span<const TypeWrapper> wrappers;

  bool isNonNull() const { return !wrappers.empty() && wrappers.front() == TypeWrapper::NonNull; }
  bool isList() const { return !wrappers.empty() && wrappers.front() == TypeWrapper::List; }
  bool isNamed() const { return wrappers.empty(); }
  /// The type inside the outermost wrapper.
  TypeView ofType() const { return {named, wrappers.subspan(1)}; }
  TypeView nullable() const { return isNonNull() ? ofType() : *this; }
  /// GraphQL notation, e.g. `[Int!]!`; `name` stands in for an unknown named type.
  std::string toString(std::string_view name = {}) const;
};

inline TypeView viewOf(const SchemaField& field) { return {field.namedType, field.type.wrappers}; }
inline TypeView viewOf(const SchemaInputValue& value) { return {value.namedType, value.type.wrappers}; }
inline TypeView viewOf(const Schema& schema, const Type& type) {
  return {schema.type(type.name), type.wrappers};
}

/// Same wrappers around the same named type.
bool sameType(TypeView a, TypeView b);
/// Whether a value of `sub` may stand where `super` is expected (spec IsSubType /
/// AreTypesCompatible for variables in allowed positions).
bool isSubType(const Schema& schema, TypeView sub, TypeView super);

}  // namespace authcore::graphql::detail
