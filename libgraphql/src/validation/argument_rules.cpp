// SPDX-License-Identifier: Apache-2.0
// Rules on directives, arguments and input values; variables met on the way are
// recorded as usages for the per-operation variable rules.
#include "validation/selection_walker.hpp"

#include "execution/value_coercion.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace authcore::graphql::detail {

void SelectionWalker::directives(const std::vector<Directive>& directives, std::string_view location) {
  std::set<std::string_view> seen;
  for (const auto& directive : directives) {
    const SchemaDirective* definition = schema_.directive(directive.name);
    const std::string name = quote("@" + directive.name);
    if (!definition) {
      context_.report("Unknown directive " + name + ".", {directive.location});
      arguments(nullptr, directive.arguments, "directive " + name, directive.location);
      continue;
    }
    if (std::ranges::find(definition->locations, location) == definition->locations.end()) {
      context_.report("Directive " + name + " may not be used on " + std::string(location) + ".",
                      {directive.location});
    }
    if (!definition->repeatable && !seen.insert(directive.name).second) {
      context_.report("The directive " + name + " can only be used once at this location.", {directive.location});
    }
    arguments(&definition->arguments, directive.arguments, "directive " + name, directive.location);
  }
}

// `definitions` is nullptr when the field or directive is unknown: the values
// are then only searched for variables.
void SelectionWalker::arguments(const std::vector<SchemaInputValue>* definitions,
                                const std::vector<Argument>& arguments, const std::string& owner,
                                Location location) {
  std::set<std::string_view> seen;
  for (const auto& argument : arguments) {
    if (!seen.insert(argument.name).second) {
      context_.report("There can be only one argument named " + quote(argument.name) + ".", {argument.location});
    }
    const auto it = definitions ? std::ranges::find(*definitions, argument.name, &SchemaInputValue::name)
                                : std::vector<SchemaInputValue>::const_iterator{};
    if (!definitions || it == definitions->end()) {
      if (definitions) {
        context_.report("Unknown argument " + quote(argument.name) + " on " + owner + ".", {argument.location});
      }
      recordVariables(argument.value);
      continue;
    }
    value(argument.value, viewOf(*it), it->defaultValue.has_value());
  }
  if (!definitions) return;
  for (const auto& definition : *definitions) {
    if (viewOf(definition).isNonNull() && !definition.defaultValue && !seen.contains(definition.name)) {
      context_.report(char(std::toupper(owner[0])) + owner.substr(1) + " argument " + quote(definition.name) +
                          " of type " + quote(viewOf(definition).toString()) +
                          " is required, but it was not provided.", {location});
    }
  }
}

void SelectionWalker::value(const Value& value, TypeView type, bool hasLocationDefault) {
  if (const auto* variable = std::get_if<Variable>(&value.data)) {
    if (context_.current) {
      context_.current->variables.push_back({variable->name, type, hasLocationDefault, value.location});
    }
    return;
  }
  if (!type.named) return recordVariables(value);
  if (std::holds_alternative<NullValue>(value.data)) {
    if (type.isNonNull()) {
      context_.report("Expected value of type " + quote(type.toString()) + ", found null.", {value.location});
    }
    return;
  }
  const TypeView nullable = type.nullable();
  if (nullable.isList()) {
    if (const auto* list = std::get_if<ListValue>(&value.data)) {
      for (const auto& item : list->values) this->value(item, nullable.ofType(), false);
    } else {
      this->value(value, nullable.ofType(), false);
    }
    return;
  }
  if (const auto* object = std::get_if<ObjectValue>(&value.data); object && nullable.named->kind == TypeKind::InputObject) {
    return objectValue(*object, nullable, value.location);
  }
  recordVariables(value);
  if (auto coerced = coerceLiteral(value, nullable, nullptr); !coerced) {
    context_.report(coerced.error(), {value.location});
  }
}

void SelectionWalker::objectValue(const ObjectValue& object, TypeView type, Location location) {
  std::set<std::string_view> seen;
  for (const auto& field : object.fields) {
    if (!seen.insert(field.name).second) {
      context_.report("There can be only one input field named " + quote(field.name) + ".", {field.location});
    }
    const SchemaInputValue* definition = type.named->inputField(field.name);
    if (!definition) {
      context_.report("Field " + quote(field.name) + " is not defined by type " + quote(type.named->name) + ".",
                      {field.location});
      recordVariables(field.value);
      continue;
    }
    value(field.value, viewOf(*definition), definition->defaultValue.has_value());
  }
  for (const auto& definition : type.named->inputFields) {
    if (viewOf(definition).isNonNull() && !definition.defaultValue && !seen.contains(definition.name)) {
      context_.report("Field " + quote(type.named->name + "." + definition.name) + " of required type " +
                          quote(viewOf(definition).toString()) + " was not provided.", {location});
    }
  }
}

// Variables inside values whose expected type is unknown still count as used.
void SelectionWalker::recordVariables(const Value& value) {
  if (const auto* variable = std::get_if<Variable>(&value.data)) {
    if (context_.current) context_.current->variables.push_back({variable->name, {}, false, value.location});
  } else if (const auto* list = std::get_if<ListValue>(&value.data)) {
    for (const auto& item : list->values) recordVariables(item);
  } else if (const auto* object = std::get_if<ObjectValue>(&value.data)) {
    for (const auto& field : object->fields) recordVariables(field.value);
  }
}

}  // namespace authcore::graphql::detail
