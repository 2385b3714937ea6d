// SPDX-License-Identifier: Apache-2.0
// Recursive-descent parser shared by executable documents and SDL.
#pragma once

#include "parser/lexer.hpp"

#include <authcore/graphql/ast.hpp>
#include <authcore/graphql/parse_error.hpp>
#include <authcore/graphql/parser.hpp>
#include <authcore/graphql/sdl_ast.hpp>

#include <optional>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace authcore::graphql::detail {

/// Why `text` cannot be parsed at all (too large, not UTF-8), if it cannot.
std::optional<ParseError> checkText(std::string_view text, const ParseLimits& limits);

// The first error sticks: once set, no more tokens are read and every parse
// function returns early with an empty node, which unwinds the recursion without
// exceptions while keeping each grammar rule a plain function. The executable
// grammar lives in parser.cpp, the type-system grammar in sdl_parser.cpp and
// what both share (values, types, directives, tokens) in parser_core.cpp.
class Parser {
public:
  Parser(std::string_view text, const ParseLimits& limits);

  tl::expected<Document, ParseError> parseDocument();
  tl::expected<SchemaDocument, ParseError> parseSchemaDocument();

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

  // Reads definitions with `parseOne` until the end of the text.
  template <class Doc, class ParseOne>
  tl::expected<Doc, ParseError> parseDefinitions(ParseOne parseOne) {
    Doc document;
    advance();
    do {
      auto definition = (this->*parseOne)();
      if (definition && ok()) document.definitions.push_back(std::move(*definition));
    } while (ok() && !at(TokenKind::EndOfInput));
    if (error_) return tl::unexpected(std::move(*error_));
    return document;
  }

  // Executable documents.
  std::optional<Definition> parseDefinition();
  OperationDefinition parseOperation();
  FragmentDefinition parseFragment();
  std::vector<VariableDefinition> parseVariableDefinitions();
  VariableDefinition parseVariableDefinition();
  std::vector<Selection> parseSelectionSet();
  Selection parseFragmentSelection();
  Field parseField();

  // Type system documents.
  std::optional<TypeSystemDefinition> parseTypeSystemDefinition();
  std::optional<std::string> parseDescription();
  SchemaDefinition parseSchemaDefinition(std::optional<std::string> description, bool extension);
  TypeDefinition parseTypeDefinition(std::optional<std::string> description, bool extension);
  void parseTypeBody(TypeDefinition& type);
  DirectiveDefinition parseDirectiveDefinition(std::optional<std::string> description);
  std::vector<std::string> parseImplements();
  std::vector<std::string> parseUnionMembers();
  std::vector<FieldDefinition> parseFieldDefinitions();
  std::vector<InputValueDefinition> parseInputValueDefinitions(TokenKind open, TokenKind close);
  InputValueDefinition parseInputValueDefinition();
  std::vector<EnumValueDefinition> parseEnumValueDefinitions();

  // Shared.
  Type parseType();
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
  void expectKeyword(std::string_view word);
  std::string expectName();
  std::string take();
  bool enter(Location location);
  void failUnexpected();
  void failDepth(Location location);
  void fail(Errc code, std::string message, Location location);

  Lexer lexer_;
  ParseLimits limits_;
  Token current_;
  std::size_t depth_ = 0;
  std::optional<ParseError> error_;
};

}  // namespace authcore::graphql::detail
