// SPDX-License-Identifier: Apache-2.0
// Compact JSON text of a JsonValue.
#include <authcore/graphql/json_value.hpp>

#include "json/json_string.hpp"

#include <charconv>
#include <cmath>

namespace authcore::graphql {

namespace {

void appendNumber(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

// JSON has no NaN or infinity; null is what JSON.stringify writes for them.
void appendNumber(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

}  // namespace

void serialize(const JsonValue& value, std::string& out) {
  switch (value.type()) {
    case JsonType::Null: out += "null"; return;
    case JsonType::Bool: out += value.asBool() ? "true" : "false"; return;
    case JsonType::Int: appendNumber(out, value.asInt()); return;
    case JsonType::Double: appendNumber(out, value.asDouble()); return;
    case JsonType::String: detail::appendJsonString(out, value.asString()); return;
    case JsonType::Array: {
      out.push_back('[');
      const char* separator = "";
      for (const auto& element : value.asArray()) {
        out += separator;
        serialize(element, out);
        separator = ",";
      }
      out.push_back(']');
      return;
    }
    case JsonType::Object: {
      out.push_back('{');
      const char* separator = "";
      for (const auto& member : value.asObject()) {
        out += separator;
        detail::appendJsonString(out, member.name);
        out.push_back(':');
        serialize(member.value, out);
        separator = ",";
      }
      out.push_back('}');
      return;
    }
  }
}

std::string serialize(const JsonValue& value) {
  std::string out;
  serialize(value, out);
  return out;
}

}  // namespace authcore::graphql
