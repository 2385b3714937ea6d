// SPDX-License-Identifier: Apache-2.0
// SDL syntax-tree nodes to Schema parts.
#include "schema/definition_conversion.hpp"

#include <algorithm>

namespace authcore::graphql::detail {

namespace {

constexpr std::string_view kDefaultDeprecationReason = "No longer supported";

const Directive* findDirective(const std::vector<Directive>& directives, std::string_view name) {
  const auto it = std::ranges::find(directives, name, &Directive::name);
  return it == directives.end() ? nullptr : &*it;
}

std::optional<std::string> stringArgument(const Directive& directive, std::string_view name) {
  for (const auto& argument : directive.arguments) {
    const auto* text = std::get_if<StringValue>(&argument.value.data);
    if (argument.name == name && text) return text->value;
  }
  return std::nullopt;
}

std::optional<std::string> deprecationReason(const std::vector<Directive>& directives) {
  const Directive* deprecated = findDirective(directives, "deprecated");
  if (!deprecated) return std::nullopt;
  return stringArgument(*deprecated, "reason").value_or(std::string(kDefaultDeprecationReason));
}

SchemaInputValue toInputValue(const InputValueDefinition& definition) {
  SchemaInputValue value;
  value.name = definition.name;
  value.description = definition.description;
  value.type = definition.type;
  value.defaultValue = definition.defaultValue;
  value.deprecationReason = deprecationReason(definition.directives);
  return value;
}

std::vector<SchemaInputValue> toInputValues(const std::vector<InputValueDefinition>& definitions) {
  std::vector<SchemaInputValue> values;
  for (const auto& definition : definitions) values.push_back(toInputValue(definition));
  return values;
}

SchemaField toField(const FieldDefinition& definition) {
  SchemaField field;
  field.name = definition.name;
  field.description = definition.description;
  field.arguments = toInputValues(definition.arguments);
  field.type = definition.type;
  field.deprecationReason = deprecationReason(definition.directives);
  return field;
}

}  // namespace

SchemaType toSchemaType(const TypeDefinition& definition) {
  SchemaType type;
  type.kind = definition.kind;
  type.name = definition.name;
  type.description = definition.description;
  type.interfaces = definition.interfaces;
  type.possibleTypes = definition.unionMembers;
  for (const auto& field : definition.fields) type.fields.push_back(toField(field));
  for (const auto& value : definition.enumValues) {
    type.enumValues.push_back({value.name, value.description, deprecationReason(value.directives)});
  }
  type.inputFields = toInputValues(definition.inputFields);
  if (const Directive* specifiedBy = findDirective(definition.directives, "specifiedBy")) {
    type.specifiedByUrl = stringArgument(*specifiedBy, "url");
  }
  return type;
}

SchemaDirective toSchemaDirective(const DirectiveDefinition& definition) {
  SchemaDirective directive;
  directive.name = definition.name;
  directive.description = definition.description;
  directive.arguments = toInputValues(definition.arguments);
  directive.locations = definition.locations;
  directive.repeatable = definition.repeatable;
  return directive;
}

}  // namespace authcore::graphql::detail
