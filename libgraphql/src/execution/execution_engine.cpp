// SPDX-License-Identifier: Apache-2.0
// ExecuteSelectionSet, ExecuteField and CompleteValue. Resolvers run one after
// another, so mutation root fields are executed serially as the spec requires.
#include "execution/execution_engine.hpp"

namespace authcore::graphql::detail {

namespace {

const JsonValue kNull;

}  // namespace

JsonValue ExecutionEngine::run(const SchemaType& rootType, FieldPlan& plan) {
  auto data = executeFields(rootType, ObjectRef(), plan, nullptr);
  return data ? std::move(*data) : JsonValue();
}

std::optional<JsonValue> ExecutionEngine::executeFields(const SchemaType& objectType, ObjectRef parent,
                                                        FieldPlan& plan, const Path* path) {
  JsonObject object;
  object.reserve(plan.fields.size());
  for (auto& field : plan.fields) {
    const Path fieldPath{path, field.responseKey, 0};
    auto value = executeField(objectType, parent, field, fieldPath);
    if (!value) return std::nullopt;
    object.push_back(JsonMember{std::string(field.responseKey), std::move(*value)});
  }
  return JsonValue(std::move(object));
}

std::optional<JsonValue> ExecutionEngine::executeField(const SchemaType& objectType, ObjectRef parent,
                                                       PlannedField& field, const Path& path) {
  if (field.isTypename) return JsonValue(objectType.name);
  const TypeView type = viewOf(*field.field);
  if (!field.arguments) {
    fail(field.arguments.error(), {}, field, path);
    return type.isNonNull() ? std::nullopt : std::optional<JsonValue>(JsonValue());
  }
  if (!field.field->resolver) {
    const JsonValue* json = parent.json();
    const JsonValue* member = json ? json->find(field.field->name) : nullptr;
    return completeValue(type, field, Source{nullptr, member ? member : &kNull}, path);
  }
  ResolverResult result;
  try {
    result = field.field->resolver(
        FieldContext(schema_, parent, *field.arguments, context_, objectType.name, field.field->name));
  } catch (...) {
    // What a resolver throws may hold internals; clients get a generic message.
    result = ResolverResult::error("Internal error while resolving the field.");
  }
  return completeValue(type, field, Source{&result, nullptr}, path);
}

std::optional<JsonValue> ExecutionEngine::completeValue(TypeView type, PlannedField& field, Source source,
                                                        const Path& path) {
  if (!type.isNonNull()) {
    auto value = completeNullable(type, field, source, path);
    return value ? std::move(value) : JsonValue();
  }
  auto value = completeNullable(type.ofType(), field, source, path);
  if (!value) return std::nullopt;
  if (value->isNull()) {
    return fail("Cannot return null for non-nullable field " + std::string(field.parentType) + "." +
                    field.field->name + ".",
                {}, field, path);
  }
  return value;
}

std::optional<JsonValue> ExecutionEngine::completeNullable(TypeView type, PlannedField& field, Source source,
                                                           const Path& path) {
  if (source.result) {
    if (const FieldError* error = source.result->error()) {
      return fail(error->message, error->extensions, field, path);
    }
    if (source.result->isNull()) return JsonValue();
  } else if (source.json->isNull()) {
    return JsonValue();
  }
  if (type.isList()) return completeList(type, field, source, path);
  if (type.named->isLeaf()) return completeLeaf(type, field, source, path);
  return completeObject(type, field, source, path);
}

std::optional<JsonValue> ExecutionEngine::completeList(TypeView type, PlannedField& field, Source source,
                                                       const Path& path) {
  const TypeView itemType = type.ofType();
  JsonArray list;
  if (auto* items = source.result ? source.result->items() : nullptr) {
    list.reserve(items->size());
    for (std::size_t i = 0; i < items->size(); ++i) {
      auto item = completeValue(itemType, field, Source{&(*items)[i], nullptr}, Path{&path, {}, i});
      if (!item) return std::nullopt;
      list.push_back(std::move(*item));
    }
    return JsonValue(std::move(list));
  }
  const JsonValue* json = source.result ? source.result->json() : source.json;
  if (!json || !json->isArray()) {
    return fail("Expected a list for field " + std::string(field.parentType) + "." + field.field->name + ".",
                {}, field, path);
  }
  list.reserve(json->asArray().size());
  for (std::size_t i = 0; i < json->asArray().size(); ++i) {
    auto item = completeValue(itemType, field, Source{nullptr, &json->asArray()[i]}, Path{&path, {}, i});
    if (!item) return std::nullopt;
    list.push_back(std::move(*item));
  }
  return JsonValue(std::move(list));
}

std::optional<JsonValue> ExecutionEngine::completeLeaf(TypeView type, PlannedField& field, Source source,
                                                       const Path& path) {
  JsonValue* owned = source.result ? source.result->json() : nullptr;
  const JsonValue* value = source.result ? owned : source.json;
  if (!value) return fail("Expected a leaf value for " + type.named->name + ".", {}, field, path);
  if (type.named->kind == TypeKind::Enum) {
    if (value->isString() && type.named->enumValue(value->asString())) {
      return owned ? std::move(*owned) : *value;
    }
    return fail("Enum \"" + type.named->name + "\" cannot represent value: " + serialize(*value), {}, field, path);
  }
  if (!type.named->coercer.serialize) return owned ? std::move(*owned) : *value;
  auto serialized = type.named->coercer.serialize(*value);
  if (!serialized) return fail(serialized.error(), {}, field, path);
  return std::move(*serialized);
}

std::optional<JsonValue> ExecutionEngine::completeObject(TypeView type, PlannedField& field, Source source,
                                                         const Path& path) {
  const auto* object = source.result ? source.result->object() : nullptr;
  const JsonValue* json = source.result ? source.result->json() : source.json;
  if (!object && (!json || !json->isObject())) {
    return fail("Expected an object for field " + std::string(field.parentType) + "." + field.field->name + ".",
                {}, field, path);
  }
  const ObjectRef ref = object ? ObjectRef(&object->value, nullptr) : ObjectRef(nullptr, json);
  const SchemaType* objectType = resolveObjectType(type, source, ref);
  if (!objectType) {
    return fail("Abstract type \"" + type.named->name + "\" must resolve to an Object type at runtime for field \"" +
                    std::string(field.parentType) + "." + field.field->name + "\".",
                {}, field, path);
  }
  return executeFields(*objectType, ref, planner_.subPlan(field, *objectType), &path);
}

// An object's own type name wins, then `__typename` in JSON data, then the
// abstract type's resolver; the result must be one of the possible types.
const SchemaType* ExecutionEngine::resolveObjectType(TypeView type, Source source, ObjectRef object) {
  if (!type.named->isAbstract()) return type.named;
  std::string name;
  const auto* resolved = source.result ? source.result->object() : nullptr;
  if (resolved && !resolved->typeName.empty()) {
    name = resolved->typeName;
  } else if (const JsonValue* typeName = object.json() ? object.json()->find("__typename") : nullptr;
             typeName && typeName->isString()) {
    name = typeName->asString();
  } else if (type.named->typeResolver) {
    name = type.named->typeResolver(object);
  }
  const SchemaType* objectType = schema_.type(name);
  if (!objectType || objectType->kind != TypeKind::Object || !schema_.isPossibleType(*type.named, *objectType)) {
    return nullptr;
  }
  return objectType;
}

std::nullopt_t ExecutionEngine::fail(std::string message, JsonValue extensions, const PlannedField& field,
                                     const Path& path) {
  Error error{std::move(message), {}, JsonValue::array(), std::move(extensions)};
  for (const Field* node : field.nodes) error.locations.push_back(node->location);
  std::vector<const Path*> segments;
  for (const Path* segment = &path; segment; segment = segment->parent) segments.push_back(segment);
  for (auto it = segments.rbegin(); it != segments.rend(); ++it) {
    const Path& segment = **it;
    error.path.push(segment.key.empty() ? JsonValue(segment.index) : JsonValue(segment.key));
  }
  errors_.push_back(std::move(error));
  return std::nullopt;
}

}  // namespace authcore::graphql::detail
