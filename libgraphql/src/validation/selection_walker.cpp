// SPDX-License-Identifier: Apache-2.0
// Rules on operations, fields and fragments; messages follow the reference implementation.
#include "validation/selection_walker.hpp"

#include "validation/overlap_rule.hpp"

#include <algorithm>
#include <set>

namespace authcore::graphql::detail {

namespace {

const char* operationLocation(OperationType type) {
  switch (type) {
    case OperationType::Query: return "QUERY";
    case OperationType::Mutation: return "MUTATION";
    case OperationType::Subscription: return "SUBSCRIPTION";
  }
  return "QUERY";
}

const char* operationName(OperationType type) {
  switch (type) {
    case OperationType::Query: return "query";
    case OperationType::Mutation: return "mutation";
    case OperationType::Subscription: return "subscription";
  }
  return "query";
}

}  // namespace

void SelectionWalker::walkOperation(const OperationDefinition& operation) {
  context_.current = &context_.facts(&operation);
  directives(operation.directives, operationLocation(operation.operation));
  variableDefinitions(operation);
  const SchemaType* root = &schema_.queryType();
  if (operation.operation == OperationType::Mutation) root = schema_.mutationType();
  if (operation.operation == OperationType::Subscription) root = schema_.subscriptionType();
  if (!root) {
    context_.report(std::string("Schema is not configured to execute ") + operationName(operation.operation) +
                        " operation.", {operation.location});
  }
  if (operation.operation == OperationType::Subscription) subscriptionRoot(operation);
  selectionSet(root, operation.selectionSet);
}

void SelectionWalker::walkFragment(const FragmentDefinition& fragment) {
  context_.current = &context_.facts(&fragment);
  const SchemaType* type = typeCondition(fragment.typeCondition, fragment.location, fragment.name);
  directives(fragment.directives, "FRAGMENT_DEFINITION");
  selectionSet(type, fragment.selectionSet);
}

void SelectionWalker::variableDefinitions(const OperationDefinition& operation) {
  std::set<std::string_view> seen;
  for (const auto& variable : operation.variables) {
    if (!seen.insert(variable.name).second) {
      context_.report("There can be only one variable named \"$" + variable.name + "\".", {variable.location});
    }
    const TypeView type = viewOf(schema_, variable.type);
    if (!type.named) {
      context_.report("Unknown type " + quote(variable.type.name) + ".", {variable.type.location});
    } else if (!type.named->isInput()) {
      context_.report("Variable \"$" + variable.name + "\" cannot be non-input type " +
                          quote(type.toString()) + ".", {variable.type.location});
    } else if (variable.defaultValue) {
      value(*variable.defaultValue, type, false);
    }
    directives(variable.directives, "VARIABLE_DEFINITION");
  }
}

// Counts distinct response keys at the root, through fragments (directives ignored).
void SelectionWalker::subscriptionRoot(const OperationDefinition& operation) {
  std::set<std::string_view> keys;
  std::set<std::string_view> visited;
  auto collect = [&](auto& self, const std::vector<Selection>& selections) -> void {
    for (const auto& selection : selections) {
      if (const auto* field = std::get_if<Field>(&selection.data)) {
        keys.insert(field->alias ? *field->alias : field->name);
      } else if (const auto* inline_ = std::get_if<InlineFragment>(&selection.data)) {
        self(self, inline_->selectionSet);
      } else if (const auto& spread = std::get<FragmentSpread>(selection.data); visited.insert(spread.name).second) {
        if (const auto* fragment = context_.fragment(spread.name)) self(self, fragment->selectionSet);
      }
    }
  };
  collect(collect, operation.selectionSet);
  if (keys.size() > 1) {
    context_.report((operation.name ? "Subscription " + quote(*operation.name) : std::string("Anonymous Subscription")) +
                        " must select only one top level field.", {operation.location});
  }
}

void SelectionWalker::selectionSet(const SchemaType* parent, const std::vector<Selection>& selections) {
  if (parent) checkOverlappingFields(context_, *parent, selections);
  for (const auto& selection : selections) {
    if (context_.full()) return;
    if (const auto* f = std::get_if<Field>(&selection.data)) {
      field(parent, *f);
    } else if (const auto* inline_ = std::get_if<InlineFragment>(&selection.data)) {
      inlineFragment(parent, *inline_);
    } else {
      fragmentSpread(parent, std::get<FragmentSpread>(selection.data));
    }
  }
}

void SelectionWalker::field(const SchemaType* parent, const Field& field) {
  const SchemaField* definition = parent ? schema_.field(*parent, field.name) : nullptr;
  if (parent && !definition) {
    context_.report("Cannot query field " + quote(field.name) + " on type " + quote(parent->name) + ".",
                    {field.location});
  }
  const std::string owner = "field " + quote((parent ? parent->name + "." : std::string()) + field.name);
  arguments(definition ? &definition->arguments : nullptr, field.arguments, owner, field.location);
  directives(field.directives, "FIELD");
  const SchemaType* type = definition ? definition->namedType : nullptr;
  if (type) leafSelection(field, *type);
  selectionSet(type && type->isComposite() ? type : nullptr, field.selectionSet);
}

void SelectionWalker::leafSelection(const Field& field, const SchemaType& type) {
  if (type.isLeaf() && !field.selectionSet.empty()) {
    context_.report("Field " + quote(field.name) + " must not have a selection since type " + quote(type.name) +
                        " has no subfields.", {field.location});
  } else if (type.isComposite() && field.selectionSet.empty()) {
    context_.report("Field " + quote(field.name) + " of type " + quote(type.name) +
                        " must have a selection of subfields. Did you mean \"" + field.name + " { ... }\"?",
                    {field.location});
  }
}

void SelectionWalker::inlineFragment(const SchemaType* parent, const InlineFragment& fragment) {
  directives(fragment.directives, "INLINE_FRAGMENT");
  const SchemaType* type = parent;
  if (fragment.typeCondition) {
    type = typeCondition(*fragment.typeCondition, fragment.location, {});
    if (parent && type && !typesOverlap(*parent, *type)) {
      context_.report("Fragment cannot be spread here as objects of type " + quote(parent->name) +
                          " can never be of type " + quote(type->name) + ".", {fragment.location});
    }
  }
  selectionSet(type, fragment.selectionSet);
}

void SelectionWalker::fragmentSpread(const SchemaType* parent, const FragmentSpread& spread) {
  directives(spread.directives, "FRAGMENT_SPREAD");
  const FragmentDefinition* fragment = context_.fragment(spread.name);
  if (!fragment) {
    context_.report("Unknown fragment " + quote(spread.name) + ".", {spread.location});
    return;
  }
  context_.current->spreads.push_back(&spread);
  const SchemaType* type = schema_.type(fragment->typeCondition);
  if (parent && type && type->isComposite() && !typesOverlap(*parent, *type)) {
    context_.report("Fragment " + quote(spread.name) + " cannot be spread here as objects of type " +
                        quote(parent->name) + " can never be of type " + quote(type->name) + ".",
                    {spread.location});
  }
}

const SchemaType* SelectionWalker::typeCondition(const std::string& name, Location location,
                                                 std::string_view fragmentName) {
  const SchemaType* type = schema_.type(name);
  if (!type) {
    context_.report("Unknown type " + quote(name) + ".", {location});
    return nullptr;
  }
  if (!type->isComposite()) {
    context_.report((fragmentName.empty() ? std::string("Fragment") : "Fragment " + quote(fragmentName)) +
                        " cannot condition on non composite type " + quote(name) + ".", {location});
    return nullptr;
  }
  return type;
}

bool SelectionWalker::typesOverlap(const SchemaType& a, const SchemaType& b) const {
  if (&a == &b) return true;
  auto possible = [](const SchemaType& t) {
    return t.kind == TypeKind::Object ? std::vector<std::string>{t.name} : t.possibleTypes;
  };
  const auto left = possible(a);
  const auto right = possible(b);
  return std::ranges::any_of(left, [&](const std::string& name) { return std::ranges::count(right, name) > 0; });
}

}  // namespace authcore::graphql::detail
