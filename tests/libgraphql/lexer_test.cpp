// SPDX-License-Identifier: Apache-2.0
// Tokens, literals, ignored text and lexical errors of the GraphQL lexer.
#include "parser/lexer.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace graphql = authcore::graphql;
using graphql::Errc;
using graphql::detail::Lexer;
using graphql::detail::Token;
using graphql::detail::TokenKind;

namespace {

// Every token up to and excluding EndOfInput; fails the test on a lexical error.
std::vector<Token> lexAll(std::string_view text, std::size_t maxTokens = 10000) {
  Lexer lexer(text, maxTokens);
  std::vector<Token> tokens;
  for (;;) {
    auto token = lexer.next();
    BOOST_REQUIRE_MESSAGE(token.has_value(), "lexing failed: " << token.error().message);
    if (token->kind == TokenKind::EndOfInput) return tokens;
    tokens.push_back(std::move(*token));
  }
}

// The first lexical error in `text`; fails the test if there is none.
graphql::ParseError lexError(std::string_view text, std::size_t maxTokens = 10000) {
  Lexer lexer(text, maxTokens);
  for (;;) {
    auto token = lexer.next();
    if (!token) return token.error();
    BOOST_REQUIRE_MESSAGE(token->kind != TokenKind::EndOfInput, "no error in: " << text);
  }
}

std::string stringValue(std::string_view text) {
  const auto tokens = lexAll(text);
  BOOST_REQUIRE_EQUAL(tokens.size(), 1u);
  BOOST_REQUIRE(tokens[0].kind == TokenKind::String || tokens[0].kind == TokenKind::BlockString);
  return tokens[0].value;
}

void checkError(const graphql::ParseError& error, Errc code, std::size_t line, std::size_t column) {
  BOOST_CHECK(error.code == code);
  BOOST_CHECK_EQUAL(error.location.line, line);
  BOOST_CHECK_EQUAL(error.location.column, column);
  BOOST_CHECK(!error.message.empty());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(graphql_lexer)

BOOST_AUTO_TEST_CASE(punctuators_are_recognised) {
  const auto tokens = lexAll("! $ & ( ) ... : = @ [ ] { | }");
  const std::vector<TokenKind> expected = {
      TokenKind::Bang,     TokenKind::Dollar,   TokenKind::Amp,    TokenKind::ParenL,
      TokenKind::ParenR,   TokenKind::Spread,   TokenKind::Colon,  TokenKind::Equals,
      TokenKind::At,       TokenKind::BracketL, TokenKind::BracketR, TokenKind::BraceL,
      TokenKind::Pipe,     TokenKind::BraceR};
  BOOST_REQUIRE_EQUAL(tokens.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) BOOST_CHECK(tokens[i].kind == expected[i]);
}

BOOST_AUTO_TEST_CASE(names_keep_their_text) {
  const auto tokens = lexAll("_id user2 __typename");
  BOOST_REQUIRE_EQUAL(tokens.size(), 3u);
  BOOST_CHECK_EQUAL(tokens[0].value, "_id");
  BOOST_CHECK_EQUAL(tokens[1].value, "user2");
  BOOST_CHECK_EQUAL(tokens[2].value, "__typename");
}

BOOST_AUTO_TEST_CASE(numbers_are_ints_or_floats) {
  const auto tokens = lexAll("0 -12 3.25 -0.5e10 1E+3 2e-2");
  BOOST_REQUIRE_EQUAL(tokens.size(), 6u);
  BOOST_CHECK(tokens[0].kind == TokenKind::Int);
  BOOST_CHECK(tokens[1].kind == TokenKind::Int);
  BOOST_CHECK_EQUAL(tokens[1].value, "-12");
  for (std::size_t i = 2; i < tokens.size(); ++i) BOOST_CHECK(tokens[i].kind == TokenKind::Float);
  BOOST_CHECK_EQUAL(tokens[3].value, "-0.5e10");
}

BOOST_AUTO_TEST_CASE(malformed_numbers_fail_at_the_offending_character) {
  checkError(lexError("01"), Errc::InvalidNumber, 1, 2);
  checkError(lexError("1."), Errc::InvalidNumber, 1, 3);
  checkError(lexError("  1.x"), Errc::InvalidNumber, 1, 5);
  checkError(lexError("1e"), Errc::InvalidNumber, 1, 3);
  checkError(lexError("12abc"), Errc::InvalidNumber, 1, 3);
  checkError(lexError("1.5.2"), Errc::InvalidNumber, 1, 4);
  checkError(lexError("-"), Errc::InvalidNumber, 1, 2);
}

BOOST_AUTO_TEST_CASE(string_escapes_are_decoded) {
  BOOST_CHECK_EQUAL(stringValue(R"("a\"b\\c\/d")"), "a\"b\\c/d");
  BOOST_CHECK_EQUAL(stringValue(R"("\b\f\n\r\t")"), "\b\f\n\r\t");
  BOOST_CHECK_EQUAL(stringValue(R"("caf\u00e9")"), "caf\xC3\xA9");
  BOOST_CHECK_EQUAL(stringValue(R"("\uD83D\uDE00")"), "\xF0\x9F\x98\x80");
  BOOST_CHECK_EQUAL(stringValue(R"("\u{1F600}\u{41}")"), "\xF0\x9F\x98\x80" "A");
  BOOST_CHECK_EQUAL(stringValue("\"h\xC3\xA9llo\""), "h\xC3\xA9llo");
}

BOOST_AUTO_TEST_CASE(bad_escapes_fail_at_the_backslash) {
  checkError(lexError(R"("ab\q")"), Errc::InvalidEscape, 1, 4);
  checkError(lexError(R"("\u12")"), Errc::InvalidEscape, 1, 2);
  checkError(lexError(R"("\uD83D")"), Errc::InvalidEscape, 1, 2);
  checkError(lexError(R"("\uDE00\uD83D")"), Errc::InvalidEscape, 1, 2);
  checkError(lexError(R"("\u{110000}")"), Errc::InvalidEscape, 1, 2);
  checkError(lexError(R"("\u{D800}")"), Errc::InvalidEscape, 1, 2);
  checkError(lexError(R"("\u{}")"), Errc::InvalidEscape, 1, 2);
}

BOOST_AUTO_TEST_CASE(unterminated_strings_fail_at_the_opening_quote) {
  checkError(lexError("x \"abc"), Errc::UnterminatedString, 1, 3);
  checkError(lexError("\"abc\ndef\""), Errc::UnterminatedString, 1, 1);
  checkError(lexError("a\n  \"\"\"never closed"), Errc::UnterminatedString, 2, 3);
}

BOOST_AUTO_TEST_CASE(block_strings_are_dedented) {
  const std::string text = "\"\"\"\n    Hello,\n      World!\n\n    Yours\n  \"\"\"";
  BOOST_CHECK_EQUAL(stringValue(text), "Hello,\n  World!\n\nYours");
  BOOST_CHECK_EQUAL(stringValue(R"("""first  line""")"), "first  line");
}

BOOST_AUTO_TEST_CASE(block_strings_keep_escapes_raw_except_triple_quote) {
  BOOST_CHECK_EQUAL(stringValue(R"("""a \n \""" b""")"), R"(a \n """ b)");
}

BOOST_AUTO_TEST_CASE(comments_commas_and_bom_are_ignored) {
  const auto tokens = lexAll("\xEF\xBB\xBF# leading comment\n{ a, b # trailing\n,,, }");
  BOOST_REQUIRE_EQUAL(tokens.size(), 4u);
  BOOST_CHECK(tokens[0].kind == TokenKind::BraceL);
  BOOST_CHECK_EQUAL(tokens[2].value, "b");
  BOOST_CHECK(tokens[3].kind == TokenKind::BraceR);
}

BOOST_AUTO_TEST_CASE(locations_follow_all_line_terminators) {
  const auto tokens = lexAll("a\nb\r\nc\rd  e");
  BOOST_REQUIRE_EQUAL(tokens.size(), 5u);
  BOOST_CHECK_EQUAL(tokens[1].location.line, 2u);
  BOOST_CHECK_EQUAL(tokens[2].location.line, 3u);
  BOOST_CHECK_EQUAL(tokens[3].location.line, 4u);
  BOOST_CHECK_EQUAL(tokens[4].location.line, 4u);
  BOOST_CHECK_EQUAL(tokens[4].location.column, 4u);
}

BOOST_AUTO_TEST_CASE(columns_count_code_points_not_bytes) {
  const auto tokens = lexAll("\"\xC3\xA9\xE2\x82\xAC\" x");
  BOOST_REQUIRE_EQUAL(tokens.size(), 2u);
  BOOST_CHECK_EQUAL(tokens[1].location.column, 6u);
}

BOOST_AUTO_TEST_CASE(unexpected_characters_fail_where_they_are) {
  checkError(lexError("{ a }\n  %"), Errc::UnexpectedCharacter, 2, 3);
  checkError(lexError("a ? b"), Errc::UnexpectedCharacter, 1, 3);
  checkError(lexError(".."), Errc::UnexpectedCharacter, 1, 1);
  checkError(lexError(std::string_view("a\0b", 3)), Errc::UnexpectedCharacter, 1, 2);
  const auto error = lexError("x \xE2\x82\xAC");
  checkError(error, Errc::UnexpectedCharacter, 1, 3);
  BOOST_CHECK_NE(error.message.find("U+20AC"), std::string::npos);
}

BOOST_AUTO_TEST_CASE(token_limit_is_enforced_at_the_first_token_over_it) {
  BOOST_CHECK_EQUAL(lexAll("a b c", 3).size(), 3u);
  checkError(lexError("a b c d", 3), Errc::TooManyTokens, 1, 7);
}

BOOST_AUTO_TEST_SUITE_END()
