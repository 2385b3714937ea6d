// SPDX-License-Identifier: Apache-2.0
// Input coercion of JSON variable values (CoerceVariableValues) and of field
// and directive arguments (CoerceArgumentValues).
#include "execution/value_coercion.hpp"

namespace authcore::graphql::detail {

namespace {

tl::unexpected<std::string> invalid(TypeView type, const JsonValue& value) {
  return tl::unexpected("Expected value of type \"" + type.toString() + "\", found " + serialize(value) + ".");
}

Coerced coerceJsonObject(const JsonValue& value, TypeView type) {
  if (!value.isObject()) return invalid(type, value);
  for (const auto& member : value.asObject()) {
    if (!type.named->inputField(member.name)) {
      return tl::unexpected("Field \"" + member.name + "\" is not defined by type \"" + type.named->name + "\".");
    }
  }
  JsonValue out = JsonValue::object();
  for (const auto& definition : type.named->inputFields) {
    const JsonValue* field = value.find(definition.name);
    if (field) {
      auto coerced = coerceJson(*field, viewOf(definition));
      if (!coerced) return tl::unexpected("In field \"" + definition.name + "\": " + coerced.error());
      out.append(definition.name, std::move(*coerced));
    } else if (definition.defaultValue) {
      auto coerced = coerceLiteral(*definition.defaultValue, viewOf(definition), nullptr);
      if (!coerced) return coerced;
      out.append(definition.name, std::move(*coerced));
    } else if (viewOf(definition).isNonNull()) {
      return tl::unexpected("Field \"" + definition.name + "\" of required type \"" +
                            viewOf(definition).toString() + "\" was not provided.");
    }
  }
  return out;
}

Coerced coerceJsonNamed(const JsonValue& value, TypeView type) {
  switch (type.named->kind) {
    case TypeKind::InputObject: return coerceJsonObject(value, type);
    case TypeKind::Enum:
      if (value.isString() && type.named->enumValue(value.asString())) return value;
      return invalid(type, value);
    default: {
      if (!type.named->coercer.parseValue) return value;
      auto coerced = type.named->coercer.parseValue(value);
      if (!coerced) return tl::unexpected(coerced.error());
      return coerced;
    }
  }
}

}  // namespace

Coerced coerceJson(const JsonValue& value, TypeView type) {
  if (value.isNull()) {
    if (type.isNonNull()) return invalid(type, value);
    return value;
  }
  if (type.isNonNull()) return coerceJson(value, type.ofType());
  if (!type.named || !type.named->isInput()) return invalid(type, value);
  if (!type.isList()) return coerceJsonNamed(value, type);
  JsonValue out = JsonValue::array();
  if (!value.isArray()) {
    auto item = coerceJson(value, type.ofType());
    if (!item) return item;
    out.push(std::move(*item));
    return out;
  }
  for (const auto& element : value.asArray()) {
    auto item = coerceJson(element, type.ofType());
    if (!item) return item;
    out.push(std::move(*item));
  }
  return out;
}

Coerced coerceArguments(const std::vector<SchemaInputValue>& definitions,
                        const std::vector<Argument>& arguments, const JsonValue& variables) {
  JsonValue out = JsonValue::object();
  for (const auto& definition : definitions) {
    const Argument* argument = nullptr;
    for (const auto& candidate : arguments) {
      if (candidate.name == definition.name) argument = &candidate;
    }
    const auto* variable = argument ? std::get_if<Variable>(&argument->value.data) : nullptr;
    const JsonValue* variableValue = variable ? variables.find(variable->name) : nullptr;
    const bool hasValue = argument && (!variable || variableValue);
    const TypeView type = viewOf(definition);
    if (!hasValue && definition.defaultValue) {
      auto value = coerceLiteral(*definition.defaultValue, type, nullptr);
      if (!value) return value;
      out.append(definition.name, std::move(*value));
    } else if (type.isNonNull() && (!hasValue || (variableValue && variableValue->isNull()))) {
      return tl::unexpected("Argument \"" + definition.name + "\" of required type \"" + type.toString() +
                            "\" was not provided.");
    } else if (hasValue) {
      auto value = variableValue ? Coerced(*variableValue) : coerceLiteral(argument->value, type, &variables);
      if (!value) return tl::unexpected("Argument \"" + definition.name + "\" has invalid value: " + value.error());
      out.append(definition.name, std::move(*value));
    }
  }
  return out;
}

Coerced coerceVariables(const Schema& schema, const OperationDefinition& operation, const JsonValue& inputs) {
  JsonValue out = JsonValue::object();
  for (const auto& definition : operation.variables) {
    const TypeView type = viewOf(schema, definition.type);
    const JsonValue* value = inputs.find(definition.name);
    const std::string name = "Variable \"$" + definition.name + "\"";
    if (!value && definition.defaultValue) {
      auto coerced = coerceLiteral(*definition.defaultValue, type, nullptr);
      if (!coerced) return tl::unexpected(name + " has an invalid default value: " + coerced.error());
      out.append(definition.name, std::move(*coerced));
    } else if (!value && type.isNonNull()) {
      return tl::unexpected(name + " of required type \"" + type.toString() + "\" was not provided.");
    } else if (value) {
      auto coerced = coerceJson(*value, type);
      if (!coerced) {
        return tl::unexpected(name + " got invalid value " + serialize(*value) + "; " + coerced.error());
      }
      out.append(definition.name, std::move(*coerced));
    }
  }
  return out;
}

}  // namespace authcore::graphql::detail
