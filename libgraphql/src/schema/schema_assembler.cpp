// SPDX-License-Identifier: Apache-2.0
// Turns type system definitions into a checked Schema.
#include "schema/schema_assembler.hpp"

#include "schema/builtin_scalars.hpp"
#include "schema/definition_conversion.hpp"
#include "schema/introspection.hpp"
#include "schema/type_view.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <utility>

namespace authcore::graphql::detail {

namespace {

// The first name that appears twice among `items` (projected by `name`).
template <class T, class Name>
std::optional<std::string> duplicateName(const std::vector<T>& items, Name name) {
  std::set<std::string_view> seen;
  for (const auto& item : items) {
    if (!seen.insert(std::invoke(name, item)).second) return std::string(std::invoke(name, item));
  }
  return std::nullopt;
}

std::optional<std::string> duplicateMember(const SchemaType& type) {
  auto self = [](const std::string& name) -> const std::string& { return name; };
  for (auto duplicate : {duplicateName(type.fields, &SchemaField::name),
                         duplicateName(type.inputFields, &SchemaInputValue::name),
                         duplicateName(type.enumValues, &SchemaEnumValue::name),
                         duplicateName(type.possibleTypes, self), duplicateName(type.interfaces, self)}) {
    if (duplicate) return duplicate;
  }
  for (const auto& field : type.fields) {
    if (auto duplicate = duplicateName(field.arguments, &SchemaInputValue::name)) {
      return field.name + "(" + *duplicate + ":)";
    }
  }
  return std::nullopt;
}

bool isEmpty(const SchemaType& type) {
  switch (type.kind) {
    case TypeKind::Object:
    case TypeKind::Interface: return type.fields.empty();
    case TypeKind::Union: return type.possibleTypes.empty();
    case TypeKind::Enum: return type.enumValues.empty();
    case TypeKind::InputObject: return type.inputFields.empty();
    case TypeKind::Scalar: return false;
  }
  return false;
}

template <class T>
void appendAll(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

}  // namespace

tl::expected<Schema, SchemaError> SchemaAssembler::assemble(
    const std::vector<TypeSystemDefinition>& definitions) {
  collect(definitions);
  for (const TypeDefinition* extension : extensions_) applyExtension(*extension);
  if (ok()) convertTypes();
  for (auto& [name, type] : schema_.types_) {
    if (ok()) resolveType(type);
  }
  for (auto& directive : schema_.directives_) {
    if (ok()) resolveInputValues(directive.arguments, "@" + directive.name);
  }
  for (const auto& [name, type] : schema_.types_) {
    if (ok()) checkImplementations(type);
    if (ok() && type.kind == TypeKind::InputObject) checkInputCycles(type);
  }
  if (ok()) setRoots();
  if (ok()) pruneUnusedScalars();
  if (ok()) setMetaFields();
  if (error_) return tl::unexpected(std::move(*error_));
  return std::move(schema_);
}

SchemaType* SchemaAssembler::mutableType(Schema& schema, std::string_view name) {
  const auto it = schema.types_.find(name);
  return it == schema.types_.end() ? nullptr : &it->second;
}

SchemaField* SchemaAssembler::mutableField(Schema& schema, std::string_view type, std::string_view field) {
  SchemaType* owner = mutableType(schema, type);
  if (!owner) return nullptr;
  const auto it = std::ranges::find(owner->fields, field, &SchemaField::name);
  return it == owner->fields.end() ? nullptr : &*it;
}

void SchemaAssembler::collect(const std::vector<TypeSystemDefinition>& definitions) {
  for (const auto& definition : definitions) {
    if (const auto* schema = std::get_if<SchemaDefinition>(&definition)) {
      collectSchema(*schema);
    } else if (const auto* directive = std::get_if<DirectiveDefinition>(&definition)) {
      collectDirective(*directive);
    } else {
      const auto& type = std::get<TypeDefinition>(definition);
      if (type.extension) {
        extensions_.push_back(&type);
      } else if (!merged_.emplace(type.name, type).second) {
        fail("There can be only one type named \"" + type.name + "\".", type.location);
      }
    }
  }
}

void SchemaAssembler::collectSchema(const SchemaDefinition& definition) {
  if (!definition.extension) {
    if (hasSchemaDefinition_) fail("Must provide only one schema definition.", definition.location);
    hasSchemaDefinition_ = true;
    schema_.description_ = definition.description;
  }
  appendAll(roots_, definition.operationTypes);
}

void SchemaAssembler::collectDirective(const DirectiveDefinition& definition) {
  if (schema_.directive(definition.name)) {
    fail("Directive \"@" + definition.name + "\" already exists in the schema.", definition.location);
    return;
  }
  schema_.directives_.push_back(toSchemaDirective(definition));
}

void SchemaAssembler::applyExtension(const TypeDefinition& extension) {
  const auto it = merged_.find(extension.name);
  if (it == merged_.end() || it->second.kind != extension.kind) {
    fail("Cannot extend type \"" + extension.name + "\" because it is not defined.",
         extension.location);
    return;
  }
  TypeDefinition& type = it->second;
  appendAll(type.directives, extension.directives);
  appendAll(type.interfaces, extension.interfaces);
  appendAll(type.fields, extension.fields);
  appendAll(type.unionMembers, extension.unionMembers);
  appendAll(type.enumValues, extension.enumValues);
  appendAll(type.inputFields, extension.inputFields);
}

void SchemaAssembler::convertTypes() {
  for (const auto& [name, definition] : merged_) {
    SchemaType type = toSchemaType(definition);
    if (type.kind == TypeKind::Scalar) type.coercer = builtinScalarCoercer(type.name);
    schema_.types_.emplace(name, std::move(type));
  }
}

void SchemaAssembler::resolveType(SchemaType& type) {
  if (const auto duplicate = duplicateMember(type)) {
    return fail("Type " + type.name + " defines \"" + *duplicate + "\" more than once.");
  }
  if (isEmpty(type)) return fail("Type " + type.name + " must define one or more members.");
  for (auto& field : type.fields) {
    field.namedType = schema_.type(field.type.name);
    if (!field.namedType) return fail("Unknown type \"" + field.type.name + "\" of " + type.name + "." + field.name + ".");
    // Introspection resolvers expect their own parent objects, which only the
    // meta-fields provide.
    if (field.type.name.starts_with("__") && !type.name.starts_with("__")) {
      return fail("The type of " + type.name + "." + field.name + " must not be an introspection type.");
    }
    if (field.namedType->kind == TypeKind::InputObject) {
      return fail("The type of " + type.name + "." + field.name + " must be an output type.");
    }
    resolveInputValues(field.arguments, type.name + "." + field.name);
  }
  resolveInputValues(type.inputFields, type.name);
  for (const auto& name : type.interfaces) {
    const SchemaType* interface = schema_.type(name);
    if (!interface || interface->kind != TypeKind::Interface) {
      return fail(type.name + " can only implement interfaces, not \"" + name + "\".");
    }
  }
  if (type.kind != TypeKind::Union) return;
  for (const auto& name : type.possibleTypes) {
    const SchemaType* member = schema_.type(name);
    if (!member || member->kind != TypeKind::Object) {
      return fail("Union " + type.name + " can only include object types, not \"" + name + "\".");
    }
  }
}

void SchemaAssembler::resolveInputValues(std::vector<SchemaInputValue>& values, const std::string& owner) {
  for (auto& value : values) {
    value.namedType = schema_.type(value.type.name);
    if (!value.namedType || !value.namedType->isInput()) {
      return fail("The type of " + owner + "(" + value.name + ":) must be a known input type.");
    }
  }
}

// Interfaces list the objects that implement them; each object must have the
// interface's fields with compatible types and the same arguments.
void SchemaAssembler::checkImplementations(const SchemaType& type) {
  for (const auto& name : type.interfaces) {
    SchemaType& interface = *mutableType(schema_, name);
    if (type.kind == TypeKind::Object) interface.possibleTypes.push_back(type.name);
    for (const auto& expected : interface.fields) {
      const SchemaField* field = type.field(expected.name);
      if (!field || !isSubType(schema_, viewOf(*field), viewOf(expected))) {
        return fail("Interface field " + name + "." + expected.name + " expected but " + type.name +
                    " does not provide it with a compatible type.");
      }
      for (const auto& argument : expected.arguments) {
        const SchemaInputValue* provided = field->argument(argument.name);
        if (!provided || !sameType(viewOf(*provided), viewOf(argument))) {
          return fail("Interface field argument " + name + "." + expected.name + "(" + argument.name +
                      ":) expected but " + type.name + "." + expected.name + " does not provide it.");
        }
      }
    }
  }
}

// An input object may not require itself through non-null, non-list fields:
// no finite value could be written (spec 3.10).
void SchemaAssembler::checkInputCycles(const SchemaType& type) {
  std::vector<const SchemaType*> path{&type};
  auto visit = [&](auto& self, const SchemaType& current) -> bool {
    for (const auto& field : current.inputFields) {
      if (field.type.wrappers.size() != 1 || !viewOf(field).isNonNull()) continue;
      const SchemaType* next = field.namedType;
      if (next == &type) return true;
      if (next->kind != TypeKind::InputObject || std::ranges::count(path, next) > 0) continue;
      path.push_back(next);
      if (self(self, *next)) return true;
      path.pop_back();
    }
    return false;
  };
  if (visit(visit, type)) fail("Input object " + type.name + " references itself through non-null fields.");
}

void SchemaAssembler::setRoots() {
  if (!hasSchemaDefinition_) {
    for (const auto* name : {"Query", "Mutation", "Subscription"}) {
      if (!schema_.type(name)) continue;
      const auto operation = std::string_view(name) == "Query"      ? OperationType::Query
                             : std::string_view(name) == "Mutation" ? OperationType::Mutation
                                                                     : OperationType::Subscription;
      roots_.push_back(RootOperationTypeDefinition{operation, name, Location{}});
    }
  }
  for (const auto& root : roots_) {
    const SchemaType* type = schema_.type(root.type);
    if (!type || type->kind != TypeKind::Object) {
      return fail("Root type \"" + root.type + "\" must be a defined object type.", root.location);
    }
    if (root.operation == OperationType::Query) schema_.query_ = type;
    if (root.operation == OperationType::Mutation) schema_.mutation_ = type;
    if (root.operation == OperationType::Subscription) schema_.subscription_ = type;
  }
  if (!schema_.query_) fail("Query root type must be provided.");
}

// Like the reference implementation, a schema lists only the built-in scalars
// it uses, so that introspection matches the contract file type for type.
void SchemaAssembler::pruneUnusedScalars() {
  std::set<std::string_view> used;
  auto use = [&used](const std::vector<SchemaInputValue>& values) {
    for (const auto& value : values) used.insert(value.type.name);
  };
  for (const auto& [name, type] : schema_.types_) {
    for (const auto& field : type.fields) {
      used.insert(field.type.name);
      use(field.arguments);
    }
    use(type.inputFields);
  }
  for (const auto& directive : schema_.directives_) use(directive.arguments);
  std::erase_if(schema_.types_, [&used](const auto& entry) {
    return isBuiltinScalar(entry.first) && !used.contains(entry.first);
  });
}

void SchemaAssembler::setMetaFields() {
  auto meta = [this](std::string name, std::string typeName, std::string description) {
    SchemaField field;
    field.name = std::move(name);
    field.description = std::move(description);
    field.type.name = std::move(typeName);
    field.type.wrappers = {TypeWrapper::NonNull};
    field.namedType = schema_.type(field.type.name);
    return field;
  };
  schema_.typenameField_ = meta("__typename", "String", "The name of the current Object type at runtime.");
  schema_.schemaField_ = meta("__schema", "__Schema", "Access the current type schema of this server.");
  schema_.typeField_ = meta("__type", "__Type", "Request the type information of a single type.");
  schema_.typeField_.type.wrappers.clear();
  SchemaInputValue name;
  name.name = "name";
  name.type = Type{"String", {TypeWrapper::NonNull}, Location{}};
  name.namedType = schema_.type("String");
  schema_.typeField_.arguments.push_back(std::move(name));
  schema_.schemaField_.resolver = schemaMetaResolver();
  schema_.typeField_.resolver = typeMetaResolver();
}

void SchemaAssembler::fail(std::string message, Location location) {
  if (!error_) error_ = SchemaError{std::move(message), location};
}

}  // namespace authcore::graphql::detail
