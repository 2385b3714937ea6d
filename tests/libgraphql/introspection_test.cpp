// SPDX-License-Identifier: Apache-2.0
// Introspection: __schema, __type, __typename, descriptions, deprecation, defaults.
#include "test_support.hpp"

#include <authcore/graphql/json_parser.hpp>

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace graphql = authcore::graphql;
using graphql_test::run;

namespace {

graphql::JsonValue data(std::string_view query) {
  const auto response = graphql::parseJson(run(query));
  BOOST_REQUIRE(response.has_value());
  BOOST_REQUIRE_MESSAGE(response->find("errors") == nullptr, graphql::serialize(*response));
  return *response->find("data");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(graphql_introspection)

BOOST_AUTO_TEST_CASE(schema_names_its_root_types) {
  BOOST_CHECK_EQUAL(graphql::serialize(data("{ __schema { queryType { name } mutationType { name } subscriptionType { name } } }")),
                    R"({"__schema":{"queryType":{"name":"Query"},"mutationType":{"name":"Mutation"},"subscriptionType":null}})");
}

BOOST_AUTO_TEST_CASE(types_list_includes_application_builtin_and_introspection_types) {
  const auto types = data("{ __schema { types { name } } }");
  std::string names;
  for (const auto& type : types.find("__schema")->find("types")->asArray()) names += type.find("name")->asString() + " ";
  for (const char* name : {"Dog ", "Query ", "EchoInput ", "Boolean ", "__Type ", "__TypeKind "}) {
    BOOST_CHECK_MESSAGE(names.find(name) != std::string::npos, name);
  }
}

BOOST_AUTO_TEST_CASE(type_reports_kind_wrappers_and_description) {
  BOOST_CHECK_EQUAL(graphql::serialize(data(R"({ __type(name: "Query") { kind description
      fields { name type { kind name ofType { kind name ofType { kind name } } } } } })")
                                           .find("__type")->find("description")[0]),
                    R"("The root of all queries.")");
  const auto pets = data(R"({ __type(name: "Query") { fields { name type { kind ofType { kind ofType { kind ofType { name } } } } } } })");
  BOOST_CHECK_EQUAL(graphql::serialize(pets.find("__type")->find("fields")->asArray()[0]),
                    R"({"name":"pets","type":{"kind":"NON_NULL","ofType":{"kind":"LIST","ofType":{"kind":"NON_NULL","ofType":{"name":"Pet"}}}}})");
}

BOOST_AUTO_TEST_CASE(unknown_type_is_null) {
  BOOST_CHECK_EQUAL(graphql::serialize(data(R"({ __type(name: "Nope") { name } })")), R"({"__type":null})");
}

BOOST_AUTO_TEST_CASE(deprecated_fields_and_values_are_hidden_unless_asked_for) {
  const auto query = data(R"({ __type(name: "Query") { a: fields { name } b: fields(includeDeprecated: true) { name isDeprecated deprecationReason } } })");
  BOOST_CHECK_EQUAL(query.find("__type")->find("a")->asArray().size(), 9u);
  const auto& all = query.find("__type")->find("b")->asArray();
  BOOST_REQUIRE_EQUAL(all.size(), 10u);
  BOOST_CHECK_EQUAL(graphql::serialize(all[9]), R"({"name":"legacy","isDeprecated":true,"deprecationReason":"Use pets"})");
  const auto kind = data(R"({ __type(name: "Kind") { enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } } })");
  BOOST_CHECK_EQUAL(graphql::serialize(kind.find("__type")->find("enumValues")->asArray()[2]),
                    R"({"name":"OLD","isDeprecated":true,"deprecationReason":"No longer supported"})");
}

BOOST_AUTO_TEST_CASE(default_values_are_printed_as_graphql_literals) {
  const auto input = data(R"({ __type(name: "EchoInput") { inputFields { name defaultValue } } })");
  BOOST_CHECK_EQUAL(graphql::serialize(*input.find("__type")->find("inputFields")),
                    R"([{"name":"text","defaultValue":null},{"name":"times","defaultValue":"2"},{"name":"tags","defaultValue":null}])");
  const auto search = data(R"({ __type(name: "Query") { fields { name args { name defaultValue } } } })");
  BOOST_CHECK_EQUAL(graphql::serialize(search.find("__type")->find("fields")->asArray()[2]),
                    R"({"name":"search","args":[{"name":"text","defaultValue":"\"o\""}]})");
}

BOOST_AUTO_TEST_CASE(abstract_types_list_possible_types_and_interfaces) {
  const auto pet = data(R"({ __type(name: "Pet") { kind interfaces { name } possibleTypes { name } } })");
  BOOST_CHECK_EQUAL(graphql::serialize(pet),
                    R"({"__type":{"kind":"INTERFACE","interfaces":[{"name":"Named"}],"possibleTypes":[{"name":"Cat"},{"name":"Dog"}]}})");
  const auto result = data(R"({ __type(name: "SearchResult") { kind fields { name } possibleTypes { name } } })");
  BOOST_CHECK_EQUAL(graphql::serialize(result),
                    R"({"__type":{"kind":"UNION","fields":null,"possibleTypes":[{"name":"Dog"},{"name":"Cat"},{"name":"Person"}]}})");
}

BOOST_AUTO_TEST_CASE(scalars_report_specified_by_url) {
  BOOST_CHECK_EQUAL(graphql::serialize(data(R"({ __type(name: "Date") { kind specifiedByURL } })")),
                    R"({"__type":{"kind":"SCALAR","specifiedByURL":"https://tools.ietf.org/html/rfc3339"}})");
}

BOOST_AUTO_TEST_CASE(directives_report_locations_arguments_and_repeatability) {
  const auto directives = data("{ __schema { directives { name isRepeatable locations args { name type { kind } } } } }");
  BOOST_CHECK_EQUAL(graphql::serialize(directives.find("__schema")->find("directives")->asArray()[0]),
                    R"({"name":"include","isRepeatable":false,"locations":["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"],)"
                    R"("args":[{"name":"if","type":{"kind":"NON_NULL"}}]})");
}

BOOST_AUTO_TEST_CASE(meta_fields_are_not_listed_among_fields) {
  const auto fields = data(R"({ __type(name: "Query") { fields { name } } })");
  BOOST_CHECK(graphql::serialize(fields).find("__typename") == std::string::npos);
  BOOST_CHECK(graphql::serialize(fields).find("__schema") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(reference_introspection_query_runs_within_default_limits) {
  // graphql-js's buildClientSchema() reads this query's result; the fixture is its text.
  const char* root = std::getenv("AUTHCORE_SOURCE_ROOT");
  std::ifstream file(std::string(root ? root : ".") + "/tests/libgraphql/data/introspection_query.graphql");
  BOOST_REQUIRE_MESSAGE(file, "fixture not found; run from the source root or through meson");
  std::stringstream query;
  query << file.rdbuf();
  const auto& schema = graphql_test::petsSchema();
  const auto response = graphql::Executor::execute(schema, {query.str(), graphql::JsonValue::object(), {}});
  BOOST_REQUIRE_MESSAGE(response.find("errors") == nullptr, graphql::serialize(response));
  const auto& types = response.find("data")->find("__schema")->find("types")->asArray();
  BOOST_CHECK_EQUAL(types.size(), schema.types().size());
  for (const auto& type : types) {
    const auto* kind = type.find("kind");
    const auto* fields = type.find("fields");
    const auto* named = schema.type(type.find("name")->asString());
    BOOST_REQUIRE(named != nullptr);
    if (kind->asString() == "OBJECT") BOOST_CHECK_EQUAL(fields->asArray().size(), named->fields.size());
  }
}

BOOST_AUTO_TEST_SUITE_END()
