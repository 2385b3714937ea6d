// SPDX-License-Identifier: Apache-2.0
// Builds a Schema from SDL text plus C++ resolvers.
#include <authcore/graphql/schema_builder.hpp>

#include <authcore/graphql/sdl_parser.hpp>

#include "schema/builtin_scalars.hpp"
#include "schema/introspection.hpp"
#include "schema/prelude.hpp"
#include "schema/schema_assembler.hpp"

#include <utility>

namespace authcore::graphql {

namespace {

using detail::SchemaAssembler;

// Bindings are copied, not moved, so that build() may be called again.
std::optional<SchemaError> bindFields(Schema& schema, std::string_view type, std::string_view field,
                                      const Resolver& resolver) {
  SchemaField* definition = SchemaAssembler::mutableField(schema, type, field);
  if (!definition) {
    return SchemaError{"Cannot bind " + std::string(type) + "." + std::string(field) +
                           ": no such field.", Location{}};
  }
  definition->resolver = resolver;
  return std::nullopt;
}

}  // namespace

SchemaBuilder& SchemaBuilder::addSdl(std::string_view sdl) {
  auto document = parseSchema(sdl);
  if (!document) {
    if (!error_) error_ = SchemaError{document.error().message, document.error().location};
    return *this;
  }
  for (auto& definition : document->definitions) definitions_.push_back(std::move(definition));
  return *this;
}

SchemaBuilder& SchemaBuilder::bindField(std::string_view type, std::string_view field, Resolver resolver) {
  fields_.push_back({std::string(type), std::string(field), std::move(resolver)});
  return *this;
}

SchemaBuilder& SchemaBuilder::bindScalar(std::string_view scalar, ScalarCoercer coercer) {
  scalars_.push_back({std::string(scalar), std::move(coercer)});
  return *this;
}

SchemaBuilder& SchemaBuilder::bindTypeResolver(std::string_view type, TypeResolver resolver) {
  typeResolvers_.push_back({std::string(type), std::move(resolver)});
  return *this;
}

tl::expected<Schema, SchemaError> SchemaBuilder::build() {
  if (error_) return tl::unexpected(*error_);
  auto prelude = parseSchema(detail::kPreludeSdl);
  std::vector<TypeSystemDefinition> all = std::move(prelude->definitions);
  all.insert(all.end(), definitions_.begin(), definitions_.end());
  auto schema = SchemaAssembler().assemble(all);
  if (!schema) return schema;
  detail::bindIntrospection(*schema);
  for (const auto& binding : fields_) {
    if (auto error = bindFields(*schema, binding.type, binding.field, binding.resolver)) {
      return tl::unexpected(std::move(*error));
    }
  }
  for (const auto& binding : scalars_) {
    SchemaType* scalar = SchemaAssembler::mutableType(*schema, binding.scalar);
    if (!scalar || scalar->kind != TypeKind::Scalar || detail::isBuiltinScalar(binding.scalar)) {
      return tl::unexpected(SchemaError{"Cannot bind scalar " + binding.scalar + ": not a custom scalar.", {}});
    }
    scalar->coercer = binding.coercer;
  }
  for (const auto& binding : typeResolvers_) {
    SchemaType* abstract = SchemaAssembler::mutableType(*schema, binding.type);
    if (!abstract || !abstract->isAbstract()) {
      return tl::unexpected(SchemaError{"Cannot bind a type resolver to " + binding.type +
                                            ": not an interface or union.", {}});
    }
    abstract->typeResolver = binding.resolver;
  }
  return schema;
}

tl::expected<Schema, SchemaError> SchemaBuilder::fromSdl(std::string_view sdl) {
  return SchemaBuilder().addSdl(sdl).build();
}

}  // namespace authcore::graphql
