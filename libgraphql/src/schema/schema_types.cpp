// SPDX-License-Identifier: Apache-2.0
// Lookups on the parts of a Schema.
#include <authcore/graphql/schema_types.hpp>

#include <algorithm>

namespace authcore::graphql {

namespace {

// Types have tens of fields at most, so a scan beats hashing.
template <class T>
const T* findNamed(const std::vector<T>& items, std::string_view name) {
  const auto it = std::ranges::find(items, name, &T::name);
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const SchemaInputValue* SchemaField::argument(std::string_view argumentName) const {
  return findNamed(arguments, argumentName);
}

const SchemaField* SchemaType::field(std::string_view fieldName) const {
  return findNamed(fields, fieldName);
}

const SchemaInputValue* SchemaType::inputField(std::string_view fieldName) const {
  return findNamed(inputFields, fieldName);
}

const SchemaEnumValue* SchemaType::enumValue(std::string_view valueName) const {
  return findNamed(enumValues, valueName);
}

bool SchemaType::isComposite() const {
  return kind == TypeKind::Object || isAbstract();
}

bool SchemaType::isAbstract() const {
  return kind == TypeKind::Interface || kind == TypeKind::Union;
}

bool SchemaType::isLeaf() const {
  return kind == TypeKind::Scalar || kind == TypeKind::Enum;
}

bool SchemaType::isInput() const {
  return isLeaf() || kind == TypeKind::InputObject;
}

const SchemaInputValue* SchemaDirective::argument(std::string_view argumentName) const {
  return findNamed(arguments, argumentName);
}

}  // namespace authcore::graphql
