// SPDX-License-Identifier: Apache-2.0
// One or more cases per validation rule of spec section 5, on the pets schema.
#include "test_support.hpp"

#include <authcore/graphql/parser.hpp>
#include <authcore/graphql/validation.hpp>

#include <boost/test/unit_test.hpp>

namespace graphql = authcore::graphql;

namespace {

std::vector<graphql::Error> errorsOf(std::string_view query) {
  const auto document = graphql::parse(query);
  BOOST_REQUIRE_MESSAGE(document.has_value(), "parse failed: " << query);
  return graphql::validate(graphql_test::petsSchema(), *document);
}

void checkValid(std::string_view query) {
  const auto errors = errorsOf(query);
  BOOST_CHECK_MESSAGE(errors.empty(), query << " -> " << (errors.empty() ? "" : errors[0].message));
}

// The document is refused with an error whose message contains `expected`.
void checkInvalid(std::string_view query, std::string_view expected) {
  const auto errors = errorsOf(query);
  bool found = false;
  for (const auto& error : errors) found |= error.message.find(expected) != std::string::npos;
  BOOST_CHECK_MESSAGE(found, query << " should fail with '" << expected << "', got "
                                   << (errors.empty() ? std::string("no error") : errors[0].message));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(graphql_validation)

BOOST_AUTO_TEST_CASE(valid_document_with_every_construct_passes) {
  checkValid(R"(
    query Q($name: String!, $skip: Boolean = false) {
      pet(name: $name) { ...PetParts ... on Dog @skip(if: $skip) { barks } }
      search { __typename ... on Person { age } }
    }
    fragment PetParts on Pet { name owner { name } }
    mutation M { increment(by: 2) })");
}

BOOST_AUTO_TEST_CASE(type_system_definition_is_refused_as_not_executable) {
  BOOST_CHECK(!graphql::parse("type Foo { a: Int }").has_value());
  const auto response = graphql::Executor::execute(graphql_test::petsSchema(), {"type Foo { a: Int }", {}, {}});
  BOOST_CHECK(response.find("data") == nullptr);
  BOOST_CHECK(!graphql_test::firstError(response).empty());
}

BOOST_AUTO_TEST_CASE(duplicate_operation_names_fail) {
  checkInvalid("query A { counter } query A { pets { name } }", "There can be only one operation named \"A\".");
}

BOOST_AUTO_TEST_CASE(anonymous_operation_among_others_fails) {
  checkInvalid("{ counter } query B { counter }", "This anonymous operation must be the only defined operation.");
}

BOOST_AUTO_TEST_CASE(subscription_is_refused_when_schema_has_none) {
  checkInvalid("subscription { counter }", "Schema is not configured to execute subscription operation.");
}

BOOST_AUTO_TEST_CASE(subscription_with_two_root_fields_fails) {
  const auto schema = graphql_test::buildOk("type Query { a: Int } type Subscription { a: Int b: Int }");
  const auto document = graphql::parse("subscription S { a b }");
  const auto errors = graphql::validate(schema, *document);
  BOOST_REQUIRE(!errors.empty());
  BOOST_CHECK_EQUAL(errors[0].message, "Subscription \"S\" must select only one top level field.");
}

BOOST_AUTO_TEST_CASE(unknown_field_fails_with_its_location) {
  const auto errors = errorsOf("{\n  pets { nope } }");
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  BOOST_CHECK_EQUAL(errors[0].message, "Cannot query field \"nope\" on type \"Pet\".");
  BOOST_CHECK_EQUAL(errors[0].locations[0].line, 2u);
  BOOST_CHECK_EQUAL(errors[0].locations[0].column, 10u);
}

BOOST_AUTO_TEST_CASE(fragment_on_scalar_fails) {
  checkInvalid("{ counter ... on Int { a } }", "Fragment cannot condition on non composite type \"Int\".");
  checkInvalid("{ pets { ...F } } fragment F on Kind { a }", "cannot condition on non composite type \"Kind\"");
}

BOOST_AUTO_TEST_CASE(variable_of_output_type_fails) {
  checkInvalid("query ($p: Pet) { counter }", "Variable \"$p\" cannot be non-input type \"Pet\".");
}

BOOST_AUTO_TEST_CASE(selection_on_leaf_and_missing_selection_on_object_fail) {
  checkInvalid("{ counter { a } }", "Field \"counter\" must not have a selection since type \"Int\" has no subfields.");
  checkInvalid("{ pets }", "Field \"pets\" of type \"Pet\" must have a selection of subfields.");
}

BOOST_AUTO_TEST_CASE(unknown_argument_fails) {
  checkInvalid("{ counter(x: 1) }", "Unknown argument \"x\" on field \"Query.counter\".");
  checkInvalid("{ counter @skip(if: true, x: 1) }", "Unknown argument \"x\" on directive \"@skip\".");
}

BOOST_AUTO_TEST_CASE(unknown_directive_fails) {
  checkInvalid("{ counter @nope }", "Unknown directive \"@nope\".");
}

BOOST_AUTO_TEST_CASE(directive_in_wrong_location_fails) {
  checkInvalid("query @skip(if: true) { counter }", "Directive \"@skip\" may not be used on QUERY.");
}

BOOST_AUTO_TEST_CASE(repeated_directive_fails) {
  checkInvalid("{ counter @skip(if: true) @skip(if: false) }",
               "The directive \"@skip\" can only be used once at this location.");
}

BOOST_AUTO_TEST_CASE(unknown_fragment_fails) {
  checkInvalid("{ pets { ...Missing } }", "Unknown fragment \"Missing\".");
}

BOOST_AUTO_TEST_CASE(unknown_type_in_condition_or_variable_fails) {
  checkInvalid("{ pets { ... on Bird { name } } }", "Unknown type \"Bird\".");
  checkInvalid("query ($x: Bird) { counter }", "Unknown type \"Bird\".");
}

BOOST_AUTO_TEST_CASE(unused_fragment_fails) {
  checkInvalid("{ counter } fragment F on Pet { name }", "Fragment \"F\" is never used.");
}

BOOST_AUTO_TEST_CASE(impossible_fragment_spread_fails) {
  checkInvalid("{ pets { ... on Person { name } } }",
               "Fragment cannot be spread here as objects of type \"Pet\" can never be of type \"Person\".");
  checkInvalid("{ owner { ...D } } fragment D on Dog { barks }",
               "Fragment \"D\" cannot be spread here as objects of type \"Person\" can never be of type \"Dog\".");
  checkValid("{ search { ... on Named { name } } }");
}

BOOST_AUTO_TEST_CASE(fragment_cycle_fails) {
  checkInvalid("{ pets { ...A } } fragment A on Pet { ...B } fragment B on Pet { ...A }",
               "Cannot spread fragment \"A\" within itself.");
}

BOOST_AUTO_TEST_CASE(duplicate_fragment_names_fail) {
  checkInvalid("{ pets { ...A } } fragment A on Pet { name } fragment A on Pet { sound }",
               "There can be only one fragment named \"A\".");
}

BOOST_AUTO_TEST_CASE(duplicate_argument_fails) {
  checkInvalid(R"({ pet(name: "a", name: "b") { name } })", "There can be only one argument named \"name\".");
}

BOOST_AUTO_TEST_CASE(duplicate_input_field_fails) {
  checkInvalid(R"({ echo(input: {text: "a", text: "b"}) })", "There can be only one input field named \"text\".");
}

BOOST_AUTO_TEST_CASE(duplicate_variable_fails) {
  checkInvalid("query ($a: Int, $a: Int) { echo(count: $a) }", "There can be only one variable named \"$a\".");
}

BOOST_AUTO_TEST_CASE(undefined_variable_fails) {
  checkInvalid("query Q { echo(count: $n) }", "Variable \"$n\" is not defined by operation \"Q\".");
  checkInvalid("query Q { pets { ...F } } fragment F on Pet { owner { pets { name } } name @include(if: $x) }",
               "Variable \"$x\" is not defined by operation \"Q\".");
}

BOOST_AUTO_TEST_CASE(unused_variable_fails) {
  checkInvalid("query Q($n: Int) { counter }", "Variable \"$n\" is never used in operation \"Q\".");
}

BOOST_AUTO_TEST_CASE(variable_in_incompatible_position_fails) {
  checkInvalid("query ($n: String) { echo(count: $n) }",
               "Variable \"$n\" of type \"String\" used in position expecting type \"Int\".");
  checkInvalid("query ($n: String) { pet(name: $n) { name } }",
               "Variable \"$n\" of type \"String\" used in position expecting type \"String!\".");
  checkValid("query ($n: String = \"Rex\") { pet(name: $n) { name } }");
  checkValid("mutation ($by: Int) { increment(by: $by) }");  // the argument has a default
  checkValid("query ($ids: [ID!]) { echo(ids: $ids) }");
}

BOOST_AUTO_TEST_CASE(literal_of_wrong_type_fails) {
  checkInvalid(R"({ echo(count: "three") })", "Expected value of type \"Int\", found \"three\".");
  checkInvalid("{ echo(count: 1.5) }", "Expected value of type \"Int\", found 1.5.");
  checkInvalid("{ echo(count: 3000000000) }", "Int");
  checkInvalid("{ echo(kind: BIRD) }", "Expected value of type \"Kind\", found BIRD.");
  checkInvalid("{ echo(input: {times: 1}) }", "Field \"EchoInput.text\" of required type \"String!\" was not provided.");
  checkInvalid(R"({ echo(input: {text: "a", nope: 1}) })", "Field \"nope\" is not defined by type \"EchoInput\".");
  checkValid(R"({ echo(input: {text: "a", tags: "single"}, ids: [1, "b"], kind: DOG) })");
}

BOOST_AUTO_TEST_CASE(missing_required_argument_fails) {
  checkInvalid("{ pet { name } }",
               "Field \"Query.pet\" argument \"name\" of type \"String!\" is required, but it was not provided.");
  checkInvalid("{ counter @include }",
               "Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it was not provided.");
  checkValid("mutation { increment }");
}

BOOST_AUTO_TEST_CASE(null_for_non_null_argument_fails) {
  checkInvalid("{ pet(name: null) { name } }", "Expected value of type \"String!\", found null.");
}

BOOST_AUTO_TEST_CASE(conflicting_fields_fail) {
  checkInvalid("{ pets { name: sound name } }",
               "Fields \"name\" conflict because \"sound\" and \"name\" are different fields.");
  checkInvalid(R"({ pet(name: "Rex") { name } pet(name: "Tom") { name } })",
               "Fields \"pet\" conflict because they have differing arguments.");
  checkInvalid("{ search { ... on Cat { x: lives } ... on Dog { x: barks } } }",
               "Fields \"x\" conflict because they return conflicting types \"Int\" and \"Boolean!\".");
  checkValid("{ search { ... on Cat { x: lives } ... on Person { x: age } } }");
  checkValid("{ pets { name ... on Dog { name } } }");
}

BOOST_AUTO_TEST_CASE(conflict_inside_merged_subselections_fails) {
  checkInvalid("{ owner { a: name } owner { a: age } }",
               "Fields \"a\" conflict because \"name\" and \"age\" are different fields.");
}

BOOST_AUTO_TEST_CASE(skip_and_include_need_a_boolean) {
  checkInvalid("{ counter @skip(if: 1) }", "Expected value of type \"Boolean\", found 1.");
  checkInvalid("query ($b: String) { counter @include(if: $b) }",
               "Variable \"$b\" of type \"String\" used in position expecting type \"Boolean!\".");
  checkValid("query ($b: Boolean!) { counter @include(if: $b) pets @skip(if: true) { name } }");
}

BOOST_AUTO_TEST_CASE(mutation_without_mutation_type_fails) {
  const auto schema = graphql_test::buildOk("type Query { a: Int }");
  const auto errors = graphql::validate(schema, *graphql::parse("mutation { a }"));
  BOOST_REQUIRE(!errors.empty());
  BOOST_CHECK_EQUAL(errors[0].message, "Schema is not configured to execute mutation operation.");
}

BOOST_AUTO_TEST_CASE(error_count_is_capped) {
  std::string query = "{";
  for (int i = 0; i < 50; ++i) query += " f" + std::to_string(i);
  query += " }";
  const auto document = graphql::parse(query);
  BOOST_CHECK_EQUAL(graphql::validate(graphql_test::petsSchema(), *document, 10).size(), 10u);
}

BOOST_AUTO_TEST_SUITE_END()
