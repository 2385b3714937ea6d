// SPDX-License-Identifier: Apache-2.0
// validate(): document-level rules, then the walk, then the rules that need
// every definition's facts (variables per operation, fragment use and cycles).
#include <authcore/graphql/validation.hpp>

#include "validation/selection_walker.hpp"
#include "validation/validation_context.hpp"

#include <algorithm>
#include <set>

namespace authcore::graphql {

namespace detail {

namespace {

void uniqueNames(ValidationContext& context) {
  std::set<std::string_view> operations;
  std::set<std::string_view> fragments;
  std::size_t operationCount = 0;
  for (const auto& definition : context.document().definitions) {
    operationCount += std::holds_alternative<OperationDefinition>(definition) ? 1 : 0;
  }
  for (const auto& definition : context.document().definitions) {
    if (const auto* operation = std::get_if<OperationDefinition>(&definition)) {
      if (!operation->name && operationCount > 1) {
        context.report("This anonymous operation must be the only defined operation.", {operation->location});
      }
      if (operation->name && !operations.insert(*operation->name).second) {
        context.report("There can be only one operation named " + quote(*operation->name) + ".",
                       {operation->location});
      }
    } else {
      const auto& fragment = std::get<FragmentDefinition>(definition);
      if (!fragments.insert(fragment.name).second) {
        context.report("There can be only one fragment named " + quote(fragment.name) + ".", {fragment.location});
      }
    }
  }
}

// Depth-first search for a spread that leads back to a fragment on the path.
void fragmentCycles(ValidationContext& context) {
  std::set<std::string_view> done;
  std::vector<std::string_view> path;
  auto visit = [&](auto& self, const FragmentDefinition& fragment) -> void {
    if (done.contains(fragment.name)) return;
    path.push_back(fragment.name);
    for (const FragmentSpread* spread : context.facts(&fragment).spreads) {
      if (std::ranges::find(path, spread->name) != path.end()) {
        context.report("Cannot spread fragment " + quote(spread->name) + " within itself.", {spread->location});
      } else if (const auto* next = context.fragment(spread->name)) {
        self(self, *next);
      }
    }
    path.pop_back();
    done.insert(fragment.name);
  };
  for (const auto& definition : context.document().definitions) {
    if (const auto* fragment = std::get_if<FragmentDefinition>(&definition)) visit(visit, *fragment);
  }
}

std::vector<const FragmentDefinition*> reachableFragments(ValidationContext& context, const void* from) {
  std::vector<const FragmentDefinition*> found;
  std::vector<const void*> queue{from};
  while (!queue.empty()) {
    const void* definition = queue.back();
    queue.pop_back();
    for (const FragmentSpread* spread : context.facts(definition).spreads) {
      const FragmentDefinition* fragment = context.fragment(spread->name);
      if (fragment && std::ranges::find(found, fragment) == found.end()) {
        found.push_back(fragment);
        queue.push_back(fragment);
      }
    }
  }
  return found;
}

void variableUsage(ValidationContext& context, const OperationDefinition& operation, const VariableUsage& usage) {
  const auto it = std::ranges::find(operation.variables, usage.name, &VariableDefinition::name);
  if (it == operation.variables.end()) {
    context.report("Variable \"$" + std::string(usage.name) + "\" is not defined" +
                       (operation.name ? " by operation " + quote(*operation.name) : std::string()) + ".",
                   {usage.location, operation.location});
    return;
  }
  const TypeView variableType = viewOf(context.schema(), it->type);
  if (!usage.type.named || !variableType.named) return;
  TypeView locationType = usage.type;
  const bool nonNullDefault = it->defaultValue && !std::holds_alternative<NullValue>(it->defaultValue->data);
  if (locationType.isNonNull() && !variableType.isNonNull() && (nonNullDefault || usage.hasLocationDefault)) {
    locationType = locationType.ofType();
  }
  if (!isSubType(context.schema(), variableType, locationType)) {
    context.report("Variable \"$" + std::string(usage.name) + "\" of type " + quote(variableType.toString()) +
                       " used in position expecting type " + quote(usage.type.toString()) + ".",
                   {it->location, usage.location});
  }
}

void operationVariables(ValidationContext& context, const OperationDefinition& operation,
                        std::set<const FragmentDefinition*>& usedFragments) {
  std::vector<const VariableUsage*> usages;
  for (const auto& usage : context.facts(&operation).variables) usages.push_back(&usage);
  for (const FragmentDefinition* fragment : reachableFragments(context, &operation)) {
    usedFragments.insert(fragment);
    for (const auto& usage : context.facts(fragment).variables) usages.push_back(&usage);
  }
  for (const VariableUsage* usage : usages) variableUsage(context, operation, *usage);
  for (const auto& variable : operation.variables) {
    const bool used = std::ranges::any_of(usages, [&](const VariableUsage* u) { return u->name == variable.name; });
    if (!used) {
      context.report("Variable \"$" + variable.name + "\" is never used" +
                         (operation.name ? " in operation " + quote(*operation.name) : std::string()) + ".",
                     {variable.location});
    }
  }
}

}  // namespace

}  // namespace detail

std::vector<Error> validate(const Schema& schema, const Document& document, std::size_t maxErrors) {
  detail::ValidationContext context(schema, document, maxErrors);
  detail::uniqueNames(context);
  detail::SelectionWalker walker(context);
  for (const auto& definition : document.definitions) {
    if (const auto* operation = std::get_if<OperationDefinition>(&definition)) {
      walker.walkOperation(*operation);
    } else {
      walker.walkFragment(std::get<FragmentDefinition>(definition));
    }
  }
  detail::fragmentCycles(context);
  std::set<const FragmentDefinition*> usedFragments;
  for (const auto& definition : document.definitions) {
    if (const auto* operation = std::get_if<OperationDefinition>(&definition)) {
      detail::operationVariables(context, *operation, usedFragments);
    }
  }
  for (const auto& definition : document.definitions) {
    const auto* fragment = std::get_if<FragmentDefinition>(&definition);
    if (fragment && !usedFragments.contains(context.fragment(fragment->name))) {
      context.report("Fragment " + detail::quote(fragment->name) + " is never used.", {fragment->location});
    }
  }
  return context.takeErrors();
}

}  // namespace authcore::graphql
