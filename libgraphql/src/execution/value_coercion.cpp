// SPDX-License-Identifier: Apache-2.0
// Input coercion of literals, JSON variable values and arguments.
#include "execution/value_coercion.hpp"

#include "parser/value_printer.hpp"
#include "schema/builtin_scalars.hpp"

#include <charconv>

namespace authcore::graphql::detail {

namespace {

tl::unexpected<std::string> expected(TypeView type, const std::string& found) {
  return tl::unexpected("Expected value of type \"" + type.toString() + "\", found " + found + ".");
}

// Scalars see literals as JSON; a variable inside a custom scalar's literal
// takes its value (or null during validation).
JsonValue literalToJson(const Value& literal, const JsonValue* variables) {
  struct Visitor {
    const JsonValue* variables;
    JsonValue operator()(const NullValue&) const { return {}; }
    JsonValue operator()(const BooleanValue& v) const { return v.value; }
    JsonValue operator()(const IntValue& v) const {
      std::int64_t integer = 0;
      const auto end = v.text.data() + v.text.size();
      if (std::from_chars(v.text.data(), end, integer).ptr == end) return integer;
      return std::strtod(v.text.c_str(), nullptr);
    }
    JsonValue operator()(const FloatValue& v) const { return std::strtod(v.text.c_str(), nullptr); }
    JsonValue operator()(const StringValue& v) const { return v.value; }
    JsonValue operator()(const EnumValue& v) const { return v.name; }
    JsonValue operator()(const Variable& v) const {
      const JsonValue* value = variables ? variables->find(v.name) : nullptr;
      return value ? *value : JsonValue();
    }
    JsonValue operator()(const ListValue& v) const {
      JsonValue list = JsonValue::array();
      for (const auto& item : v.values) list.push(literalToJson(item, variables));
      return list;
    }
    JsonValue operator()(const ObjectValue& v) const {
      JsonValue object = JsonValue::object();
      for (const auto& field : v.fields) object.set(field.name, literalToJson(field.value, variables));
      return object;
    }
  };
  return std::visit(Visitor{variables}, literal.data);
}

// The literal kinds the built-in scalars accept (spec 3.5: Int takes no 1.0).
bool builtinAccepts(std::string_view scalar, const Value& literal) {
  const auto& data = literal.data;
  if (scalar == "Int") return std::holds_alternative<IntValue>(data);
  if (scalar == "Float") return std::holds_alternative<IntValue>(data) || std::holds_alternative<FloatValue>(data);
  if (scalar == "String") return std::holds_alternative<StringValue>(data);
  if (scalar == "Boolean") return std::holds_alternative<BooleanValue>(data);
  return std::holds_alternative<StringValue>(data) || std::holds_alternative<IntValue>(data);
}

Coerced coerceScalar(const JsonValue& value, TypeView type) {
  if (!type.named->coercer.parseValue) return value;
  return type.named->coercer.parseValue(value);
}

Coerced coerceScalarLiteral(const Value& literal, TypeView type, const JsonValue* variables) {
  const bool builtin = isBuiltinScalar(type.named->name);
  if (builtin && !builtinAccepts(type.named->name, literal)) return expected(type, printValue(literal));
  auto coerced = coerceScalar(literalToJson(literal, variables), type);
  if (!coerced) return expected(type, printValue(literal) + "; " + coerced.error());
  return coerced;
}

Coerced coerceEnum(std::string_view name, TypeView type, const std::string& found) {
  if (!type.named->enumValue(name)) return expected(type, found);
  return JsonValue(name);
}

Coerced coerceObjectLiteral(const ObjectValue& object, TypeView type, const JsonValue* variables) {
  JsonValue out = JsonValue::object();
  for (const auto& field : object.fields) {
    if (!type.named->inputField(field.name)) {
      return tl::unexpected("Field \"" + field.name + "\" is not defined by type \"" + type.named->name + "\".");
    }
  }
  for (const auto& definition : type.named->inputFields) {
    const ObjectField* field = nullptr;
    for (const auto& candidate : object.fields) {
      if (candidate.name == definition.name) field = &candidate;
    }
    const auto* variable = field ? std::get_if<Variable>(&field->value.data) : nullptr;
    const bool absent = !field || (variable && variables && !variables->find(variable->name));
    if (absent && definition.defaultValue) {
      auto value = coerceLiteral(*definition.defaultValue, viewOf(definition), nullptr);
      if (!value) return value;
      out.append(definition.name, std::move(*value));
    } else if (absent && viewOf(definition).isNonNull()) {
      return tl::unexpected("Field \"" + type.named->name + "." + definition.name + "\" of required type \"" +
                            viewOf(definition).toString() + "\" was not provided.");
    } else if (!absent) {
      auto value = coerceLiteral(field->value, viewOf(definition), variables);
      if (!value) return value;
      out.append(definition.name, std::move(*value));
    }
  }
  return out;
}

Coerced coerceNamedLiteral(const Value& literal, TypeView type, const JsonValue* variables) {
  switch (type.named->kind) {
    case TypeKind::InputObject: {
      const auto* object = std::get_if<ObjectValue>(&literal.data);
      if (!object) return expected(type, printValue(literal));
      return coerceObjectLiteral(*object, type, variables);
    }
    case TypeKind::Enum: {
      const auto* value = std::get_if<EnumValue>(&literal.data);
      return coerceEnum(value ? value->name : std::string_view{}, type, printValue(literal));
    }
    default: return coerceScalarLiteral(literal, type, variables);
  }
}

}  // namespace

Coerced coerceLiteral(const Value& literal, TypeView type, const JsonValue* variables) {
  if (const auto* variable = std::get_if<Variable>(&literal.data)) {
    if (!variables) return JsonValue();
    const JsonValue* value = variables->find(variable->name);
    if (type.isNonNull() && (!value || value->isNull())) {
      return tl::unexpected("Variable \"$" + variable->name + "\" of required type \"" + type.toString() +
                            "\" was not provided.");
    }
    return value ? *value : JsonValue();
  }
  if (std::holds_alternative<NullValue>(literal.data)) {
    if (type.isNonNull()) return expected(type, "null");
    return JsonValue();
  }
  if (type.isNonNull()) return coerceLiteral(literal, type.ofType(), variables);
  if (!type.named) return expected(type, printValue(literal));
  if (type.isList()) {
    const auto* list = std::get_if<ListValue>(&literal.data);
    if (!list) {
      auto item = coerceLiteral(literal, type.ofType(), variables);
      if (!item) return item;
      return JsonValue(JsonArray{std::move(*item)});
    }
    JsonValue out = JsonValue::array();
    for (const auto& item : list->values) {
      auto value = coerceLiteral(item, type.ofType(), variables);
      if (!value) return value;
      out.push(std::move(*value));
    }
    return out;
  }
  return coerceNamedLiteral(literal, type, variables);
}

}  // namespace authcore::graphql::detail
