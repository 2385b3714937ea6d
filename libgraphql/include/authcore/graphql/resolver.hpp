// SPDX-License-Identifier: Apache-2.0
// What resolvers receive (FieldContext) and return (ResolverResult).
#pragma once

#include <authcore/graphql/json_value.hpp>

#include <any>
#include <concepts>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <tl/expected.hpp>

namespace authcore::graphql {

class Schema;

/// An error a resolver reports for its field: it becomes one entry of the
/// response's `errors` (with the field's locations and path) and the field is null.
struct FieldError {
  std::string message;
  JsonValue extensions;  ///< an object such as {"code":"NOT_FOUND"}, or null for none
};

/// A resolved object as the resolvers of its fields see it: either the C++ value
/// a resolver returned with ResolverResult::object(), or JSON data.
class ObjectRef {
public:
  ObjectRef() = default;
  ObjectRef(const std::any* object, const JsonValue* json) : object_(object), json_(json) {}

  /// The object as `T`, when it was returned as a `T`, `T*` or `const T*`; else nullptr.
  template <class T>
  const T* as() const {
    if (!object_) return nullptr;
    if (const T* value = std::any_cast<T>(object_)) return value;
    if (const auto* pointer = std::any_cast<const T*>(object_)) return *pointer;
    if (const auto* pointer = std::any_cast<T*>(object_)) return *pointer;
    return nullptr;
  }
  /// The object when it is JSON data; else nullptr.
  const JsonValue* json() const { return json_; }

private:
  const std::any* object_ = nullptr;
  const JsonValue* json_ = nullptr;
};

/// A resolver's answer: null, a leaf or JSON value, a list, an object whose
/// fields the next resolvers resolve, or a FieldError.
class ResolverResult {
public:
  /// A C++ object and, for interface or union fields, the name of its object type.
  struct Object {
    std::any value;
    std::string typeName;
  };

  ResolverResult() = default;  ///< null
  ResolverResult(std::nullptr_t) {}
  /// A leaf value (Int, String, enum name...) or JSON data: a JSON object stands
  /// for an object whose fields default to its members, a JSON array for a list.
  template <class T>
    requires std::constructible_from<JsonValue, T>
  ResolverResult(T&& value) : data_(JsonValue(std::forward<T>(value))) {}
  ResolverResult(FieldError error) : data_(std::move(error)) {}

  static ResolverResult list(std::vector<ResolverResult> items) {
    ResolverResult result;
    result.data_ = std::move(items);
    return result;
  }
  /// `value` is what the resolvers of the object's fields get as ObjectRef.
  static ResolverResult object(std::any value, std::string typeName = {}) {
    ResolverResult result;
    result.data_ = Object{std::move(value), std::move(typeName)};
    return result;
  }
  static ResolverResult error(std::string message, JsonValue extensions = {}) {
    return ResolverResult(FieldError{std::move(message), std::move(extensions)});
  }

  bool isNull() const;
  const JsonValue* json() const { return std::get_if<JsonValue>(&data_); }
  JsonValue* json() { return std::get_if<JsonValue>(&data_); }
  const std::vector<ResolverResult>* items() const { return std::get_if<std::vector<ResolverResult>>(&data_); }
  std::vector<ResolverResult>* items() { return std::get_if<std::vector<ResolverResult>>(&data_); }
  const Object* object() const { return std::get_if<Object>(&data_); }
  const FieldError* error() const { return std::get_if<FieldError>(&data_); }

private:
  std::variant<std::nullptr_t, JsonValue, std::vector<ResolverResult>, Object, FieldError> data_;
};

/// What a resolver gets: its parent object, coerced arguments and the caller's context.
class FieldContext {
public:
  FieldContext(const Schema& schema, ObjectRef parent, const JsonValue& arguments,
               const std::any& context, std::string_view parentType, std::string_view fieldName)
      : schema_(schema), parent_(parent), arguments_(arguments), context_(context),
        parentType_(parentType), fieldName_(fieldName) {}

  /// The schema being executed.
  const Schema& schema() const { return schema_; }
  /// The object this field belongs to (empty for root fields).
  const ObjectRef& parent() const { return parent_; }
  /// Coerced arguments as an object: absent arguments without default are missing.
  const JsonValue& arguments() const { return arguments_; }
  /// One coerced argument, or nullptr when absent.
  const JsonValue* argument(std::string_view name) const { return arguments_.find(name); }
  /// The context passed to Executor::execute() when it holds a `T*`; else nullptr.
  template <class T>
  T* context() const {
    if (const auto* pointer = std::any_cast<T*>(&context_)) return *pointer;
    return nullptr;
  }
  std::string_view parentType() const { return parentType_; }
  std::string_view fieldName() const { return fieldName_; }

private:
  const Schema& schema_;
  ObjectRef parent_;
  const JsonValue& arguments_;
  const std::any& context_;
  std::string_view parentType_;
  std::string_view fieldName_;
};

/// Resolves one field. Exceptions it throws become a generic field error.
using Resolver = std::function<ResolverResult(const FieldContext&)>;

/// Names the object type of a value of an interface or union type.
using TypeResolver = std::function<std::string(const ObjectRef& value)>;

/// Coercion of a custom scalar; each returns the coerced value or an error message.
struct ScalarCoercer {
  /// Input from variables and (converted to JSON) literals.
  std::function<tl::expected<JsonValue, std::string>(const JsonValue&)> parseValue;
  /// Output: a resolver's leaf value to its response form.
  std::function<tl::expected<JsonValue, std::string>(const JsonValue&)> serialize;
};

}  // namespace authcore::graphql
