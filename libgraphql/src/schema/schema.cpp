// SPDX-License-Identifier: Apache-2.0
// Lookups on a built Schema.
#include <authcore/graphql/schema.hpp>

#include <algorithm>

namespace authcore::graphql {

const SchemaType* Schema::type(std::string_view name) const {
  const auto it = types_.find(name);
  return it == types_.end() ? nullptr : &it->second;
}

const SchemaField* Schema::field(const SchemaType& parent, std::string_view name) const {
  if (name.starts_with("__")) {
    if (name == "__typename" && parent.isComposite()) return &typenameField_;
    if (&parent == query_ && name == "__schema") return &schemaField_;
    if (&parent == query_ && name == "__type") return &typeField_;
  }
  return parent.field(name);
}

const SchemaDirective* Schema::directive(std::string_view name) const {
  const auto it = std::ranges::find(directives_, name, &SchemaDirective::name);
  return it == directives_.end() ? nullptr : &*it;
}

bool Schema::isPossibleType(const SchemaType& abstract, const SchemaType& object) const {
  if (&abstract == &object) return true;
  return std::ranges::find(abstract.possibleTypes, object.name) != abstract.possibleTypes.end();
}

}  // namespace authcore::graphql
