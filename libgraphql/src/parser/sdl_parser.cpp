// SPDX-License-Identifier: Apache-2.0
// Recursive-descent parser: the grammar of type system documents (SDL).
#include <authcore/graphql/sdl_parser.hpp>

#include "parser/parser_core.hpp"

#include <algorithm>
#include <utility>

namespace authcore::graphql {

namespace detail {

namespace {

std::optional<TypeKind> typeKeyword(std::string_view word) {
  if (word == "scalar") return TypeKind::Scalar;
  if (word == "type") return TypeKind::Object;
  if (word == "interface") return TypeKind::Interface;
  if (word == "union") return TypeKind::Union;
  if (word == "enum") return TypeKind::Enum;
  if (word == "input") return TypeKind::InputObject;
  return std::nullopt;
}

}  // namespace

tl::expected<SchemaDocument, ParseError> Parser::parseSchemaDocument() {
  return parseDefinitions<SchemaDocument>(&Parser::parseTypeSystemDefinition);
}

std::optional<TypeSystemDefinition> Parser::parseTypeSystemDefinition() {
  auto description = parseDescription();
  const bool extension = !description && atKeyword("extend");
  if (extension) advance();
  if (atKeyword("schema")) return parseSchemaDefinition(std::move(description), extension);
  if (at(TokenKind::Name) && typeKeyword(current_.value)) {
    return parseTypeDefinition(std::move(description), extension);
  }
  if (!extension && atKeyword("directive")) return parseDirectiveDefinition(std::move(description));
  failUnexpected();
  return std::nullopt;
}

std::optional<std::string> Parser::parseDescription() {
  if (at(TokenKind::String) || at(TokenKind::BlockString)) return take();
  return std::nullopt;
}

SchemaDefinition Parser::parseSchemaDefinition(std::optional<std::string> description, bool extension) {
  SchemaDefinition schema;
  schema.location = current_.location;
  schema.description = std::move(description);
  schema.extension = extension;
  advance();
  schema.directives = parseDirectives(true);
  if (extension && !at(TokenKind::BraceL)) return schema;
  expect(TokenKind::BraceL);
  do {
    RootOperationTypeDefinition root;
    root.location = current_.location;
    if (atKeyword("mutation")) root.operation = OperationType::Mutation;
    if (atKeyword("subscription")) root.operation = OperationType::Subscription;
    if (!atKeyword("query") && root.operation == OperationType::Query) failUnexpected();
    advance();
    expect(TokenKind::Colon);
    root.type = expectName();
    schema.operationTypes.push_back(std::move(root));
  } while (ok() && !at(TokenKind::BraceR));
  expect(TokenKind::BraceR);
  return schema;
}

TypeDefinition Parser::parseTypeDefinition(std::optional<std::string> description, bool extension) {
  TypeDefinition type;
  type.location = current_.location;
  type.kind = *typeKeyword(current_.value);
  type.description = std::move(description);
  type.extension = extension;
  advance();
  type.name = expectName();
  parseTypeBody(type);
  return type;
}

// Every body is optional in the grammar (`type Query` alone is valid SDL).
void Parser::parseTypeBody(TypeDefinition& type) {
  switch (type.kind) {
    case TypeKind::Object:
    case TypeKind::Interface:
      type.interfaces = parseImplements();
      type.directives = parseDirectives(true);
      if (at(TokenKind::BraceL)) type.fields = parseFieldDefinitions();
      break;
    case TypeKind::Union:
      type.directives = parseDirectives(true);
      if (skip(TokenKind::Equals)) type.unionMembers = parseUnionMembers();
      break;
    case TypeKind::Enum:
      type.directives = parseDirectives(true);
      if (at(TokenKind::BraceL)) type.enumValues = parseEnumValueDefinitions();
      break;
    case TypeKind::InputObject:
      type.directives = parseDirectives(true);
      if (at(TokenKind::BraceL)) {
        type.inputFields = parseInputValueDefinitions(TokenKind::BraceL, TokenKind::BraceR);
      }
      break;
    case TypeKind::Scalar:
      type.directives = parseDirectives(true);
      break;
  }
}

DirectiveDefinition Parser::parseDirectiveDefinition(std::optional<std::string> description) {
  DirectiveDefinition directive;
  directive.location = current_.location;
  directive.description = std::move(description);
  advance();
  expect(TokenKind::At);
  directive.name = expectName();
  if (at(TokenKind::ParenL)) {
    directive.arguments = parseInputValueDefinitions(TokenKind::ParenL, TokenKind::ParenR);
  }
  if (atKeyword("repeatable")) {
    directive.repeatable = true;
    advance();
  }
  expectKeyword("on");
  skip(TokenKind::Pipe);
  do {
    directive.locations.push_back(expectName());
  } while (skip(TokenKind::Pipe));
  return directive;
}

std::vector<std::string> Parser::parseImplements() {
  std::vector<std::string> names;
  if (!atKeyword("implements")) return names;
  advance();
  skip(TokenKind::Amp);
  do {
    names.push_back(expectName());
  } while (skip(TokenKind::Amp));
  return names;
}

std::vector<std::string> Parser::parseUnionMembers() {
  std::vector<std::string> names;
  skip(TokenKind::Pipe);
  do {
    names.push_back(expectName());
  } while (skip(TokenKind::Pipe));
  return names;
}

std::vector<FieldDefinition> Parser::parseFieldDefinitions() {
  std::vector<FieldDefinition> fields;
  expect(TokenKind::BraceL);
  do {
    FieldDefinition field;
    field.description = parseDescription();
    field.location = current_.location;
    field.name = expectName();
    if (at(TokenKind::ParenL)) {
      field.arguments = parseInputValueDefinitions(TokenKind::ParenL, TokenKind::ParenR);
    }
    expect(TokenKind::Colon);
    field.type = parseType();
    field.directives = parseDirectives(true);
    fields.push_back(std::move(field));
  } while (ok() && !at(TokenKind::BraceR));
  expect(TokenKind::BraceR);
  return fields;
}

std::vector<InputValueDefinition> Parser::parseInputValueDefinitions(TokenKind open, TokenKind close) {
  std::vector<InputValueDefinition> values;
  expect(open);
  do {
    values.push_back(parseInputValueDefinition());
  } while (ok() && !at(close));
  expect(close);
  return values;
}

InputValueDefinition Parser::parseInputValueDefinition() {
  InputValueDefinition value;
  value.description = parseDescription();
  value.location = current_.location;
  value.name = expectName();
  expect(TokenKind::Colon);
  value.type = parseType();
  if (skip(TokenKind::Equals)) value.defaultValue = parseValue(true);
  value.directives = parseDirectives(true);
  return value;
}

std::vector<EnumValueDefinition> Parser::parseEnumValueDefinitions() {
  std::vector<EnumValueDefinition> values;
  expect(TokenKind::BraceL);
  do {
    EnumValueDefinition value;
    value.description = parseDescription();
    value.location = current_.location;
    if (atKeyword("true") || atKeyword("false") || atKeyword("null")) failUnexpected();
    value.name = expectName();
    value.directives = parseDirectives(true);
    values.push_back(std::move(value));
  } while (ok() && !at(TokenKind::BraceR));
  expect(TokenKind::BraceR);
  return values;
}

}  // namespace detail

tl::expected<SchemaDocument, ParseError> parseSchema(std::string_view text, ParseLimits limits) {
  if (auto error = detail::checkText(text, limits)) return tl::unexpected(std::move(*error));
  limits.depth = std::min(limits.depth, kMaxDepthCeiling);
  return detail::Parser(text, limits).parseSchemaDocument();
}

}  // namespace authcore::graphql
