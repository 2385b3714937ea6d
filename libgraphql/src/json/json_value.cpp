// SPDX-License-Identifier: Apache-2.0
// JsonValue members.
#include <authcore/graphql/json_value.hpp>

namespace authcore::graphql {

double JsonValue::asDouble() const {
  if (isInt()) return static_cast<double>(asInt());
  return std::get<double>(data_);
}

const JsonValue* JsonValue::find(std::string_view name) const {
  if (!isObject()) return nullptr;
  const auto& object = asObject();
  for (auto it = object.rbegin(); it != object.rend(); ++it) {
    if (it->name == name) return &it->value;
  }
  return nullptr;
}

JsonValue& JsonValue::set(std::string_view name, JsonValue value) {
  for (auto& member : asObject()) {
    if (member.name == name) return member.value = std::move(value);
  }
  return append(std::string(name), std::move(value));
}

JsonValue& JsonValue::append(std::string name, JsonValue value) {
  auto& object = asObject();
  object.push_back(JsonMember{std::move(name), std::move(value)});
  return object.back().value;
}

JsonValue& JsonValue::push(JsonValue value) {
  auto& array = asArray();
  array.push_back(std::move(value));
  return array.back();
}

bool operator==(const JsonValue& a, const JsonValue& b) {
  if (a.isNumber() && b.isNumber() && a.type() != b.type()) return a.asDouble() == b.asDouble();
  return a.data_ == b.data_;
}

}  // namespace authcore::graphql
