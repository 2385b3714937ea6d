// SPDX-License-Identifier: Apache-2.0
// JSON value, writer, parser and request bodies.
#include <authcore/graphql/json_parser.hpp>
#include <authcore/graphql/json_value.hpp>
#include <authcore/graphql/request.hpp>

#include <boost/test/unit_test.hpp>

namespace graphql = authcore::graphql;
using graphql::JsonErrc;
using graphql::JsonValue;

namespace {

JsonValue parseOk(std::string_view text) {
  auto value = graphql::parseJson(text);
  BOOST_REQUIRE_MESSAGE(value.has_value(), "parse failed: " << text << ": " << value.error().message);
  return std::move(*value);
}

JsonErrc parseFails(std::string_view text, graphql::JsonLimits limits = {}) {
  auto value = graphql::parseJson(text, limits);
  BOOST_REQUIRE_MESSAGE(!value.has_value(), "parse unexpectedly succeeded: " << text);
  return value.error().code;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(graphql_json)

BOOST_AUTO_TEST_CASE(values_round_trip_through_parse_and_serialize) {
  const std::string text = R"({"a":[1,-2,3.5,true,false,null],"b":{"c":"d"},"e":[],"f":{}})";
  BOOST_CHECK_EQUAL(graphql::serialize(parseOk(text)), text);
}

BOOST_AUTO_TEST_CASE(integers_stay_integers_and_others_become_doubles) {
  BOOST_CHECK(parseOk("9007199254740993").isInt());
  BOOST_CHECK_EQUAL(parseOk("9007199254740993").asInt(), 9007199254740993LL);
  BOOST_CHECK(parseOk("1e2").isDouble());
  BOOST_CHECK(parseOk("99999999999999999999").isDouble());
  BOOST_CHECK_EQUAL(graphql::serialize(JsonValue(0.1)), "0.1");
}

BOOST_AUTO_TEST_CASE(control_characters_quotes_and_line_separators_are_escaped) {
  BOOST_CHECK_EQUAL(graphql::serialize(JsonValue(std::string("a\"\\\n\x01\xE2\x80\xA8", 8))),
                    R"("a\"\\\n\u0001\u2028")");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_values_is_replaced_on_output) {
  BOOST_CHECK_EQUAL(graphql::serialize(JsonValue(std::string("a\xFF" "b"))), R"("a\ufffdb")");
}

BOOST_AUTO_TEST_CASE(unicode_escapes_decode_including_surrogate_pairs) {
  BOOST_CHECK_EQUAL(parseOk(R"("\u00e9\ud83d\ude00\n")").asString(), "\xC3\xA9\xF0\x9F\x98\x80\n");
}

BOOST_AUTO_TEST_CASE(lone_surrogates_and_bad_escapes_are_refused) {
  BOOST_CHECK(parseFails(R"("\ud83d")") == JsonErrc::InvalidString);
  BOOST_CHECK(parseFails(R"("\ude00")") == JsonErrc::InvalidString);
  BOOST_CHECK(parseFails(R"("\x")") == JsonErrc::InvalidString);
  BOOST_CHECK(parseFails("\"a\nb\"") == JsonErrc::InvalidString);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_input_is_refused) {
  BOOST_CHECK(parseFails("\"\xC0\xAF\"") == JsonErrc::InvalidUtf8);
}

BOOST_AUTO_TEST_CASE(malformed_documents_are_refused) {
  BOOST_CHECK(parseFails("") == JsonErrc::UnexpectedCharacter);
  BOOST_CHECK(parseFails("[1,]") == JsonErrc::UnexpectedCharacter);
  BOOST_CHECK(parseFails("{\"a\" 1}") == JsonErrc::UnexpectedCharacter);
  BOOST_CHECK(parseFails("01") == JsonErrc::InvalidNumber);
  BOOST_CHECK(parseFails("1.") == JsonErrc::InvalidNumber);
  BOOST_CHECK(parseFails("1e999") == JsonErrc::InvalidNumber);
  BOOST_CHECK(parseFails("tru") == JsonErrc::UnexpectedCharacter);
  BOOST_CHECK(parseFails("{} x") == JsonErrc::TrailingData);
}

BOOST_AUTO_TEST_CASE(depth_and_size_limits_are_enforced) {
  BOOST_CHECK(parseFails(std::string(100000, '['), {}) == JsonErrc::TooDeep);
  BOOST_CHECK(parseFails("[[1]]", {1024, 1}) == JsonErrc::TooDeep);
  BOOST_CHECK(parseFails("[1, 2, 3]", {4, 64}) == JsonErrc::TooLarge);
  BOOST_CHECK(graphql::parseJson("[[1]]", {1024, 2}).has_value());
}

BOOST_AUTO_TEST_CASE(duplicate_keys_resolve_to_the_last_one) {
  BOOST_CHECK_EQUAL(parseOk(R"({"a":1,"a":2})").find("a")->asInt(), 2);
}

BOOST_AUTO_TEST_CASE(request_body_fields_are_read) {
  const auto request = graphql::parseRequest(R"({"query":"{ a }","variables":{"x":1},"operationName":"Q"})");
  BOOST_REQUIRE(request.has_value());
  BOOST_CHECK_EQUAL(request->query, "{ a }");
  BOOST_CHECK_EQUAL(request->variables.find("x")->asInt(), 1);
  BOOST_CHECK_EQUAL(*request->operationName, "Q");
  const auto minimal = graphql::parseRequest(R"({"query":"{ a }","variables":null,"operationName":null})");
  BOOST_REQUIRE(minimal.has_value());
  BOOST_CHECK(minimal->variables.isObject());
  BOOST_CHECK(!minimal->operationName);
}

BOOST_AUTO_TEST_CASE(malformed_request_bodies_are_refused) {
  for (const char* body : {R"([])", R"({"query":1})", R"({})", R"({"query":"{a}","variables":[1]})",
                           R"({"query":"{a}","operationName":2})"}) {
    const auto request = graphql::parseRequest(body);
    BOOST_REQUIRE_MESSAGE(!request.has_value(), body);
    BOOST_CHECK(request.error().code == JsonErrc::InvalidRequest);
  }
}

BOOST_AUTO_TEST_CASE(values_compare_numbers_by_value) {
  BOOST_CHECK(JsonValue(1) == JsonValue(1.0));
  BOOST_CHECK(JsonValue("1") != JsonValue(1));
  JsonValue object = JsonValue::object();
  object.set("a", 1);
  object.set("a", 2);
  BOOST_CHECK_EQUAL(object.asObject().size(), 1u);
}

BOOST_AUTO_TEST_SUITE_END()
