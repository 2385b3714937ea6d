// SPDX-License-Identifier: Apache-2.0
// Coercion of the built-in scalars (spec 3.5): what results may become and what
// inputs are accepted. Error messages follow the reference implementation.
#include "schema/builtin_scalars.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

namespace authcore::graphql::detail {

namespace {

using Coerced = tl::expected<JsonValue, std::string>;

constexpr double kIntMin = std::numeric_limits<std::int32_t>::min();
constexpr double kIntMax = std::numeric_limits<std::int32_t>::max();

tl::unexpected<std::string> cannot(std::string_view type, const JsonValue& value) {
  return tl::unexpected(std::string(type) + " cannot represent value: " + serialize(value));
}

std::optional<std::int64_t> asInt32(const JsonValue& value) {
  if (!value.isNumber()) return std::nullopt;
  const double number = value.asDouble();
  if (number != std::trunc(number) || number < kIntMin || number > kIntMax) return std::nullopt;
  return static_cast<std::int64_t>(number);
}

Coerced parseInt(const JsonValue& value) {
  if (const auto integer = asInt32(value)) return JsonValue(*integer);
  return cannot("Int", value);
}

Coerced serializeInt(const JsonValue& value) {
  if (value.isBool()) return JsonValue(value.asBool() ? 1 : 0);
  return parseInt(value);
}

Coerced parseFloat(const JsonValue& value) {
  if (value.isNumber()) return value;
  return cannot("Float", value);
}

Coerced serializeFloat(const JsonValue& value) {
  if (value.isBool()) return JsonValue(value.asBool() ? 1 : 0);
  return parseFloat(value);
}

Coerced parseString(const JsonValue& value) {
  if (value.isString()) return value;
  return cannot("String", value);
}

Coerced serializeString(const JsonValue& value) {
  if (value.isString()) return value;
  if (value.isBool() || value.isNumber()) return JsonValue(serialize(value));
  return cannot("String", value);
}

Coerced parseBoolean(const JsonValue& value) {
  if (value.isBool()) return value;
  return cannot("Boolean", value);
}

Coerced serializeBoolean(const JsonValue& value) {
  if (value.isNumber()) return JsonValue(value.asDouble() != 0);
  return parseBoolean(value);
}

Coerced parseId(const JsonValue& value) {
  if (value.isString()) return value;
  if (value.isInt()) return JsonValue(serialize(value));
  return cannot("ID", value);
}

}  // namespace

bool isBuiltinScalar(std::string_view name) {
  return name == "Int" || name == "Float" || name == "String" || name == "Boolean" || name == "ID";
}

ScalarCoercer builtinScalarCoercer(std::string_view name) {
  if (name == "Int") return {parseInt, serializeInt};
  if (name == "Float") return {parseFloat, serializeFloat};
  if (name == "String") return {parseString, serializeString};
  if (name == "Boolean") return {parseBoolean, serializeBoolean};
  if (name == "ID") return {parseId, parseId};
  return {};
}

}  // namespace authcore::graphql::detail
