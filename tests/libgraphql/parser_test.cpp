// SPDX-License-Identifier: Apache-2.0
// Every construct of executable documents, syntax errors and resource limits.
#include <authcore/graphql/parser.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

namespace graphql = authcore::graphql;
using graphql::Errc;

namespace {

graphql::Document parseOk(std::string_view text, graphql::ParseLimits limits = {}) {
  auto document = graphql::parse(text, limits);
  BOOST_REQUIRE_MESSAGE(document.has_value(), "parse failed: " << document.error().message);
  return std::move(*document);
}

graphql::ParseError parseFails(std::string_view text, graphql::ParseLimits limits = {}) {
  auto document = graphql::parse(text, limits);
  BOOST_REQUIRE_MESSAGE(!document.has_value(), "parse unexpectedly succeeded: " << text);
  return document.error();
}

void checkError(const graphql::ParseError& error, Errc code, std::size_t line, std::size_t column) {
  BOOST_CHECK(error.code == code);
  BOOST_CHECK_EQUAL(error.location.line, line);
  BOOST_CHECK_EQUAL(error.location.column, column);
}

const graphql::OperationDefinition& operation(const graphql::Document& document, std::size_t i = 0) {
  BOOST_REQUIRE_GT(document.definitions.size(), i);
  const auto* op = std::get_if<graphql::OperationDefinition>(&document.definitions[i]);
  BOOST_REQUIRE(op != nullptr);
  return *op;
}

const graphql::Field& field(const std::vector<graphql::Selection>& set, std::size_t i = 0) {
  BOOST_REQUIRE_GT(set.size(), i);
  const auto* f = std::get_if<graphql::Field>(&set[i].data);
  BOOST_REQUIRE(f != nullptr);
  return *f;
}

// The single argument value of the first field of the shorthand query `{ f(a: <literal>) }`.
graphql::Value argumentValue(std::string_view literal) {
  const auto document = parseOk("{ f(a: " + std::string(literal) + ") }");
  const auto& f = field(operation(document).selectionSet);
  BOOST_REQUIRE_EQUAL(f.arguments.size(), 1u);
  return f.arguments[0].value;
}

std::string nested(std::string_view open, std::string_view middle, std::string_view close,
                   std::size_t depth) {
  std::string text;
  for (std::size_t i = 0; i < depth; ++i) text += open;
  text += middle;
  for (std::size_t i = 0; i < depth; ++i) text += close;
  return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(graphql_parser)

BOOST_AUTO_TEST_CASE(shorthand_query_is_an_anonymous_query) {
  const auto document = parseOk("{ me { id name } }");
  const auto& op = operation(document);
  BOOST_CHECK(op.operation == graphql::OperationType::Query);
  BOOST_CHECK(!op.name);
  const auto& me = field(op.selectionSet);
  BOOST_CHECK_EQUAL(me.name, "me");
  BOOST_REQUIRE_EQUAL(me.selectionSet.size(), 2u);
  BOOST_CHECK_EQUAL(field(me.selectionSet, 1).name, "name");
  BOOST_CHECK_EQUAL(field(me.selectionSet, 1).location.column, 11u);
}

BOOST_AUTO_TEST_CASE(operation_kinds_and_names_are_kept) {
  const auto document = parseOk(
      "query Q { a } mutation M { b } subscription S { c } query { d }");
  BOOST_REQUIRE_EQUAL(document.definitions.size(), 4u);
  BOOST_CHECK(operation(document, 0).operation == graphql::OperationType::Query);
  BOOST_CHECK(operation(document, 1).operation == graphql::OperationType::Mutation);
  BOOST_CHECK(operation(document, 2).operation == graphql::OperationType::Subscription);
  BOOST_CHECK_EQUAL(operation(document, 1).name.value_or(""), "M");
  BOOST_CHECK(!operation(document, 3).name);
}

BOOST_AUTO_TEST_CASE(variables_with_types_defaults_and_directives) {
  const auto document = parseOk(
      "query Q($id: ID!, $first: Int = 10, $tags: [[String!]]! = [\"a\"] @deprecated) { a }");
  const auto& vars = operation(document).variables;
  BOOST_REQUIRE_EQUAL(vars.size(), 3u);
  BOOST_CHECK_EQUAL(vars[0].name, "id");
  BOOST_CHECK_EQUAL(vars[0].type.name, "ID");
  BOOST_CHECK(vars[0].type.wrappers == std::vector{graphql::TypeWrapper::NonNull});
  BOOST_CHECK(!vars[0].defaultValue);
  BOOST_REQUIRE(vars[1].defaultValue);
  BOOST_CHECK_EQUAL(std::get<graphql::IntValue>(vars[1].defaultValue->data).text, "10");
  using W = graphql::TypeWrapper;
  BOOST_CHECK_EQUAL(vars[2].type.name, "String");
  BOOST_CHECK((vars[2].type.wrappers == std::vector{W::NonNull, W::List, W::List, W::NonNull}));
  BOOST_REQUIRE_EQUAL(vars[2].directives.size(), 1u);
  BOOST_CHECK_EQUAL(vars[2].directives[0].name, "deprecated");
}

BOOST_AUTO_TEST_CASE(aliases_arguments_and_directives_on_fields) {
  const auto document = parseOk(
      "{ small: avatar(size: 64, round: true) @include(if: $show) @skip(if: false) }");
  const auto& f = field(operation(document).selectionSet);
  BOOST_CHECK_EQUAL(f.alias.value_or(""), "small");
  BOOST_CHECK_EQUAL(f.name, "avatar");
  BOOST_REQUIRE_EQUAL(f.arguments.size(), 2u);
  BOOST_CHECK_EQUAL(f.arguments[1].name, "round");
  BOOST_REQUIRE_EQUAL(f.directives.size(), 2u);
  BOOST_CHECK_EQUAL(f.directives[0].name, "include");
  BOOST_CHECK_EQUAL(std::get<graphql::Variable>(f.directives[0].arguments[0].value.data).name,
                    "show");
}

BOOST_AUTO_TEST_CASE(fragments_spreads_and_inline_fragments) {
  const auto document = parseOk(
      "query { node { ...UserParts @skip(if: false) ... on Org { slug } ... @include(if: true) { id } } }\n"
      "fragment UserParts on User @live { email }");
  BOOST_REQUIRE_EQUAL(document.definitions.size(), 2u);
  const auto& node = field(operation(document).selectionSet);
  BOOST_REQUIRE_EQUAL(node.selectionSet.size(), 3u);
  const auto& spread = std::get<graphql::FragmentSpread>(node.selectionSet[0].data);
  BOOST_CHECK_EQUAL(spread.name, "UserParts");
  BOOST_CHECK_EQUAL(spread.directives.size(), 1u);
  const auto& typed = std::get<graphql::InlineFragment>(node.selectionSet[1].data);
  BOOST_CHECK_EQUAL(typed.typeCondition.value_or(""), "Org");
  const auto& untyped = std::get<graphql::InlineFragment>(node.selectionSet[2].data);
  BOOST_CHECK(!untyped.typeCondition);
  BOOST_CHECK_EQUAL(untyped.directives.size(), 1u);
  const auto& fragment = std::get<graphql::FragmentDefinition>(document.definitions[1]);
  BOOST_CHECK_EQUAL(fragment.name, "UserParts");
  BOOST_CHECK_EQUAL(fragment.typeCondition, "User");
  BOOST_CHECK_EQUAL(fragment.location.line, 2u);
  BOOST_CHECK_EQUAL(field(fragment.selectionSet).name, "email");
}

BOOST_AUTO_TEST_CASE(scalar_literals_keep_their_kind) {
  BOOST_CHECK_EQUAL(std::get<graphql::IntValue>(argumentValue("-42").data).text, "-42");
  BOOST_CHECK_EQUAL(std::get<graphql::FloatValue>(argumentValue("1.5e3").data).text, "1.5e3");
  BOOST_CHECK(std::get<graphql::BooleanValue>(argumentValue("true").data).value);
  BOOST_CHECK(!std::get<graphql::BooleanValue>(argumentValue("false").data).value);
  BOOST_CHECK(std::holds_alternative<graphql::NullValue>(argumentValue("null").data));
  BOOST_CHECK_EQUAL(std::get<graphql::EnumValue>(argumentValue("ADMIN").data).name, "ADMIN");
  BOOST_CHECK_EQUAL(std::get<graphql::Variable>(argumentValue("$v").data).name, "v");
}

BOOST_AUTO_TEST_CASE(string_literals_are_decoded_and_block_strings_flagged) {
  const auto plain = std::get<graphql::StringValue>(argumentValue(R"("a\tb\u0041")").data);
  BOOST_CHECK_EQUAL(plain.value, "a\tbA");
  BOOST_CHECK(!plain.block);
  const auto block = std::get<graphql::StringValue>(argumentValue("\"\"\"\n  x\n    y\n\"\"\"").data);
  BOOST_CHECK_EQUAL(block.value, "x\n  y");
  BOOST_CHECK(block.block);
}

BOOST_AUTO_TEST_CASE(list_and_object_literals_nest) {
  const auto value = argumentValue(R"({ids: [1, 2], filter: {name: "x", tags: []}, empty: {}})");
  const auto& object = std::get<graphql::ObjectValue>(value.data);
  BOOST_REQUIRE_EQUAL(object.fields.size(), 3u);
  BOOST_CHECK_EQUAL(object.fields[0].name, "ids");
  BOOST_CHECK_EQUAL(std::get<graphql::ListValue>(object.fields[0].value.data).values.size(), 2u);
  const auto& filter = std::get<graphql::ObjectValue>(object.fields[1].value.data);
  BOOST_CHECK_EQUAL(std::get<graphql::StringValue>(filter.fields[0].value.data).value, "x");
  BOOST_CHECK(std::get<graphql::ListValue>(filter.fields[1].value.data).values.empty());
  BOOST_CHECK(std::get<graphql::ObjectValue>(object.fields[2].value.data).fields.empty());
}

BOOST_AUTO_TEST_CASE(keywords_are_ordinary_names_where_names_are_expected) {
  const auto document = parseOk("query query { fragment: query(on: on) { true null } }");
  const auto& f = field(operation(document).selectionSet);
  BOOST_CHECK_EQUAL(f.alias.value_or(""), "fragment");
  BOOST_CHECK_EQUAL(std::get<graphql::EnumValue>(f.arguments[0].value.data).name, "on");
  BOOST_CHECK_EQUAL(field(f.selectionSet, 1).name, "null");
}

BOOST_AUTO_TEST_CASE(empty_document_fails_at_end_of_input) {
  checkError(parseFails(""), Errc::UnexpectedToken, 1, 1);
  checkError(parseFails("  # only a comment\n"), Errc::UnexpectedToken, 2, 1);
}

BOOST_AUTO_TEST_CASE(missing_or_empty_selection_set_fails) {
  checkError(parseFails("query Q"), Errc::UnexpectedToken, 1, 8);
  checkError(parseFails("{ }"), Errc::UnexpectedToken, 1, 3);
  checkError(parseFails("{ a { } }"), Errc::UnexpectedToken, 1, 7);
}

BOOST_AUTO_TEST_CASE(unclosed_selection_set_fails_at_end_of_input) {
  const auto error = parseFails("{ a {\n b }");
  checkError(error, Errc::UnexpectedToken, 2, 5);
  BOOST_CHECK_NE(error.message.find("<EOF>"), std::string::npos);
}

BOOST_AUTO_TEST_CASE(type_system_definitions_are_refused) {
  const auto error = parseFails("type User { id: ID }");
  checkError(error, Errc::UnexpectedToken, 1, 1);
  BOOST_CHECK_EQUAL(error.message, "Syntax Error: Unexpected Name \"type\".");
}

BOOST_AUTO_TEST_CASE(malformed_arguments_fail_where_they_break) {
  checkError(parseFails("{ f() }"), Errc::UnexpectedToken, 1, 5);
  checkError(parseFails("{ f(a 1) }"), Errc::UnexpectedToken, 1, 7);
  checkError(parseFails("{ f(a: ) }"), Errc::UnexpectedToken, 1, 8);
  checkError(parseFails("{ f(a: [1, 2) }"), Errc::UnexpectedToken, 1, 13);
  checkError(parseFails("{ f(a: {b 1}) }"), Errc::UnexpectedToken, 1, 11);
}

BOOST_AUTO_TEST_CASE(variable_in_constant_value_is_refused) {
  checkError(parseFails("query ($a: Int = $b) { f }"), Errc::UnexpectedToken, 1, 18);
  checkError(parseFails("query ($a: [Int] = [1, $b]) { f }"), Errc::UnexpectedToken, 1, 24);
}

BOOST_AUTO_TEST_CASE(malformed_variable_definitions_fail) {
  checkError(parseFails("query () { f }"), Errc::UnexpectedToken, 1, 8);
  checkError(parseFails("query ($a) { f }"), Errc::UnexpectedToken, 1, 10);
  checkError(parseFails("query ($a: [Int) { f }"), Errc::UnexpectedToken, 1, 16);
  checkError(parseFails("query ($a: Int!!) { f }"), Errc::UnexpectedToken, 1, 16);
}

BOOST_AUTO_TEST_CASE(fragment_named_on_or_without_type_condition_fails) {
  checkError(parseFails("fragment on on User { id }"), Errc::UnexpectedToken, 1, 10);
  checkError(parseFails("fragment F User { id }"), Errc::UnexpectedToken, 1, 12);
}

BOOST_AUTO_TEST_CASE(lexical_errors_surface_with_their_location) {
  checkError(parseFails("{ a(x: \"open) }"), Errc::UnterminatedString, 1, 8);
  checkError(parseFails("{\n  a(x: 007)\n}"), Errc::InvalidNumber, 2, 9);
  checkError(parseFails("{ a ; }"), Errc::UnexpectedCharacter, 1, 5);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_refused_at_the_bad_byte) {
  checkError(parseFails("{ a(x: \"\xC3\x28\") }"), Errc::InvalidUtf8, 1, 9);
  checkError(parseFails("{ a }\n\xED\xA0\x80"), Errc::InvalidUtf8, 2, 1);
}

BOOST_AUTO_TEST_CASE(depth_bomb_of_a_thousand_levels_is_refused_quickly) {
  const std::string bomb = nested("{a", "", "}", 1000);
  const auto start = std::chrono::steady_clock::now();
  const auto error = parseFails(bomb);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  checkError(error, Errc::DepthLimitExceeded, 1, 51);
  BOOST_CHECK(elapsed < std::chrono::seconds(1));
}

BOOST_AUTO_TEST_CASE(depth_limit_is_inclusive) {
  parseOk(nested("{a", "", "}", 25));
  parseFails(nested("{a", "", "}", 26));
  parseOk(nested("{a", "", "}", 3), graphql::ParseLimits{3, 10000, 1 << 20});
  checkError(parseFails(nested("{a", "", "}", 4), graphql::ParseLimits{3, 10000, 1 << 20}),
             Errc::DepthLimitExceeded, 1, 7);
}

BOOST_AUTO_TEST_CASE(nested_values_and_list_types_count_against_depth) {
  // The enclosing selection set is level 1, so the 25th bracket (column 32) is one too many.
  const std::string listBomb = "{ f(a: " + nested("[", "1", "]", 1000) + ") }";
  checkError(parseFails(listBomb), Errc::DepthLimitExceeded, 1, 32);
  const std::string objectBomb = "{ f(a: " + nested("{a:", "1", "}", 1000) + ") }";
  BOOST_CHECK(parseFails(objectBomb).code == Errc::DepthLimitExceeded);
  const std::string typeBomb = "query ($v: " + nested("[", "Int", "]", 1000) + ") { f }";
  BOOST_CHECK(parseFails(typeBomb).code == Errc::DepthLimitExceeded);
}

BOOST_AUTO_TEST_CASE(depth_is_capped_even_when_the_caller_asks_for_more) {
  graphql::ParseLimits limits;
  limits.depth = 1000000;
  const std::string bomb = nested("{a", "", "}", 200000);
  BOOST_CHECK(parseFails(bomb, limits).code == Errc::DepthLimitExceeded);
}

BOOST_AUTO_TEST_CASE(token_limit_refuses_long_documents) {
  graphql::ParseLimits limits;
  limits.maxTokens = 5;
  parseOk("{ a b c }", limits);
  checkError(parseFails("{ a b c d }", limits), Errc::TooManyTokens, 1, 11);
  std::string many = "{";
  for (int i = 0; i < 10000; ++i) many += " a";
  // Token 10001 is the last "a", at column 1 + 2 * 10000.
  checkError(parseFails(many + " }"), Errc::TooManyTokens, 1, 20001);
}

BOOST_AUTO_TEST_CASE(size_limit_refuses_before_lexing) {
  graphql::ParseLimits limits;
  limits.maxBytes = 8;
  parseOk("{ a }", limits);
  checkError(parseFails("{ abcdefgh }", limits), Errc::TooLarge, 1, 1);
  const std::string huge(2 * 1024 * 1024, ' ');
  BOOST_CHECK(parseFails(huge).code == Errc::TooLarge);
}

BOOST_AUTO_TEST_SUITE_END()
