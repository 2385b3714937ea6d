// SPDX-License-Identifier: Apache-2.0
// Resolvers of the introspection types. Objects are passed down as pointers into
// the Schema (and __Type as a TypeView), so introspection copies nothing.
#include "schema/introspection.hpp"

#include "parser/value_printer.hpp"
#include "schema/schema_assembler.hpp"
#include "schema/type_view.hpp"

namespace authcore::graphql::detail {

namespace {

JsonValue optionalString(const std::optional<std::string>& text) {
  return text ? JsonValue(*text) : JsonValue();
}

template <class T>
const T& parentAs(const FieldContext& context) {
  return *context.parent().as<T>();
}

ResolverResult typeObject(TypeView type) {
  return type.named ? ResolverResult::object(type) : ResolverResult();
}

ResolverResult typeObject(const SchemaType* type) {
  return typeObject(TypeView{type, {}});
}

bool includeDeprecated(const FieldContext& context) {
  const JsonValue* include = context.argument("includeDeprecated");
  return include && include->isBool() && include->asBool();
}

// The items of `items` that are not deprecated unless asked for, as objects.
template <class T>
ResolverResult listOf(const std::vector<T>& items, const FieldContext& context) {
  std::vector<ResolverResult> list;
  for (const T& item : items) {
    if (!item.deprecationReason || includeDeprecated(context)) list.push_back(ResolverResult::object(&item));
  }
  return ResolverResult::list(std::move(list));
}

ResolverResult typeList(const Schema& schema, const std::vector<std::string>& names) {
  std::vector<ResolverResult> list;
  for (const auto& name : names) list.push_back(typeObject(schema.type(name)));
  return ResolverResult::list(std::move(list));
}

const char* kindName(TypeView type) {
  if (type.isNonNull()) return "NON_NULL";
  if (type.isList()) return "LIST";
  switch (type.named->kind) {
    case TypeKind::Scalar: return "SCALAR";
    case TypeKind::Object: return "OBJECT";
    case TypeKind::Interface: return "INTERFACE";
    case TypeKind::Union: return "UNION";
    case TypeKind::Enum: return "ENUM";
    case TypeKind::InputObject: return "INPUT_OBJECT";
  }
  return "SCALAR";
}

// The named type when `context`'s __Type parent is of kind `kind`, else nullptr.
const SchemaType* namedOfKind(const FieldContext& context, TypeKind kind) {
  const auto& type = parentAs<TypeView>(context);
  return type.isNamed() && type.named->kind == kind ? type.named : nullptr;
}

const SchemaType* namedWithFields(const FieldContext& context) {
  const SchemaType* type = namedOfKind(context, TypeKind::Object);
  return type ? type : namedOfKind(context, TypeKind::Interface);
}

using Binder = void (*)(Schema&);

void setResolver(Schema& schema, std::string_view type, std::string_view field, Resolver resolver) {
  SchemaAssembler::mutableField(schema, type, field)->resolver = std::move(resolver);
}

void bindSchema(Schema& schema) {
  setResolver(schema, "__Schema", "description", [](const FieldContext& c) {
    return optionalString(parentAs<Schema>(c).description());
  });
  setResolver(schema, "__Schema", "types", [](const FieldContext& c) {
    std::vector<ResolverResult> list;
    for (const auto& [name, type] : parentAs<Schema>(c).types()) list.push_back(typeObject(&type));
    return ResolverResult::list(std::move(list));
  });
  setResolver(schema, "__Schema", "queryType", [](const FieldContext& c) {
    return typeObject(&parentAs<Schema>(c).queryType());
  });
  setResolver(schema, "__Schema", "mutationType", [](const FieldContext& c) {
    return typeObject(parentAs<Schema>(c).mutationType());
  });
  setResolver(schema, "__Schema", "subscriptionType", [](const FieldContext& c) {
    return typeObject(parentAs<Schema>(c).subscriptionType());
  });
  setResolver(schema, "__Schema", "directives", [](const FieldContext& c) {
    std::vector<ResolverResult> list;
    for (const auto& directive : parentAs<Schema>(c).directives()) {
      list.push_back(ResolverResult::object(&directive));
    }
    return ResolverResult::list(std::move(list));
  });
}

void bindTypeNames(Schema& schema) {
  setResolver(schema, "__Type", "kind", [](const FieldContext& c) { return kindName(parentAs<TypeView>(c)); });
  setResolver(schema, "__Type", "name", [](const FieldContext& c) -> ResolverResult {
    const auto& type = parentAs<TypeView>(c);
    return type.isNamed() ? JsonValue(type.named->name) : JsonValue();
  });
  setResolver(schema, "__Type", "description", [](const FieldContext& c) -> ResolverResult {
    const auto& type = parentAs<TypeView>(c);
    return type.isNamed() ? optionalString(type.named->description) : JsonValue();
  });
  setResolver(schema, "__Type", "specifiedByURL", [](const FieldContext& c) -> ResolverResult {
    const SchemaType* scalar = namedOfKind(c, TypeKind::Scalar);
    return scalar ? optionalString(scalar->specifiedByUrl) : JsonValue();
  });
  setResolver(schema, "__Type", "ofType", [](const FieldContext& c) {
    const auto& type = parentAs<TypeView>(c);
    return type.isNamed() ? ResolverResult() : typeObject(type.ofType());
  });
}

void bindTypeMembers(Schema& schema) {
  setResolver(schema, "__Type", "fields", [](const FieldContext& c) {
    const SchemaType* type = namedWithFields(c);
    return type ? listOf(type->fields, c) : ResolverResult();
  });
  setResolver(schema, "__Type", "interfaces", [](const FieldContext& c) {
    const SchemaType* type = namedWithFields(c);
    return type ? typeList(c.schema(), type->interfaces) : ResolverResult();
  });
  setResolver(schema, "__Type", "possibleTypes", [](const FieldContext& c) {
    const auto& type = parentAs<TypeView>(c);
    if (!type.isNamed() || !type.named->isAbstract()) return ResolverResult();
    return typeList(c.schema(), type.named->possibleTypes);
  });
  setResolver(schema, "__Type", "enumValues", [](const FieldContext& c) {
    const SchemaType* type = namedOfKind(c, TypeKind::Enum);
    return type ? listOf(type->enumValues, c) : ResolverResult();
  });
  setResolver(schema, "__Type", "inputFields", [](const FieldContext& c) {
    const SchemaType* type = namedOfKind(c, TypeKind::InputObject);
    return type ? listOf(type->inputFields, c) : ResolverResult();
  });
}

// __Field, __InputValue and __EnumValue share these members.
template <class T>
void bindNamed(Schema& schema, std::string_view type) {
  setResolver(schema, type, "name", [](const FieldContext& c) { return parentAs<T>(c).name; });
  setResolver(schema, type, "description", [](const FieldContext& c) {
    return optionalString(parentAs<T>(c).description);
  });
}

template <class T>
void bindDeprecation(Schema& schema, std::string_view type) {
  setResolver(schema, type, "isDeprecated", [](const FieldContext& c) {
    return parentAs<T>(c).deprecationReason.has_value();
  });
  setResolver(schema, type, "deprecationReason", [](const FieldContext& c) {
    return optionalString(parentAs<T>(c).deprecationReason);
  });
}

void bindFields(Schema& schema) {
  bindNamed<SchemaField>(schema, "__Field");
  bindDeprecation<SchemaField>(schema, "__Field");
  setResolver(schema, "__Field", "args", [](const FieldContext& c) { return listOf(parentAs<SchemaField>(c).arguments, c); });
  setResolver(schema, "__Field", "type", [](const FieldContext& c) { return typeObject(viewOf(parentAs<SchemaField>(c))); });
  bindNamed<SchemaInputValue>(schema, "__InputValue");
  bindDeprecation<SchemaInputValue>(schema, "__InputValue");
  setResolver(schema, "__InputValue", "type", [](const FieldContext& c) {
    return typeObject(viewOf(parentAs<SchemaInputValue>(c)));
  });
  setResolver(schema, "__InputValue", "defaultValue", [](const FieldContext& c) -> ResolverResult {
    const auto& value = parentAs<SchemaInputValue>(c);
    return value.defaultValue ? JsonValue(printValue(*value.defaultValue)) : JsonValue();
  });
  bindNamed<SchemaEnumValue>(schema, "__EnumValue");
  bindDeprecation<SchemaEnumValue>(schema, "__EnumValue");
}

void bindDirectives(Schema& schema) {
  bindNamed<SchemaDirective>(schema, "__Directive");
  setResolver(schema, "__Directive", "isRepeatable", [](const FieldContext& c) {
    return parentAs<SchemaDirective>(c).repeatable;
  });
  setResolver(schema, "__Directive", "locations", [](const FieldContext& c) {
    JsonValue list = JsonValue::array();
    for (const auto& location : parentAs<SchemaDirective>(c).locations) list.push(location);
    return list;
  });
  setResolver(schema, "__Directive", "args", [](const FieldContext& c) {
    return listOf(parentAs<SchemaDirective>(c).arguments, c);
  });
}

}  // namespace

void bindIntrospection(Schema& schema) {
  for (Binder binder : {bindSchema, bindTypeNames, bindTypeMembers, bindFields, bindDirectives}) {
    binder(schema);
  }
}

Resolver schemaMetaResolver() {
  return [](const FieldContext& c) { return ResolverResult::object(&c.schema()); };
}

Resolver typeMetaResolver() {
  return [](const FieldContext& c) {
    const JsonValue* name = c.argument("name");
    return typeObject(name && name->isString() ? c.schema().type(name->asString()) : nullptr);
  };
}

}  // namespace authcore::graphql::detail
