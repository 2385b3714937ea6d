// SPDX-License-Identifier: Apache-2.0
// Recursive-descent parser: the grammar of executable documents.
#include <authcore/graphql/parser.hpp>

#include "parser/parser_core.hpp"

#include <algorithm>
#include <utility>

namespace authcore::graphql {

namespace detail {

tl::expected<Document, ParseError> Parser::parseDocument() {
  return parseDefinitions<Document>(&Parser::parseDefinition);
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
  expectKeyword("on");
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

}  // namespace detail

tl::expected<Document, ParseError> parse(std::string_view text, ParseLimits limits) {
  if (auto error = detail::checkText(text, limits)) return tl::unexpected(std::move(*error));
  limits.depth = std::min(limits.depth, kMaxDepthCeiling);
  return detail::Parser(text, limits).parseDocument();
}

}  // namespace authcore::graphql
