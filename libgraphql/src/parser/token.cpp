// SPDX-License-Identifier: Apache-2.0
// Lexical tokens of GraphQL source text.
#include "parser/token.hpp"

#include "parser/utf8.hpp"

#include <string_view>

namespace authcore::graphql::detail {

namespace {

// Messages quote token values; a 1 MiB string must not become a 1 MiB message.
constexpr std::size_t kMaxQuotedBytes = 40;

std::string quoted(std::string_view value) {
  std::size_t end = 0;
  while (end < value.size()) {
    const std::size_t length = utf8SequenceLength(value, end);
    if (length == 0 || end + length > kMaxQuotedBytes) break;
    end += length;
  }
  std::string out(1, '"');
  out.append(value.substr(0, end));
  if (end < value.size()) out.append("...");
  out.push_back('"');
  return out;
}

}  // namespace

std::string kindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::EndOfInput: return "<EOF>";
    case TokenKind::Bang: return "\"!\"";
    case TokenKind::Dollar: return "\"$\"";
    case TokenKind::Amp: return "\"&\"";
    case TokenKind::ParenL: return "\"(\"";
    case TokenKind::ParenR: return "\")\"";
    case TokenKind::Spread: return "\"...\"";
    case TokenKind::Colon: return "\":\"";
    case TokenKind::Equals: return "\"=\"";
    case TokenKind::At: return "\"@\"";
    case TokenKind::BracketL: return "\"[\"";
    case TokenKind::BracketR: return "\"]\"";
    case TokenKind::BraceL: return "\"{\"";
    case TokenKind::Pipe: return "\"|\"";
    case TokenKind::BraceR: return "\"}\"";
    case TokenKind::Name: return "Name";
    case TokenKind::Int: return "Int";
    case TokenKind::Float: return "Float";
    case TokenKind::String: return "String";
    case TokenKind::BlockString: return "BlockString";
  }
  return "token";
}

std::string describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::Name:
    case TokenKind::Int:
    case TokenKind::Float:
    case TokenKind::String:
    case TokenKind::BlockString:
      return kindName(token.kind) + " " + quoted(token.value);
    default:
      return kindName(token.kind);
  }
}

}  // namespace authcore::graphql::detail
