// SPDX-License-Identifier: Apache-2.0
// An executable GraphQL schema: the types of an SDL text and their resolvers.
#pragma once

#include <authcore/graphql/schema_types.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authcore::graphql {

class SchemaBuilder;
namespace detail {
class SchemaAssembler;
}

/// A validated schema, built by SchemaBuilder. It also holds the built-in scalars,
/// directives and introspection types. Move-only: parts point at each other.
class Schema {
public:
  Schema(Schema&&) = default;
  Schema& operator=(Schema&&) = default;
  Schema(const Schema&) = delete;
  Schema& operator=(const Schema&) = delete;

  /// The named type, or nullptr.
  const SchemaType* type(std::string_view name) const;
  /// All named types, by name.
  const std::map<std::string, SchemaType, std::less<>>& types() const { return types_; }
  const SchemaType& queryType() const { return *query_; }
  /// nullptr when the schema has no mutations (or subscriptions).
  const SchemaType* mutationType() const { return mutation_; }
  const SchemaType* subscriptionType() const { return subscription_; }
  const std::optional<std::string>& description() const { return description_; }

  /// The field as a selection on `parent` sees it, including the meta-fields
  /// `__typename` (every composite type) and `__schema`, `__type` (query type).
  const SchemaField* field(const SchemaType& parent, std::string_view name) const;
  /// The directive, or nullptr.
  const SchemaDirective* directive(std::string_view name) const;
  const std::vector<SchemaDirective>& directives() const { return directives_; }
  /// Whether object type `object` belongs to `abstract` (itself when `abstract` is an object).
  bool isPossibleType(const SchemaType& abstract, const SchemaType& object) const;

private:
  friend class SchemaBuilder;
  friend class detail::SchemaAssembler;
  Schema() = default;

  std::map<std::string, SchemaType, std::less<>> types_;
  std::vector<SchemaDirective> directives_;
  const SchemaType* query_ = nullptr;
  const SchemaType* mutation_ = nullptr;
  const SchemaType* subscription_ = nullptr;
  std::optional<std::string> description_;
  SchemaField typenameField_;
  SchemaField schemaField_;
  SchemaField typeField_;
};

}  // namespace authcore::graphql
