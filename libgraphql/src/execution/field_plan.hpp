// SPDX-License-Identifier: Apache-2.0
// CollectFields (spec 6.3.2), done once per selection and object type, not per object.
#pragma once

#include <authcore/graphql/ast.hpp>
#include <authcore/graphql/schema.hpp>

#include "execution/value_coercion.hpp"

#include <map>
#include <memory>
#include <set>
#include <string_view>
#include <vector>

namespace authcore::graphql::detail {

struct FieldPlan;

/// One response key of a selection on an object type: the merged field nodes,
/// their definition and their arguments, coerced once for the whole execution.
struct PlannedField {
  std::string_view responseKey;
  std::string_view parentType;
  const SchemaField* field = nullptr;
  bool isTypename = false;
  std::vector<const Field*> nodes;
  Coerced arguments;
  /// Plans of the subselection, per runtime object type (filled on demand).
  std::map<const SchemaType*, std::unique_ptr<FieldPlan>> subPlans;
};

/// The fields to execute on one object type, in response order.
struct FieldPlan {
  std::vector<PlannedField> fields;
};

/// Plans selections for one operation; the document and variables must outlive it.
class Planner {
public:
  Planner(const Schema& schema, const Document& document, const JsonValue& variables);

  /// The plan of `selectionSet` on `objectType` (the root selection).
  std::unique_ptr<FieldPlan> plan(const SchemaType& objectType, const std::vector<Selection>& selectionSet);
  /// The plan of `field`'s merged subselections on `objectType`, made once.
  FieldPlan& subPlan(PlannedField& field, const SchemaType& objectType);

private:
  void collect(const SchemaType& objectType, const std::vector<Selection>& selectionSet, FieldPlan& plan,
               std::set<std::string_view>& visitedFragments);
  void addField(const SchemaType& objectType, const Field& field, FieldPlan& plan);
  bool included(const std::vector<Directive>& directives) const;
  bool applies(const SchemaType& objectType, std::string_view typeCondition) const;

  const Schema& schema_;
  std::map<std::string_view, const FragmentDefinition*> fragments_;
  const JsonValue& variables_;
};

}  // namespace authcore::graphql::detail
