// SPDX-License-Identifier: Apache-2.0
// Turns type system definitions into a checked Schema.
#pragma once

#include <authcore/graphql/schema.hpp>
#include <authcore/graphql/schema_builder.hpp>
#include <authcore/graphql/sdl_ast.hpp>

#include <map>
#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace authcore::graphql::detail {

/// One use per schema: assemble() merges extensions into their types, converts
/// them, resolves and checks every type reference and sets the root types.
class SchemaAssembler {
public:
  tl::expected<Schema, SchemaError> assemble(const std::vector<TypeSystemDefinition>& definitions);

  /// Write access for SchemaBuilder's bindings.
  static SchemaType* mutableType(Schema& schema, std::string_view name);
  static SchemaField* mutableField(Schema& schema, std::string_view type, std::string_view field);

private:
  void collect(const std::vector<TypeSystemDefinition>& definitions);
  void collectSchema(const SchemaDefinition& definition);
  void collectDirective(const DirectiveDefinition& definition);
  void applyExtension(const TypeDefinition& extension);
  void convertTypes();
  void resolveType(SchemaType& type);
  void resolveInputValues(std::vector<SchemaInputValue>& values, const std::string& owner);
  void checkImplementations(const SchemaType& type);
  void checkInputCycles(const SchemaType& type);
  void setRoots();
  void pruneUnusedScalars();
  void setMetaFields();
  void fail(std::string message, Location location = {});
  bool ok() const { return !error_; }

  Schema schema_;
  std::map<std::string, TypeDefinition, std::less<>> merged_;
  std::vector<const TypeDefinition*> extensions_;
  std::vector<RootOperationTypeDefinition> roots_;
  bool hasSchemaDefinition_ = false;
  std::optional<SchemaError> error_;
};

}  // namespace authcore::graphql::detail
