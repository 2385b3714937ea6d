// SPDX-License-Identifier: Apache-2.0
// Execution: fields, aliases, fragments, abstract types, lists, errors, non-null propagation.
#include "test_support.hpp"

#include <authcore/graphql/json_parser.hpp>

#include <boost/test/unit_test.hpp>

namespace graphql = authcore::graphql;
using graphql_test::run;

BOOST_AUTO_TEST_SUITE(graphql_execution)

BOOST_AUTO_TEST_CASE(object_fields_resolve_through_bound_resolvers) {
  BOOST_CHECK_EQUAL(run("{ pets { name sound } }"),
                    R"({"data":{"pets":[{"name":"Rex","sound":"woof"},{"name":"Tom","sound":"meow"}]}})");
}

BOOST_AUTO_TEST_CASE(json_data_resolves_by_member_name_without_resolvers) {
  BOOST_CHECK_EQUAL(run("{ owner { name age } }"), R"({"data":{"owner":{"name":"Ann","age":42}}})");
}

BOOST_AUTO_TEST_CASE(aliases_name_the_response_keys) {
  BOOST_CHECK_EQUAL(run(R"({ a: pet(name: "Rex") { n: name } b: pet(name: "Tom") { name } })"),
                    R"({"data":{"a":{"n":"Rex"},"b":{"name":"Tom"}}})");
}

BOOST_AUTO_TEST_CASE(fragments_and_inline_fragments_merge_in_document_order) {
  BOOST_CHECK_EQUAL(run("{ pets { ...P ... on Dog { barks } ... on Cat { name } } } fragment P on Pet { name sound }"),
                    R"({"data":{"pets":[{"name":"Rex","sound":"woof","barks":true},{"name":"Tom","sound":"meow"}]}})");
}

BOOST_AUTO_TEST_CASE(typename_names_the_concrete_type_of_interfaces_and_unions) {
  BOOST_CHECK_EQUAL(run("{ pets { __typename } search { __typename } t: __typename }"),
                    R"({"data":{"pets":[{"__typename":"Dog"},{"__typename":"Cat"}],)"
                    R"("search":[{"__typename":"Dog"},{"__typename":"Cat"},{"__typename":"Person"}],"t":"Query"}})");
}

BOOST_AUTO_TEST_CASE(abstract_type_from_json_typename_selects_fragment) {
  BOOST_CHECK_EQUAL(run("{ owner { pets { name ... on Dog { barks } } } }"),
                    R"({"data":{"owner":{"pets":[{"name":"Rex","barks":true}]}}})");
}

BOOST_AUTO_TEST_CASE(arguments_are_coerced_with_defaults) {
  BOOST_CHECK_EQUAL(run(R"({ echo(input: {text: "a", tags: "t"}, kind: DOG, ids: [1, "b"]) })"),
                    R"({"data":{"echo":"{\"input\":{\"text\":\"a\",\"times\":2,\"tags\":[\"t\"]},\"count\":1,)"
                    R"(\"kind\":\"DOG\",\"ids\":[\"1\",\"b\"]}"}})");
}

BOOST_AUTO_TEST_CASE(variables_are_coerced_and_defaults_apply) {
  BOOST_CHECK_EQUAL(run("query ($i: EchoInput, $c: Int = 5) { echo(input: $i, count: $c) }",
                        R"({"i": {"text": "x", "tags": ["a", "b"]}})"),
                    R"({"data":{"echo":"{\"input\":{\"text\":\"x\",\"times\":2,\"tags\":[\"a\",\"b\"]},\"count\":5}"}})");
}

BOOST_AUTO_TEST_CASE(invalid_variable_value_fails_the_request_without_data) {
  const auto response = run("query ($c: Int) { echo(count: $c) }", R"({"c": "three"})");
  BOOST_CHECK(response.find("\"data\"") == std::string::npos);
  BOOST_CHECK(response.find("Variable \\\"$c\\\" got invalid value \\\"three\\\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_required_variable_fails_the_request) {
  const auto response = run("query ($n: String!) { pet(name: $n) { name } }");
  BOOST_CHECK(response.find("Variable \\\"$n\\\" of required type \\\"String!\\\" was not provided.") !=
              std::string::npos);
}

BOOST_AUTO_TEST_CASE(resolver_error_gives_null_field_with_path_locations_and_extensions) {
  BOOST_CHECK_EQUAL(run("{\n  pet(name: \"Nemo\") { name }\n  counter\n}"),
                    R"({"errors":[{"message":"No pet named Nemo","locations":[{"line":2,"column":3}],)"
                    R"("path":["pet"],"extensions":{"code":"NOT_FOUND"}}],"data":{"pet":null,"counter":0}})");
}

BOOST_AUTO_TEST_CASE(thrown_exception_becomes_a_generic_field_error) {
  const auto response = run("{ failing counter }");
  BOOST_CHECK(response.find("secret") == std::string::npos);
  BOOST_CHECK(response.find("Internal error while resolving the field.") != std::string::npos);
  BOOST_CHECK(response.find(R"("data":{"failing":null,"counter":0})") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(null_in_non_null_field_nulls_the_nearest_nullable_parent) {
  BOOST_CHECK_EQUAL(run("{ counter failingNonNull }"),
                    R"({"errors":[{"message":"Cannot return null for non-nullable field Query.failingNonNull.",)"
                    R"("locations":[{"line":1,"column":11}],"path":["failingNonNull"]}],"data":null})");
}

BOOST_AUTO_TEST_CASE(non_null_error_in_list_item_nulls_the_list_and_keeps_the_index_in_the_path) {
  auto built = graphql::SchemaBuilder()
                   .addSdl("type Query { items: [Item!] other: Int } type Item { id: ID! }")
                   .bindField("Query", "items", [](const graphql::FieldContext&) {
                     return *graphql::parseJson(R"([{"id": 1}, {"id": null}])");
                   })
                   .bindField("Query", "other", [](const graphql::FieldContext&) { return 7; })
                   .build();
  BOOST_REQUIRE(built.has_value());
  const auto response = graphql::Executor::execute(*built, {"{ items { id } other }", graphql::JsonValue::object(), {}});
  BOOST_CHECK_EQUAL(graphql::serialize(response),
                    R"({"errors":[{"message":"Cannot return null for non-nullable field Item.id.",)"
                    R"("locations":[{"line":1,"column":11}],"path":["items",1,"id"]}],"data":{"items":null,"other":7}})");
}

BOOST_AUTO_TEST_CASE(leaf_values_are_serialized_by_scalar_rules) {
  auto built = graphql::SchemaBuilder()
                   .addSdl("type Query { i: Int s: String b: Boolean id: ID big: Int e: E } enum E { A }")
                   .bindField("Query", "i", [](const graphql::FieldContext&) { return 2.0; })
                   .bindField("Query", "s", [](const graphql::FieldContext&) { return 12; })
                   .bindField("Query", "b", [](const graphql::FieldContext&) { return 1; })
                   .bindField("Query", "id", [](const graphql::FieldContext&) { return 99; })
                   .bindField("Query", "big", [](const graphql::FieldContext&) { return 1LL << 40; })
                   .bindField("Query", "e", [](const graphql::FieldContext&) { return "B"; })
                   .build();
  BOOST_REQUIRE(built.has_value());
  const auto response = graphql::Executor::execute(*built, {"{ i s b id big e }", graphql::JsonValue::object(), {}});
  BOOST_CHECK_EQUAL(graphql::serialize(*response.find("data")),
                    R"({"i":2,"s":"12","b":true,"id":"99","big":null,"e":null})");
  BOOST_CHECK_EQUAL(response.find("errors")->asArray().size(), 2u);
}

BOOST_AUTO_TEST_CASE(skip_and_include_follow_variables) {
  BOOST_CHECK_EQUAL(run("query ($yes: Boolean!) { a: counter @skip(if: $yes) b: counter @include(if: $yes) }",
                        R"({"yes": true})"),
                    R"({"data":{"b":0}})");
}

BOOST_AUTO_TEST_CASE(operation_name_selects_the_operation) {
  BOOST_CHECK_EQUAL(graphql::serialize(graphql::Executor::execute(
                        graphql_test::petsSchema(), {"query A { counter } query B { t: __typename }",
                                                     graphql::JsonValue::object(), std::string("B")})),
                    R"({"data":{"t":"Query"}})");
  const auto missing = graphql::Executor::execute(
      graphql_test::petsSchema(), {"query A { counter } query B { counter }", graphql::JsonValue::object(), {}});
  BOOST_CHECK_EQUAL(graphql_test::firstError(missing),
                    "Must provide operation name if query contains multiple operations.");
}

BOOST_AUTO_TEST_CASE(mutation_root_fields_run_in_order) {
  const auto response = run("mutation { a: increment b: increment(by: 10) c: increment }");
  BOOST_CHECK(response.find(R"("a":)") < response.find(R"("b":)"));
  const auto data = *graphql::parseJson(response);
  const auto& fields = data.find("data");
  BOOST_CHECK_EQUAL(fields->find("b")->asInt() - fields->find("a")->asInt(), 10);
  BOOST_CHECK_EQUAL(fields->find("c")->asInt() - fields->find("b")->asInt(), 1);
}

BOOST_AUTO_TEST_CASE(context_reaches_resolvers_through_a_typed_accessor) {
  struct User { std::string name; };
  User user{"alice"};
  auto built = graphql::SchemaBuilder()
                   .addSdl("type Query { me: String }")
                   .bindField("Query", "me", [](const graphql::FieldContext& c) -> graphql::ResolverResult {
                     const User* u = c.context<User>();
                     return u ? graphql::ResolverResult(u->name) : graphql::ResolverResult::error("no user");
                   })
                   .build();
  BOOST_REQUIRE(built.has_value());
  const auto response = graphql::Executor::execute(*built, {"{ me }", graphql::JsonValue::object(), {}}, &user);
  BOOST_CHECK_EQUAL(graphql::serialize(response), R"({"data":{"me":"alice"}})");
}

BOOST_AUTO_TEST_CASE(syntax_error_gives_errors_without_data) {
  BOOST_CHECK_EQUAL(run("{ pets { name }"),
                    R"({"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":16}]}]})");
}

BOOST_AUTO_TEST_CASE(subscriptions_are_refused) {
  const auto schema = graphql_test::buildOk("type Query { a: Int } type Subscription { a: Int }");
  const auto response = graphql::Executor::execute(schema, {"subscription { a }", graphql::JsonValue::object(), {}});
  BOOST_CHECK_EQUAL(graphql_test::firstError(response), "Subscriptions are not supported.");
}

BOOST_AUTO_TEST_CASE(json_body_is_parsed_and_executed) {
  const auto response = graphql::Executor::executeBody(
      graphql_test::petsSchema(), R"({"query":"query ($n: String!) { pet(name: $n) { name } }","variables":{"n":"Tom"}})");
  BOOST_CHECK_EQUAL(graphql::serialize(response), R"({"data":{"pet":{"name":"Tom"}}})");
  BOOST_CHECK_EQUAL(graphql_test::firstError(graphql::Executor::executeBody(graphql_test::petsSchema(), "[1]")),
                    "Invalid request: The request body must be a JSON object");
}

BOOST_AUTO_TEST_SUITE_END()
