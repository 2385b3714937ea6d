// SPDX-License-Identifier: Apache-2.0
// Splits GraphQL source text into tokens, one at a time.
#include "parser/lexer.hpp"

#include "parser/block_string.hpp"
#include "parser/utf8.hpp"

#include <optional>

namespace authcore::graphql::detail {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::string_view kBlockQuote = "\"\"\"";
constexpr std::string_view kEscapedBlockQuote = "\\\"\"\"";

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

bool isNameStart(char c) {
  return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool isNameContinue(char c) {
  return isNameStart(c) || isDigit(c);
}

std::optional<unsigned> hexValue(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<unsigned>(c - 'A' + 10);
  return std::nullopt;
}

bool isSurrogate(char32_t c) {
  return c >= 0xD800 && c <= 0xDFFF;
}

std::optional<TokenKind> punctuatorKind(char c) {
  switch (c) {
    case '!': return TokenKind::Bang;
    case '$': return TokenKind::Dollar;
    case '&': return TokenKind::Amp;
    case '(': return TokenKind::ParenL;
    case ')': return TokenKind::ParenR;
    case ':': return TokenKind::Colon;
    case '=': return TokenKind::Equals;
    case '@': return TokenKind::At;
    case '[': return TokenKind::BracketL;
    case ']': return TokenKind::BracketR;
    case '{': return TokenKind::BraceL;
    case '|': return TokenKind::Pipe;
    case '}': return TokenKind::BraceR;
    default: return std::nullopt;
  }
}

}  // namespace

Lexer::Lexer(std::string_view text, std::size_t maxTokens)
    : text_(text), maxTokens_(maxTokens), locator_(text) {}

tl::expected<Token, ParseError> Lexer::next() {
  skipIgnored();
  const std::size_t start = pos_;
  if (start >= text_.size()) return token(TokenKind::EndOfInput, start, start, {});
  if (++tokens_ > maxTokens_) {
    return fail(Errc::TooManyTokens,
                "Document exceeds the limit of " + std::to_string(maxTokens_) + " tokens.", start);
  }
  const char c = text_[start];
  if (isNameStart(c)) return readName(start);
  if (c == '-' || isDigit(c)) return readNumber(start);
  if (text_.substr(start, 3) == kBlockQuote) return readBlockString(start);
  if (c == '"') return readString(start);
  return readPunctuator(start);
}

void Lexer::skipIgnored() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == ' ' || c == '\t' || c == ',' || c == '\n' || c == '\r') {
      ++pos_;
    } else if (c == '#') {
      const std::size_t end = text_.find_first_of("\r\n", pos_);
      pos_ = end == std::string_view::npos ? text_.size() : end;
    } else if (text_.substr(pos_, kByteOrderMark.size()) == kByteOrderMark) {
      pos_ += kByteOrderMark.size();
    } else {
      return;
    }
  }
}

tl::expected<Token, ParseError> Lexer::readPunctuator(std::size_t start) {
  if (text_.substr(start, 3) == "...") return token(TokenKind::Spread, start, start + 3, {});
  if (const auto kind = punctuatorKind(text_[start])) return token(*kind, start, start + 1, {});
  return fail(Errc::UnexpectedCharacter,
              "Syntax Error: Unexpected character: " + describeChar(start) + ".", start);
}

tl::expected<Token, ParseError> Lexer::readName(std::size_t start) {
  std::size_t end = start + 1;
  while (end < text_.size() && isNameContinue(text_[end])) ++end;
  return token(TokenKind::Name, start, end, std::string(text_.substr(start, end - start)));
}

tl::expected<Token, ParseError> Lexer::readNumber(std::size_t start) {
  auto invalid = [this](std::size_t pos) {
    return fail(Errc::InvalidNumber,
                "Syntax Error: Invalid number, expected digit but got: " + describeChar(pos) + ".",
                pos);
  };
  std::size_t pos = start;
  if (at(pos) == '-') ++pos;
  if (at(pos) == '0' && isDigit(at(pos + 1))) {
    return fail(Errc::InvalidNumber,
                "Syntax Error: Invalid number, unexpected digit after 0: " + describeChar(pos + 1) + ".",
                pos + 1);
  }
  std::size_t end = skipDigits(pos);
  if (end == pos) return invalid(pos);
  bool isFloat = false;
  if (at(end) == '.') {
    pos = end + 1;
    end = skipDigits(pos);
    if (end == pos) return invalid(pos);
    isFloat = true;
  }
  if (at(end) == 'e' || at(end) == 'E') {
    pos = end + 1;
    if (at(pos) == '+' || at(pos) == '-') ++pos;
    end = skipDigits(pos);
    if (end == pos) return invalid(pos);
    isFloat = true;
  }
  if (at(end) == '.' || isNameStart(at(end))) return invalid(end);
  return token(isFloat ? TokenKind::Float : TokenKind::Int, start, end,
               std::string(text_.substr(start, end - start)));
}

tl::expected<Token, ParseError> Lexer::readString(std::size_t start) {
  std::string value;
  std::size_t pos = start + 1;
  while (pos < text_.size() && text_[pos] != '\n' && text_[pos] != '\r') {
    const char c = text_[pos];
    if (c == '"') return token(TokenKind::String, start, pos + 1, std::move(value));
    if (c == '\\') {
      auto after = readEscape(pos, value);
      if (!after) return tl::unexpected(std::move(after.error()));
      pos = *after;
      continue;
    }
    value.push_back(c);
    ++pos;
  }
  return fail(Errc::UnterminatedString, "Syntax Error: Unterminated string.", start);
}

tl::expected<Token, ParseError> Lexer::readBlockString(std::size_t start) {
  std::string raw;
  std::size_t pos = start + kBlockQuote.size();
  while (pos < text_.size()) {
    if (text_.substr(pos, kBlockQuote.size()) == kBlockQuote) {
      return token(TokenKind::BlockString, start, pos + kBlockQuote.size(), blockStringValue(raw));
    }
    if (text_.substr(pos, kEscapedBlockQuote.size()) == kEscapedBlockQuote) {
      raw.append(kBlockQuote);
      pos += kEscapedBlockQuote.size();
      continue;
    }
    raw.push_back(text_[pos]);
    ++pos;
  }
  return fail(Errc::UnterminatedString, "Syntax Error: Unterminated string.", start);
}

// `pos` is at the backslash; returns the offset just past the escape.
tl::expected<std::size_t, ParseError> Lexer::readEscape(std::size_t pos, std::string& out) {
  const char c = at(pos + 1);
  switch (c) {
    case '"': case '\\': case '/': out.push_back(c); return pos + 2;
    case 'b': out.push_back('\b'); return pos + 2;
    case 'f': out.push_back('\f'); return pos + 2;
    case 'n': out.push_back('\n'); return pos + 2;
    case 'r': out.push_back('\r'); return pos + 2;
    case 't': out.push_back('\t'); return pos + 2;
    case 'u': return at(pos + 2) == '{' ? readBracedEscape(pos, out) : readUnicodeEscape(pos, out);
    default: break;
  }
  return fail(Errc::InvalidEscape,
              "Syntax Error: Invalid character escape sequence: \\" + describeChar(pos + 1) + ".", pos);
}

// `\uXXXX`, where a high surrogate must be followed by `\uXXXX` with a low one.
tl::expected<std::size_t, ParseError> Lexer::readUnicodeEscape(std::size_t pos, std::string& out) {
  auto hex4 = [this](std::size_t from) -> std::optional<char32_t> {
    char32_t value = 0;
    for (std::size_t i = from; i < from + 4; ++i) {
      const auto digit = hexValue(at(i));
      if (!digit) return std::nullopt;
      value = value * 16 + *digit;
    }
    return value;
  };
  const auto unit = hex4(pos + 2);
  if (unit && !isSurrogate(*unit)) {
    appendUtf8(out, *unit);
    return pos + 6;
  }
  if (unit && *unit <= 0xDBFF && at(pos + 6) == '\\' && at(pos + 7) == 'u') {
    const auto low = hex4(pos + 8);
    if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
      appendUtf8(out, 0x10000 + ((*unit - 0xD800) << 10) + (*low - 0xDC00));
      return pos + 12;
    }
  }
  return fail(Errc::InvalidEscape, "Syntax Error: Invalid Unicode escape sequence.", pos);
}

// `\u{X...}`: any number of hex digits naming a Unicode scalar value.
tl::expected<std::size_t, ParseError> Lexer::readBracedEscape(std::size_t pos, std::string& out) {
  char32_t value = 0;
  std::size_t end = pos + 3;
  for (; hexValue(at(end)); ++end) {
    value = value * 16 + *hexValue(at(end));
    if (value > 0x10FFFF) break;
  }
  if (end == pos + 3 || at(end) != '}' || value > 0x10FFFF || isSurrogate(value)) {
    return fail(Errc::InvalidEscape, "Syntax Error: Invalid Unicode escape sequence.", pos);
  }
  appendUtf8(out, value);
  return end + 1;
}

std::size_t Lexer::skipDigits(std::size_t pos) const {
  while (pos < text_.size() && isDigit(text_[pos])) ++pos;
  return pos;
}

char Lexer::at(std::size_t pos) const {
  return pos < text_.size() ? text_[pos] : '\0';
}

Token Lexer::token(TokenKind kind, std::size_t start, std::size_t end, std::string value) {
  pos_ = end;
  return Token{kind, std::move(value), locator_.at(start)};
}

tl::unexpected<ParseError> Lexer::fail(Errc code, std::string message, std::size_t offset) {
  return tl::unexpected(ParseError{code, std::move(message), locator_.at(offset)});
}

std::string Lexer::describeChar(std::size_t pos) const {
  if (pos >= text_.size()) return "<EOF>";
  const char c = text_[pos];
  if (c == '"') return "'\"'";
  if (c > 0x20 && c < 0x7F) return std::string("\"") + c + "\"";
  return codePointName(decodeUtf8(text_, pos));
}

}  // namespace authcore::graphql::detail
