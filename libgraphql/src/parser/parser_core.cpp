// SPDX-License-Identifier: Apache-2.0
// Recursive-descent parser: values, types, directives and tokens, shared by both grammars.
#include "parser/parser_core.hpp"

#include "parser/source_locator.hpp"
#include "parser/utf8.hpp"

#include <cstdio>
#include <utility>

namespace authcore::graphql::detail {

std::optional<ParseError> checkText(std::string_view text, const ParseLimits& limits) {
  if (text.size() > limits.maxBytes) {
    return ParseError{Errc::TooLarge,
                      "Document is " + std::to_string(text.size()) +
                          " bytes, more than the limit of " + std::to_string(limits.maxBytes) + ".",
                      Location{}};
  }
  if (const auto bad = firstInvalidUtf8(text)) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[*bad]));
    return ParseError{Errc::InvalidUtf8, std::string("Syntax Error: Invalid UTF-8 byte ") + byte + ".",
                      SourceLocator(text).at(*bad)};
  }
  return std::nullopt;
}

Parser::Parser(std::string_view text, const ParseLimits& limits)
    : lexer_(text, limits.maxTokens), limits_(limits) {}

// Iterative rather than recursive: count the opening brackets, read the name,
// then match one closing bracket (and optional "!") per opening one.
Type Parser::parseType() {
  Type type;
  type.location = current_.location;
  std::size_t lists = 0;
  while (at(TokenKind::BracketL)) {
    if (++lists > limits_.depth) {
      failDepth(current_.location);
      return type;
    }
    advance();
  }
  type.name = expectName();
  std::vector<TypeWrapper> innerFirst;
  if (skip(TokenKind::Bang)) innerFirst.push_back(TypeWrapper::NonNull);
  for (std::size_t i = 0; i < lists && expect(TokenKind::BracketR); ++i) {
    innerFirst.push_back(TypeWrapper::List);
    if (skip(TokenKind::Bang)) innerFirst.push_back(TypeWrapper::NonNull);
  }
  type.wrappers.assign(innerFirst.rbegin(), innerFirst.rend());
  return type;
}

std::vector<Argument> Parser::parseArguments(bool isConst) {
  std::vector<Argument> arguments;
  expect(TokenKind::ParenL);
  do {
    Argument argument;
    argument.location = current_.location;
    argument.name = expectName();
    expect(TokenKind::Colon);
    argument.value = parseValue(isConst);
    arguments.push_back(std::move(argument));
  } while (ok() && !at(TokenKind::ParenR));
  expect(TokenKind::ParenR);
  return arguments;
}

std::vector<Directive> Parser::parseDirectives(bool isConst) {
  std::vector<Directive> directives;
  while (at(TokenKind::At)) {
    Directive directive;
    directive.location = current_.location;
    advance();
    directive.name = expectName();
    if (at(TokenKind::ParenL)) directive.arguments = parseArguments(isConst);
    directives.push_back(std::move(directive));
  }
  return directives;
}

Value Parser::parseValue(bool isConst) {
  Value value;
  value.location = current_.location;
  switch (ok() ? current_.kind : TokenKind::EndOfInput) {
    case TokenKind::BracketL: return parseList(isConst);
    case TokenKind::BraceL: return parseObject(isConst);
    case TokenKind::Dollar: return parseVariableValue(isConst);
    case TokenKind::Int: value.data = IntValue{take()}; break;
    case TokenKind::Float: value.data = FloatValue{take()}; break;
    case TokenKind::String: value.data = StringValue{take(), false}; break;
    case TokenKind::BlockString: value.data = StringValue{take(), true}; break;
    case TokenKind::Name: {
      std::string name = take();
      if (name == "true" || name == "false") {
        value.data = BooleanValue{name == "true"};
      } else if (name == "null") {
        value.data = NullValue{};
      } else {
        value.data = EnumValue{std::move(name)};
      }
      break;
    }
    default: failUnexpected(); break;
  }
  return value;
}

Value Parser::parseList(bool isConst) {
  Value value;
  value.location = current_.location;
  DepthGuard guard(*this, value.location);
  if (!guard) return value;
  advance();
  ListValue list;
  while (ok() && !at(TokenKind::BracketR)) list.values.push_back(parseValue(isConst));
  expect(TokenKind::BracketR);
  value.data = std::move(list);
  return value;
}

Value Parser::parseObject(bool isConst) {
  Value value;
  value.location = current_.location;
  DepthGuard guard(*this, value.location);
  if (!guard) return value;
  advance();
  ObjectValue object;
  while (ok() && !at(TokenKind::BraceR)) {
    ObjectField field;
    field.location = current_.location;
    field.name = expectName();
    expect(TokenKind::Colon);
    field.value = parseValue(isConst);
    object.fields.push_back(std::move(field));
  }
  expect(TokenKind::BraceR);
  value.data = std::move(object);
  return value;
}

Value Parser::parseVariableValue(bool isConst) {
  Value value;
  value.location = current_.location;
  if (isConst) {
    fail(Errc::UnexpectedToken, "Syntax Error: Unexpected variable in constant value.",
         value.location);
    return value;
  }
  advance();
  value.data = Variable{expectName()};
  return value;
}

void Parser::advance() {
  if (!ok()) return;
  auto token = lexer_.next();
  if (!token) {
    error_ = std::move(token.error());
    current_ = Token{};
    return;
  }
  current_ = std::move(*token);
}

bool Parser::skip(TokenKind kind) {
  if (!at(kind)) return false;
  advance();
  return true;
}

bool Parser::expect(TokenKind kind) {
  if (skip(kind)) return true;
  if (ok()) {
    fail(Errc::UnexpectedToken,
         "Syntax Error: Expected " + kindName(kind) + ", found " +
             describe(current_) + ".",
         current_.location);
  }
  return false;
}

std::string Parser::expectName() {
  if (at(TokenKind::Name)) return take();
  expect(TokenKind::Name);
  return {};
}

std::string Parser::take() {
  std::string value = std::move(current_.value);
  advance();
  return value;
}

bool Parser::enter(Location location) {
  if (++depth_ <= limits_.depth) return true;
  failDepth(location);
  return false;
}

void Parser::failDepth(Location location) {
  fail(Errc::DepthLimitExceeded,
       "Document nesting exceeds the depth limit of " + std::to_string(limits_.depth) + ".",
       location);
}

void Parser::failUnexpected() {
  if (ok()) {
    fail(Errc::UnexpectedToken, "Syntax Error: Unexpected " + describe(current_) + ".",
         current_.location);
  }
}

void Parser::fail(Errc code, std::string message, Location location) {
  if (!error_) error_ = ParseError{code, std::move(message), location};
}

void Parser::expectKeyword(std::string_view word) {
  if (atKeyword(word)) {
    advance();
    return;
  }
  if (ok()) {
    fail(Errc::UnexpectedToken,
         "Syntax Error: Expected \"" + std::string(word) + "\", found " + describe(current_) + ".",
         current_.location);
  }
}

}  // namespace authcore::graphql::detail
