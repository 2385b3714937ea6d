// SPDX-License-Identifier: Apache-2.0
// Recursive-descent parser of GraphQL executable documents.
#include <authcore/graphql/parser.hpp>

#include "parser/lexer.hpp"
#include "parser/source_locator.hpp"
#include "parser/utf8.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <utility>

namespace authcore::graphql {

namespace {

using detail::Token;
using detail::TokenKind;

// The first error sticks: once set, no more tokens are read and every parse
// function returns early with an empty node, which unwinds the recursion without
// exceptions while keeping each grammar rule a plain function.
class Parser {
public:
  Parser(std::string_view text, const ParseLimits& limits)
      : lexer_(text, limits.maxTokens), limits_(limits) {}

  tl::expected<Document, ParseError> parseDocument();

private:
  // Counts one nesting level for as long as it lives.
  class DepthGuard {
  public:
    DepthGuard(Parser& parser, Location location) : parser_(parser), ok_(parser.enter(location)) {}
    ~DepthGuard() { --parser_.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
    explicit operator bool() const { return ok_; }

  private:
    Parser& parser_;
    bool ok_;
  };

  std::optional<Definition> parseDefinition();
  OperationDefinition parseOperation();
  FragmentDefinition parseFragment();
  std::vector<VariableDefinition> parseVariableDefinitions();
  VariableDefinition parseVariableDefinition();
  Type parseType();
  std::vector<Selection> parseSelectionSet();
  Selection parseFragmentSelection();
  Field parseField();
  std::vector<Argument> parseArguments(bool isConst);
  std::vector<Directive> parseDirectives(bool isConst);
  Value parseValue(bool isConst);
  Value parseList(bool isConst);
  Value parseObject(bool isConst);
  Value parseVariableValue(bool isConst);

  bool ok() const { return !error_; }
  bool at(TokenKind kind) const { return ok() && current_.kind == kind; }
  bool atKeyword(std::string_view word) const { return at(TokenKind::Name) && current_.value == word; }
  void advance();
  bool skip(TokenKind kind);
  bool expect(TokenKind kind);
  std::string expectName();
  std::string take();
  bool enter(Location location);
  void failUnexpected();
  void failDepth(Location location);
  void fail(Errc code, std::string message, Location location);

  detail::Lexer lexer_;
  ParseLimits limits_;
  Token current_;
  std::size_t depth_ = 0;
  std::optional<ParseError> error_;
};

tl::expected<Document, ParseError> Parser::parseDocument() {
  Document document;
  advance();
  do {
    auto definition = parseDefinition();
    if (definition && ok()) document.definitions.push_back(std::move(*definition));
  } while (ok() && !at(TokenKind::EndOfInput));
  if (error_) return tl::unexpected(std::move(*error_));
  return document;
}

std::optional<Definition> Parser::parseDefinition() {
  if (at(TokenKind::BraceL)) {
    OperationDefinition shorthand;
    shorthand.location = current_.location;
    shorthand.selectionSet = parseSelectionSet();
    return shorthand;
  }
  if (atKeyword("query") || atKeyword("mutation") || atKeyword("subscription")) {
    return parseOperation();
  }
  if (atKeyword("fragment")) return parseFragment();
  failUnexpected();
  return std::nullopt;
}

OperationDefinition Parser::parseOperation() {
  OperationDefinition operation;
  operation.location = current_.location;
  if (current_.value == "mutation") operation.operation = OperationType::Mutation;
  if (current_.value == "subscription") operation.operation = OperationType::Subscription;
  advance();
  if (at(TokenKind::Name)) operation.name = take();
  if (at(TokenKind::ParenL)) operation.variables = parseVariableDefinitions();
  operation.directives = parseDirectives(false);
  operation.selectionSet = parseSelectionSet();
  return operation;
}

FragmentDefinition Parser::parseFragment() {
  FragmentDefinition fragment;
  fragment.location = current_.location;
  advance();
  if (atKeyword("on")) {
    failUnexpected();
    return fragment;
  }
  fragment.name = expectName();
  if (!atKeyword("on")) {
    fail(Errc::UnexpectedToken,
         "Syntax Error: Expected \"on\", found " + detail::describe(current_) + ".",
         current_.location);
    return fragment;
  }
  advance();
  fragment.typeCondition = expectName();
  fragment.directives = parseDirectives(false);
  fragment.selectionSet = parseSelectionSet();
  return fragment;
}

std::vector<VariableDefinition> Parser::parseVariableDefinitions() {
  std::vector<VariableDefinition> definitions;
  expect(TokenKind::ParenL);
  do {
    definitions.push_back(parseVariableDefinition());
  } while (ok() && !at(TokenKind::ParenR));
  expect(TokenKind::ParenR);
  return definitions;
}

VariableDefinition Parser::parseVariableDefinition() {
  VariableDefinition definition;
  definition.location = current_.location;
  expect(TokenKind::Dollar);
  definition.name = expectName();
  expect(TokenKind::Colon);
  definition.type = parseType();
  if (skip(TokenKind::Equals)) definition.defaultValue = parseValue(true);
  definition.directives = parseDirectives(true);
  return definition;
}

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

std::vector<Selection> Parser::parseSelectionSet() {
  std::vector<Selection> selections;
  const Location location = current_.location;
  if (!expect(TokenKind::BraceL)) return selections;
  DepthGuard guard(*this, location);
  if (!guard) return selections;
  do {
    if (at(TokenKind::Spread)) {
      selections.push_back(parseFragmentSelection());
    } else {
      selections.push_back(Selection{parseField()});
    }
  } while (ok() && !at(TokenKind::BraceR));
  expect(TokenKind::BraceR);
  return selections;
}

Selection Parser::parseFragmentSelection() {
  const Location location = current_.location;
  advance();
  if (at(TokenKind::Name) && current_.value != "on") {
    FragmentSpread spread;
    spread.location = location;
    spread.name = take();
    spread.directives = parseDirectives(false);
    return Selection{std::move(spread)};
  }
  InlineFragment fragment;
  fragment.location = location;
  if (atKeyword("on")) {
    advance();
    fragment.typeCondition = expectName();
  }
  fragment.directives = parseDirectives(false);
  fragment.selectionSet = parseSelectionSet();
  return Selection{std::move(fragment)};
}

Field Parser::parseField() {
  Field field;
  field.location = current_.location;
  std::string first = expectName();
  if (skip(TokenKind::Colon)) {
    field.alias = std::move(first);
    field.name = expectName();
  } else {
    field.name = std::move(first);
  }
  if (at(TokenKind::ParenL)) field.arguments = parseArguments(false);
  field.directives = parseDirectives(false);
  if (at(TokenKind::BraceL)) field.selectionSet = parseSelectionSet();
  return field;
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
         "Syntax Error: Expected " + detail::kindName(kind) + ", found " +
             detail::describe(current_) + ".",
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
    fail(Errc::UnexpectedToken, "Syntax Error: Unexpected " + detail::describe(current_) + ".",
         current_.location);
  }
}

void Parser::fail(Errc code, std::string message, Location location) {
  if (!error_) error_ = ParseError{code, std::move(message), location};
}

}  // namespace

tl::expected<Document, ParseError> parse(std::string_view text, ParseLimits limits) {
  if (text.size() > limits.maxBytes) {
    return tl::unexpected(ParseError{Errc::TooLarge,
                                     "Document is " + std::to_string(text.size()) +
                                         " bytes, more than the limit of " +
                                         std::to_string(limits.maxBytes) + ".",
                                     Location{}});
  }
  if (const auto bad = detail::firstInvalidUtf8(text)) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[*bad]));
    return tl::unexpected(ParseError{Errc::InvalidUtf8,
                                     std::string("Syntax Error: Invalid UTF-8 byte ") + byte + ".",
                                     detail::SourceLocator(text).at(*bad)});
  }
  limits.depth = std::min(limits.depth, kMaxDepthCeiling);
  return Parser(text, limits).parseDocument();
}

}  // namespace authcore::graphql
