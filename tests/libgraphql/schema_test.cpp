// SPDX-License-Identifier: Apache-2.0
// SchemaBuilder: SDL to Schema, bindings, custom scalars and the checks build() makes.
#include "test_support.hpp"

#include <authcore/graphql/json_parser.hpp>

#include <boost/test/unit_test.hpp>

namespace graphql = authcore::graphql;

namespace {

std::string buildError(graphql::SchemaBuilder builder) {
  auto schema = builder.build();
  BOOST_REQUIRE_MESSAGE(!schema.has_value(), "schema unexpectedly built");
  return schema.error().message;
}

std::string buildError(std::string_view sdl) {
  return buildError(std::move(graphql::SchemaBuilder().addSdl(sdl)));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(graphql_schema)

BOOST_AUTO_TEST_CASE(types_fields_and_roots_come_from_the_sdl) {
  const auto& schema = graphql_test::petsSchema();
  BOOST_CHECK_EQUAL(schema.queryType().name, "Query");
  BOOST_CHECK_EQUAL(schema.mutationType()->name, "Mutation");
  BOOST_CHECK(schema.subscriptionType() == nullptr);
  const auto* dog = schema.type("Dog");
  BOOST_REQUIRE(dog != nullptr);
  BOOST_CHECK(dog->kind == graphql::TypeKind::Object);
  BOOST_CHECK_EQUAL(dog->interfaces.size(), 2u);
  BOOST_CHECK(schema.isPossibleType(*schema.type("Pet"), *dog));
  BOOST_CHECK(!schema.isPossibleType(*schema.type("Pet"), *schema.type("Person")));
  BOOST_CHECK_EQUAL(*schema.type("Query")->field("legacy")->deprecationReason, "Use pets");
  BOOST_CHECK_EQUAL(*schema.type("Date")->specifiedByUrl, "https://tools.ietf.org/html/rfc3339");
  BOOST_CHECK(schema.field(schema.queryType(), "__schema") != nullptr);
  BOOST_CHECK(schema.field(*dog, "__schema") == nullptr);
  BOOST_CHECK(schema.directive("deprecated") != nullptr);
}

BOOST_AUTO_TEST_CASE(schema_definition_names_the_roots_and_extensions_merge) {
  const auto schema = graphql_test::buildOk(
      "schema { query: Root } type Root { a: Int } extend type Root { b: String } extend schema { mutation: Root }");
  BOOST_CHECK_EQUAL(schema.queryType().name, "Root");
  BOOST_CHECK_EQUAL(schema.mutationType()->name, "Root");
  BOOST_CHECK(schema.queryType().field("b") != nullptr);
}

BOOST_AUTO_TEST_CASE(sdl_split_across_calls_is_merged) {
  auto schema = graphql::SchemaBuilder().addSdl("type Query { a: A }").addSdl("type A { x: Int }").build();
  BOOST_CHECK(schema.has_value());
}

BOOST_AUTO_TEST_CASE(unused_builtin_scalars_are_left_out) {
  const auto schema = graphql_test::buildOk("type Query { a: Int }");
  BOOST_CHECK(schema.type("Int") != nullptr);
  BOOST_CHECK(schema.type("String") != nullptr);  // introspection uses it
  BOOST_CHECK(schema.type("Float") == nullptr);
}

BOOST_AUTO_TEST_CASE(invalid_schemas_are_refused_with_a_reason) {
  BOOST_CHECK_EQUAL(buildError("type Query { a: Missing }"), "Unknown type \"Missing\" of Query.a.");
  BOOST_CHECK_EQUAL(buildError("type Query { a: Int } type Query { b: Int }"),
                    "There can be only one type named \"Query\".");
  BOOST_CHECK_EQUAL(buildError("type Query { a: In } input In { x: Int }"),
                    "The type of Query.a must be an output type.");
  BOOST_CHECK_EQUAL(buildError("type Query { a(x: Query): Int }"),
                    "The type of Query.a(x:) must be a known input type.");
  BOOST_CHECK_EQUAL(buildError("type Other { a: Int }"), "Query root type must be provided.");
  BOOST_CHECK_EQUAL(buildError("type Query { a: Int } extend type Nope { b: Int }"),
                    "Cannot extend type \"Nope\" because it is not defined.");
  BOOST_CHECK_EQUAL(buildError("type Query { a: U } union U = Query | In input In { x: Int }"),
                    "Union U can only include object types, not \"In\".");
  BOOST_CHECK(buildError("type Query implements I { a: Int } interface I { b: Int }")
                  .starts_with("Interface field I.b expected but Query does not provide it"));
  BOOST_CHECK_EQUAL(buildError("type Query { a: Int"), "Syntax Error: Expected Name, found <EOF>.");
  BOOST_CHECK_EQUAL(buildError("type Query { a: Int a: String }"), "Type Query defines \"a\" more than once.");
  BOOST_CHECK_EQUAL(buildError("type Query { a: E } enum E { X X }"), "Type E defines \"X\" more than once.");
  BOOST_CHECK_EQUAL(buildError("type Query { a(x: Int, x: Int): Int }"),
                    "Type Query defines \"a(x:)\" more than once.");
  BOOST_CHECK_EQUAL(buildError("type Query { a: Empty } type Empty"), "Type Empty must define one or more members.");
  BOOST_CHECK_EQUAL(buildError("type Query { a(x: A): Int } input A { b: B! } input B { a: A! }"),
                    "Input object A references itself through non-null fields.");
  BOOST_CHECK(graphql::SchemaBuilder::fromSdl("type Query { a(x: A): Int } input A { b: [A!]! c: A }").has_value());
  BOOST_CHECK_EQUAL(buildError("type Query { a: __Type }"),
                    "The type of Query.a must not be an introspection type.");
  BOOST_CHECK_EQUAL(buildError("type Query { a: Int } directive @skip on FIELD"),
                    "Directive \"@skip\" already exists in the schema.");
}

BOOST_AUTO_TEST_CASE(bindings_to_unknown_targets_are_refused) {
  auto resolver = [](const graphql::FieldContext&) { return graphql::ResolverResult(); };
  BOOST_CHECK_EQUAL(buildError(std::move(graphql::SchemaBuilder().addSdl("type Query { a: Int }")
                                             .bindField("Query", "b", resolver))),
                    "Cannot bind Query.b: no such field.");
  BOOST_CHECK_EQUAL(buildError(std::move(graphql::SchemaBuilder().addSdl("type Query { a: Int }")
                                             .bindScalar("Int", {}))),
                    "Cannot bind scalar Int: not a custom scalar.");
  BOOST_CHECK_EQUAL(buildError(std::move(graphql::SchemaBuilder().addSdl("type Query { a: Int }")
                                             .bindTypeResolver("Query", {}))),
                    "Cannot bind a type resolver to Query: not an interface or union.");
}

BOOST_AUTO_TEST_CASE(custom_scalar_coercers_apply_to_input_and_output) {
  graphql::ScalarCoercer upper;
  upper.parseValue = [](const graphql::JsonValue& v) -> tl::expected<graphql::JsonValue, std::string> {
    if (!v.isString()) return tl::unexpected(std::string("Upper must be a string"));
    std::string s = v.asString();
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return graphql::JsonValue(s);
  };
  upper.serialize = [](const graphql::JsonValue& v) -> tl::expected<graphql::JsonValue, std::string> {
    return graphql::JsonValue("<" + v.asString() + ">");
  };
  auto schema = graphql::SchemaBuilder()
                    .addSdl("scalar Upper type Query { echo(v: Upper): Upper }")
                    .bindScalar("Upper", upper)
                    .bindField("Query", "echo", [](const graphql::FieldContext& c) { return *c.argument("v"); })
                    .build();
  BOOST_REQUIRE(schema.has_value());
  const auto literal = graphql::Executor::execute(*schema, {R"({ echo(v: "abc") })", graphql::JsonValue::object(), {}});
  BOOST_CHECK_EQUAL(graphql::serialize(literal), R"({"data":{"echo":"<ABC>"}})");
  const auto bad = graphql::Executor::execute(*schema, {"{ echo(v: 1) }", graphql::JsonValue::object(), {}});
  BOOST_CHECK(graphql_test::firstError(bad).find("Upper must be a string") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(type_resolver_names_the_object_type_of_an_abstract_value) {
  struct Square { int side; };
  auto schema = graphql::SchemaBuilder()
                    .addSdl("interface Shape { area: Int } type Square implements Shape { area: Int }"
                            " type Query { shape: Shape }")
                    .bindTypeResolver("Shape", [](const graphql::ObjectRef& o) {
                      return o.as<Square>() ? std::string("Square") : std::string();
                    })
                    .bindField("Query", "shape", [](const graphql::FieldContext&) {
                      return graphql::ResolverResult::object(Square{3});
                    })
                    .bindField("Square", "area", [](const graphql::FieldContext& c) {
                      return c.parent().as<Square>()->side * c.parent().as<Square>()->side;
                    })
                    .build();
  BOOST_REQUIRE(schema.has_value());
  const auto response = graphql::Executor::execute(
      *schema, {"{ shape { __typename area } }", graphql::JsonValue::object(), {}});
  BOOST_CHECK_EQUAL(graphql::serialize(response), R"({"data":{"shape":{"__typename":"Square","area":9}}})");
}

BOOST_AUTO_TEST_CASE(abstract_value_without_a_type_is_a_field_error) {
  auto schema = graphql::SchemaBuilder()
                    .addSdl("interface Shape { area: Int } type Square implements Shape { area: Int }"
                            " type Query { shape: Shape }")
                    .bindField("Query", "shape", [](const graphql::FieldContext&) {
                      return graphql::ResolverResult::object(1);
                    })
                    .build();
  BOOST_REQUIRE(schema.has_value());
  const auto response = graphql::Executor::execute(*schema, {"{ shape { area } }", graphql::JsonValue::object(), {}});
  BOOST_CHECK(graphql_test::firstError(response).starts_with("Abstract type \"Shape\" must resolve"));
}

BOOST_AUTO_TEST_SUITE_END()
