// SPDX-License-Identifier: Apache-2.0
// CollectFields, once per selection and object type.
#include "execution/field_plan.hpp"

#include <algorithm>

namespace authcore::graphql::detail {

Planner::Planner(const Schema& schema, const Document& document, const JsonValue& variables)
    : schema_(schema), variables_(variables) {
  for (const auto& definition : document.definitions) {
    if (const auto* fragment = std::get_if<FragmentDefinition>(&definition)) {
      fragments_.emplace(fragment->name, fragment);
    }
  }
}

std::unique_ptr<FieldPlan> Planner::plan(const SchemaType& objectType,
                                         const std::vector<Selection>& selectionSet) {
  auto plan = std::make_unique<FieldPlan>();
  std::set<std::string_view> visited;
  collect(objectType, selectionSet, *plan, visited);
  return plan;
}

FieldPlan& Planner::subPlan(PlannedField& field, const SchemaType& objectType) {
  auto& slot = field.subPlans[&objectType];
  if (!slot) {
    slot = std::make_unique<FieldPlan>();
    std::set<std::string_view> visited;
    for (const Field* node : field.nodes) collect(objectType, node->selectionSet, *slot, visited);
  }
  return *slot;
}

void Planner::collect(const SchemaType& objectType, const std::vector<Selection>& selectionSet,
                      FieldPlan& plan, std::set<std::string_view>& visitedFragments) {
  for (const auto& selection : selectionSet) {
    if (const auto* field = std::get_if<Field>(&selection.data)) {
      if (included(field->directives)) addField(objectType, *field, plan);
    } else if (const auto* inline_ = std::get_if<InlineFragment>(&selection.data)) {
      if (!included(inline_->directives)) continue;
      if (inline_->typeCondition && !applies(objectType, *inline_->typeCondition)) continue;
      collect(objectType, inline_->selectionSet, plan, visitedFragments);
    } else {
      const auto& spread = std::get<FragmentSpread>(selection.data);
      if (!included(spread.directives) || !visitedFragments.insert(spread.name).second) continue;
      const auto it = fragments_.find(spread.name);
      if (it == fragments_.end() || !applies(objectType, it->second->typeCondition)) continue;
      collect(objectType, it->second->selectionSet, plan, visitedFragments);
    }
  }
}

// Fields the type does not define are left out, as ExecuteSelectionSet does.
void Planner::addField(const SchemaType& objectType, const Field& field, FieldPlan& plan) {
  const std::string_view key = field.alias ? *field.alias : field.name;
  const auto it = std::ranges::find(plan.fields, key, &PlannedField::responseKey);
  if (it != plan.fields.end()) {
    it->nodes.push_back(&field);
    return;
  }
  const SchemaField* definition = schema_.field(objectType, field.name);
  if (!definition) return;
  PlannedField planned;
  planned.responseKey = key;
  planned.parentType = objectType.name;
  planned.field = definition;
  planned.isTypename = field.name == "__typename";
  planned.nodes.push_back(&field);
  planned.arguments = coerceArguments(definition->arguments, field.arguments, variables_);
  plan.fields.push_back(std::move(planned));
}

bool Planner::included(const std::vector<Directive>& directives) const {
  for (const auto& directive : directives) {
    if (directive.name != "skip" && directive.name != "include") continue;
    const SchemaDirective* definition = schema_.directive(directive.name);
    const auto arguments = coerceArguments(definition->arguments, directive.arguments, variables_);
    const JsonValue* condition = arguments ? arguments->find("if") : nullptr;
    const bool value = condition && condition->isBool() && condition->asBool();
    if (directive.name == "skip" ? value : !value) return false;
  }
  return true;
}

bool Planner::applies(const SchemaType& objectType, std::string_view typeCondition) const {
  const SchemaType* condition = schema_.type(typeCondition);
  return condition && schema_.isPossibleType(*condition, objectType);
}

}  // namespace authcore::graphql::detail
