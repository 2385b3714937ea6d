// SPDX-License-Identifier: Apache-2.0
// Lexical tokens of GraphQL source text.
#pragma once

#include <authcore/graphql/location.hpp>

#include <string>

namespace authcore::graphql::detail {

/// Kinds of significant tokens; whitespace, commas and comments are never tokens.
enum class TokenKind {
  EndOfInput,
  Bang,
  Dollar,
  Amp,
  ParenL,
  ParenR,
  Spread,
  Colon,
  Equals,
  At,
  BracketL,
  BracketR,
  BraceL,
  Pipe,
  BraceR,
  Name,
  Int,
  Float,
  String,
  BlockString,
};

/// One token: names and numbers keep their text, strings their decoded value.
struct Token {
  TokenKind kind = TokenKind::EndOfInput;
  std::string value;
  Location location;
};

/// How a kind is named in "Expected ..." messages: `Name`, `"{"`, `<EOF>`.
std::string kindName(TokenKind kind);

/// How a token is named in messages: `Name "id"`, `"{"`, `<EOF>` (long values cut).
std::string describe(const Token& token);

}  // namespace authcore::graphql::detail
