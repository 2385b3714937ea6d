// SPDX-License-Identifier: Apache-2.0
// ExecuteSelectionSet, ExecuteField and CompleteValue (spec 6.3, 6.4).
#pragma once

#include <authcore/graphql/error.hpp>
#include <authcore/graphql/resolver.hpp>
#include <authcore/graphql/schema.hpp>

#include "execution/field_plan.hpp"
#include "schema/type_view.hpp"

#include <any>
#include <optional>
#include <vector>

namespace authcore::graphql::detail {

/// Runs one operation's plan. Results use std::optional: nullopt means "null
/// because of an error", which a non-null position passes on to its parent.
class ExecutionEngine {
public:
  ExecutionEngine(const Schema& schema, Planner& planner, const std::any& context)
      : schema_(schema), planner_(planner), context_(context) {}

  /// The `data` of the response (null when a non-null root field failed).
  JsonValue run(const SchemaType& rootType, FieldPlan& plan);
  /// Field errors collected by run().
  std::vector<Error>& errors() { return errors_; }

private:
  // A response path as a linked list on the stack; materialised only for errors.
  struct Path {
    const Path* parent;
    std::string_view key;
    std::size_t index;
  };
  // What is being completed: a resolver's result (whose leaves may be moved out)
  // or JSON data borrowed from a parent.
  struct Source {
    ResolverResult* result = nullptr;
    const JsonValue* json = nullptr;
  };

  std::optional<JsonValue> executeFields(const SchemaType& objectType, ObjectRef parent, FieldPlan& plan,
                                         const Path* path);
  std::optional<JsonValue> executeField(const SchemaType& objectType, ObjectRef parent, PlannedField& field,
                                        const Path& path);
  std::optional<JsonValue> completeValue(TypeView type, PlannedField& field, Source source, const Path& path);
  std::optional<JsonValue> completeNullable(TypeView type, PlannedField& field, Source source, const Path& path);
  std::optional<JsonValue> completeList(TypeView type, PlannedField& field, Source source, const Path& path);
  std::optional<JsonValue> completeLeaf(TypeView type, PlannedField& field, Source source, const Path& path);
  std::optional<JsonValue> completeObject(TypeView type, PlannedField& field, Source source, const Path& path);
  const SchemaType* resolveObjectType(TypeView type, Source source, ObjectRef object);
  std::nullopt_t fail(std::string message, JsonValue extensions, const PlannedField& field, const Path& path);

  const Schema& schema_;
  Planner& planner_;
  const std::any& context_;
  std::vector<Error> errors_;
};

}  // namespace authcore::graphql::detail
