// SPDX-License-Identifier: Apache-2.0
// GraphQL-response JSON form of parse errors.
#include <authcore/graphql/parser.hpp>

#include <boost/test/unit_test.hpp>

namespace graphql = authcore::graphql;

BOOST_AUTO_TEST_SUITE(graphql_parser)

BOOST_AUTO_TEST_CASE(error_json_has_message_and_locations) {
  const auto result = graphql::parse("{\n  user(id: ) }");
  BOOST_REQUIRE(!result);
  BOOST_CHECK_EQUAL(graphql::toJson(result.error()),
                    R"({"message":"Syntax Error: Unexpected \")\".","locations":[{"line":2,"column":12}]})");
}

BOOST_AUTO_TEST_CASE(error_json_escapes_quotes_backslashes_and_controls) {
  const graphql::ParseError error{graphql::Errc::UnexpectedToken,
                                  "a\"b\\c\nd\te\x01 \xE2\x80\xA8", {3, 4}};
  BOOST_CHECK_EQUAL(graphql::toJson(error),
                    R"({"message":"a\"b\\c\nd\te\u0001 \u2028","locations":[{"line":3,"column":4}]})");
}

BOOST_AUTO_TEST_CASE(error_json_replaces_invalid_utf8_and_keeps_valid_utf8) {
  const graphql::ParseError error{graphql::Errc::UnexpectedToken, "caf\xC3\xA9 \xFF", {1, 1}};
  BOOST_CHECK_EQUAL(graphql::toJson(error),
                    "{\"message\":\"caf\xC3\xA9 \\ufffd\",\"locations\":[{\"line\":1,\"column\":1}]}");
}

BOOST_AUTO_TEST_CASE(error_messages_quote_at_most_a_short_prefix_of_a_token) {
  const std::string longName(5000, 'n');
  const auto result = graphql::parse(longName);
  BOOST_REQUIRE(!result);
  BOOST_CHECK_LT(result.error().message.size(), 100u);
  BOOST_CHECK_NE(result.error().message.find("...\""), std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
