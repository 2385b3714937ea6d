// SPDX-License-Identifier: Apache-2.0
// Splits GraphQL source text into tokens, one at a time.
#pragma once

#include "parser/source_locator.hpp"
#include "parser/token.hpp"

#include <authcore/graphql/parse_error.hpp>

#include <cstddef>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authcore::graphql::detail {

/// Produces tokens on demand. The text must be well-formed UTF-8 (parse() checks
/// that first). After an error the lexer must not be used again.
class Lexer {
public:
  /// Lexes `text`; producing more than `maxTokens` tokens is an error.
  Lexer(std::string_view text, std::size_t maxTokens);

  /// The next token (EndOfInput at the end, repeatedly), or why there is none.
  tl::expected<Token, ParseError> next();

private:
  using Result = tl::expected<Token, ParseError>;

  void skipIgnored();
  Result readPunctuator(std::size_t start);
  Result readName(std::size_t start);
  Result readNumber(std::size_t start);
  Result readString(std::size_t start);
  Result readBlockString(std::size_t start);
  tl::expected<std::size_t, ParseError> readEscape(std::size_t pos, std::string& out);
  tl::expected<std::size_t, ParseError> readUnicodeEscape(std::size_t pos, std::string& out);
  tl::expected<std::size_t, ParseError> readBracedEscape(std::size_t pos, std::string& out);
  std::size_t skipDigits(std::size_t pos) const;
  char at(std::size_t pos) const;
  Token token(TokenKind kind, std::size_t start, std::size_t end, std::string value);
  tl::unexpected<ParseError> fail(Errc code, std::string message, std::size_t offset);
  std::string describeChar(std::size_t pos) const;

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t tokens_ = 0;
  std::size_t maxTokens_;
  SourceLocator locator_;
};

}  // namespace authcore::graphql::detail
