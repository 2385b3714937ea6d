// SPDX-License-Identifier: Apache-2.0
// parseSchema(): every type system definition, descriptions, extensions and errors.
#include <authcore/graphql/sdl_parser.hpp>

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace graphql = authcore::graphql;

namespace {

graphql::SchemaDocument parseOk(std::string_view text) {
  auto document = graphql::parseSchema(text);
  BOOST_REQUIRE_MESSAGE(document.has_value(), "parse failed: " << document.error().message);
  return std::move(*document);
}

const graphql::TypeDefinition& type(const graphql::SchemaDocument& document, std::size_t i) {
  BOOST_REQUIRE_GT(document.definitions.size(), i);
  const auto* definition = std::get_if<graphql::TypeDefinition>(&document.definitions[i]);
  BOOST_REQUIRE(definition != nullptr);
  return *definition;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(graphql_sdl)

BOOST_AUTO_TEST_CASE(object_type_keeps_descriptions_interfaces_arguments_and_locations) {
  const auto document = parseOk(R"(
"""
A user.
"""
type User implements & Node & Named @key(fields: "id") {
  "The id." id: ID!
  friends(first: Int = 10, "cursor" after: String): [User!]! @deprecated(reason: "no")
})");
  const auto& user = type(document, 0);
  BOOST_CHECK(user.kind == graphql::TypeKind::Object);
  BOOST_CHECK_EQUAL(*user.description, "A user.");
  BOOST_CHECK_EQUAL(user.interfaces.size(), 2u);
  BOOST_CHECK_EQUAL(user.directives[0].name, "key");
  BOOST_CHECK_EQUAL(user.location.line, 5u);
  BOOST_REQUIRE_EQUAL(user.fields.size(), 2u);
  BOOST_CHECK_EQUAL(*user.fields[0].description, "The id.");
  const auto& friends = user.fields[1];
  BOOST_CHECK_EQUAL(friends.arguments.size(), 2u);
  BOOST_CHECK(friends.arguments[0].defaultValue.has_value());
  BOOST_CHECK_EQUAL(*friends.arguments[1].description, "cursor");
  BOOST_CHECK_EQUAL(friends.type.wrappers.size(), 3u);
  BOOST_CHECK_EQUAL(friends.location.line, 7u);
  BOOST_CHECK_EQUAL(friends.location.column, 3u);
}

BOOST_AUTO_TEST_CASE(every_kind_of_definition_parses) {
  const auto document = parseOk(R"(
schema @a { query: Q mutation: M }
scalar Date @specifiedBy(url: "https://example.com")
interface Node implements Base { id: ID! }
union Result = | A | B
enum Color { "red" RED GREEN @deprecated }
input Filter { text: String = "x" @deprecated  limit: Int! }
directive @auth(role: String) repeatable on FIELD_DEFINITION | OBJECT
extend type Q { more: Int }
extend schema { subscription: S }
extend union Result = C
type Empty
)");
  BOOST_REQUIRE_EQUAL(document.definitions.size(), 11u);
  const auto& schema = std::get<graphql::SchemaDefinition>(document.definitions[0]);
  BOOST_CHECK_EQUAL(schema.operationTypes.size(), 2u);
  BOOST_CHECK(schema.operationTypes[1].operation == graphql::OperationType::Mutation);
  BOOST_CHECK(type(document, 1).kind == graphql::TypeKind::Scalar);
  BOOST_CHECK_EQUAL(type(document, 2).interfaces[0], "Base");
  BOOST_CHECK_EQUAL(type(document, 3).unionMembers.size(), 2u);
  BOOST_CHECK_EQUAL(*type(document, 4).enumValues[0].description, "red");
  BOOST_CHECK_EQUAL(type(document, 5).inputFields.size(), 2u);
  const auto& directive = std::get<graphql::DirectiveDefinition>(document.definitions[6]);
  BOOST_CHECK(directive.repeatable);
  BOOST_CHECK_EQUAL(directive.locations.size(), 2u);
  BOOST_CHECK(type(document, 7).extension);
  BOOST_CHECK(std::get<graphql::SchemaDefinition>(document.definitions[8]).extension);
  BOOST_CHECK_EQUAL(type(document, 9).unionMembers[0], "C");
  BOOST_CHECK(type(document, 10).fields.empty());
}

BOOST_AUTO_TEST_CASE(contract_schema_file_parses) {
  // The contract lives beside the repository (meson sets AUTHCORE_SOURCE_ROOT);
  // without it there is nothing to check.
  const char* root = std::getenv("AUTHCORE_SOURCE_ROOT");
  std::ifstream file(std::string(root ? root : ".") + "/../shared/design/schema.graphql");
  if (!file) return;
  std::stringstream text;
  text << file.rdbuf();
  BOOST_CHECK_GT(parseOk(text.str()).definitions.size(), 40u);
}

BOOST_AUTO_TEST_CASE(executable_definitions_are_refused_in_sdl) {
  const auto result = graphql::parseSchema("type A { a: Int } { a }");
  BOOST_REQUIRE(!result.has_value());
  BOOST_CHECK_EQUAL(result.error().message, "Syntax Error: Unexpected \"{\".");
  BOOST_CHECK_EQUAL(result.error().location.column, 19u);
}

BOOST_AUTO_TEST_CASE(malformed_definitions_fail_where_they_break) {
  BOOST_CHECK_EQUAL(graphql::parseSchema("type A { a }").error().message, "Syntax Error: Expected \":\", found \"}\".");
  BOOST_CHECK_EQUAL(graphql::parseSchema("directive @a FIELD").error().message,
                    "Syntax Error: Expected \"on\", found Name \"FIELD\".");
  BOOST_CHECK_EQUAL(graphql::parseSchema("enum E { true }").error().message, "Syntax Error: Unexpected Name \"true\".");
  BOOST_CHECK(!graphql::parseSchema("extend directive @a on FIELD").has_value());
  BOOST_CHECK(!graphql::parseSchema("schema { field: Q }").has_value());
  BOOST_CHECK(!graphql::parseSchema("type A { a(x: Int = $v): Int }").has_value());
}

BOOST_AUTO_TEST_CASE(limits_apply_to_sdl_too) {
  graphql::ParseLimits limits;
  limits.maxTokens = 5;
  BOOST_CHECK(graphql::parseSchema("type A { a: Int b: Int }", limits).error().code == graphql::Errc::TooManyTokens);
}

BOOST_AUTO_TEST_SUITE_END()
