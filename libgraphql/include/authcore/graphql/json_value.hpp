// SPDX-License-Identifier: Apache-2.0
// A JSON value: GraphQL responses, variables and resolver data, without Poco.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace authcore::graphql {

class JsonValue;
struct JsonMember;

/// A JSON array.
using JsonArray = std::vector<JsonValue>;
/// A JSON object: members in insertion order (GraphQL responses keep field order).
using JsonObject = std::vector<JsonMember>;

/// What a JsonValue holds. Numbers are Int when they were written (or built) as
/// integers that fit 64 bits, Double otherwise.
enum class JsonType { Null, Bool, Int, Double, String, Array, Object };

/// A JSON document node. Accessors `asX()` require `isX()` (else they throw
/// std::bad_variant_access); `find()` is the safe way to read members.
class JsonValue {
public:
  JsonValue() = default;  ///< null
  JsonValue(std::nullptr_t);
  /// Only a real bool: a pointer must not silently become `true`.
  template <std::same_as<bool> B>
  JsonValue(B value);
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  JsonValue(T value);
  JsonValue(double value);
  JsonValue(std::string value);
  JsonValue(std::string_view value);
  JsonValue(const char* value);
  JsonValue(JsonArray value);
  JsonValue(JsonObject value);

  /// An empty array or object.
  static JsonValue array();
  static JsonValue object();

  JsonType type() const { return static_cast<JsonType>(data_.index()); }
  bool isNull() const { return type() == JsonType::Null; }
  bool isBool() const { return type() == JsonType::Bool; }
  bool isInt() const { return type() == JsonType::Int; }
  bool isDouble() const { return type() == JsonType::Double; }
  bool isNumber() const { return isInt() || isDouble(); }
  bool isString() const { return type() == JsonType::String; }
  bool isArray() const { return type() == JsonType::Array; }
  bool isObject() const { return type() == JsonType::Object; }

  bool asBool() const { return std::get<bool>(data_); }
  std::int64_t asInt() const { return std::get<std::int64_t>(data_); }
  /// The number as a double, whether it is held as Int or Double.
  double asDouble() const;
  const std::string& asString() const { return std::get<std::string>(data_); }
  const JsonArray& asArray() const { return std::get<JsonArray>(data_); }
  JsonArray& asArray() { return std::get<JsonArray>(data_); }
  const JsonObject& asObject() const { return std::get<JsonObject>(data_); }
  JsonObject& asObject() { return std::get<JsonObject>(data_); }

  /// The last member called `name` (so duplicate keys behave as in JavaScript),
  /// or nullptr when there is none or this is not an object.
  const JsonValue* find(std::string_view name) const;
  /// Replaces member `name` or appends it; this must be an object.
  JsonValue& set(std::string_view name, JsonValue value);
  /// Appends a member without looking for an existing one; this must be an object.
  JsonValue& append(std::string name, JsonValue value);
  /// Appends an element; this must be an array.
  JsonValue& push(JsonValue value);

  friend bool operator==(const JsonValue& a, const JsonValue& b);

private:
  std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, JsonArray, JsonObject> data_;
};

/// One `"name": value` member of a JSON object.
struct JsonMember {
  std::string name;
  JsonValue value;
  friend bool operator==(const JsonMember&, const JsonMember&) = default;
};

// Defined here, where JsonMember is complete: constructing the variant may
// destroy a JsonObject, which needs the complete member type (clang insists).
inline JsonValue::JsonValue(std::nullptr_t) {}
template <std::same_as<bool> B>
inline JsonValue::JsonValue(B value) : data_(value) {}
template <std::integral T>
  requires(!std::same_as<T, bool>)
inline JsonValue::JsonValue(T value) : data_(static_cast<std::int64_t>(value)) {}
inline JsonValue::JsonValue(double value) : data_(value) {}
inline JsonValue::JsonValue(std::string value) : data_(std::move(value)) {}
inline JsonValue::JsonValue(std::string_view value) : data_(std::string(value)) {}
inline JsonValue::JsonValue(const char* value) : data_(std::string(value)) {}
inline JsonValue::JsonValue(JsonArray value) : data_(std::move(value)) {}
inline JsonValue::JsonValue(JsonObject value) : data_(std::move(value)) {}
inline JsonValue JsonValue::array() { return JsonValue(JsonArray{}); }
inline JsonValue JsonValue::object() { return JsonValue(JsonObject{}); }

/// Compact JSON text. Strings are escaped so the output is always valid UTF-8
/// JSON (control characters as `\u00XX`, invalid UTF-8 as U+FFFD); doubles use
/// the shortest round-trip form and NaN/infinity become null.
std::string serialize(const JsonValue& value);

/// Appends the compact JSON text of `value` to `out`.
void serialize(const JsonValue& value, std::string& out);

}  // namespace authcore::graphql
