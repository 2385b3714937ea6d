// SPDX-License-Identifier: Apache-2.0
// Document size, depth and cost budget: over-limit requests get errors, not work.
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>

namespace graphql = authcore::graphql;
using graphql_test::run;

namespace {

graphql::ExecutionOptions options(std::size_t depth, std::size_t cost) {
  graphql::ExecutionOptions o;
  o.maxDepth = depth;
  o.maxCost = cost;
  return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(graphql_limits)

BOOST_AUTO_TEST_CASE(document_over_the_size_limit_is_refused) {
  graphql::ExecutionOptions o;
  o.parse.maxBytes = 16;
  const auto response = run("{ pets { name sound } }", "{}", o);
  BOOST_CHECK(response.find("more than the limit of 16") != std::string::npos);
  BOOST_CHECK(response.find("\"data\"") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(depth_at_the_limit_passes_and_beyond_fails) {
  BOOST_CHECK_EQUAL(run("{ owner { pets { name } } }", "{}", options(3, 1000)),
                    R"({"data":{"owner":{"pets":[{"name":"Rex"}]}}})");
  const auto response = run("{ owner { pets { owner { name } } } }", "{}", options(3, 1000));
  BOOST_CHECK(response.find("Query depth 4 exceeds the limit of 3.") != std::string::npos);
  BOOST_CHECK(response.find("QUERY_TOO_COMPLEX") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(depth_counts_through_fragments) {
  const auto response = run("{ owner { ...A } } fragment A on Person { pets { owner { name } } }", "{}",
                            options(3, 1000));
  BOOST_CHECK(response.find("Query depth 4 exceeds") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(list_fields_multiply_the_cost_of_their_subselection) {
  // pets: 1 + 10 x (name + sound) = 21
  BOOST_CHECK(run("{ pets { name sound } }", "{}", options(10, 21)).find("\"data\"") != std::string::npos);
  BOOST_CHECK(run("{ pets { name sound } }", "{}", options(10, 20)).find("Query cost 21 exceeds the budget of 20.") !=
              std::string::npos);
}

BOOST_AUTO_TEST_CASE(first_and_last_arguments_set_the_multiplier) {
  const auto schema = graphql_test::buildOk(
      "type Query { items(first: Int, last: Int): Conn } type Conn { edges: [Edge] } type Edge { node: Item }"
      " type Item { id: ID }");
  graphql::ExecutionOptions o = options(10, 3001);
  // 1 + 1000 x (edges 1 + node 1 + id 1) = 3001: the edges list is not multiplied again.
  const auto ok = graphql::Executor::execute(schema, {"{ items(first: 1000) { edges { node { id } } } }",
                                                      graphql::JsonValue::object(), {}}, {}, o);
  BOOST_CHECK(ok.find("errors") == nullptr);
  graphql::Request request{"query ($n: Int) { items(last: $n) { edges { node { id } } } }",
                           graphql::JsonValue(graphql::JsonObject{{"n", 1001}}), {}};
  const auto over = graphql::Executor::execute(schema, request, {}, o);
  BOOST_CHECK_EQUAL(graphql_test::firstError(over), "Query cost 3004 exceeds the budget of 3001.");
}

BOOST_AUTO_TEST_CASE(exponential_fragment_spreads_are_measured_quickly_and_refused) {
  std::string query = "{ owner { ...F0 } }";
  for (int i = 0; i < 30; ++i) {
    query += " fragment F" + std::to_string(i) + " on Person { pets { owner { ...F" + std::to_string(i + 1) +
             " } } a" + std::to_string(i) + ": pets { owner { ...F" + std::to_string(i + 1) + " } } }";
  }
  query += " fragment F30 on Person { name }";
  const auto start = std::chrono::steady_clock::now();
  const auto response = run(query);
  BOOST_CHECK_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  BOOST_CHECK(response.find("\"data\"") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(introspection_query_fits_the_default_limits_and_can_be_disabled) {
  BOOST_CHECK(run("{ __schema { types { name fields { name type { name ofType { name } } } } } }")
                  .find("\"data\"") != std::string::npos);
  graphql::ExecutionOptions o;
  o.introspection = false;
  BOOST_CHECK(run("{ __type(name: \"Dog\") { name } }", "{}", o).find("Introspection is disabled.") !=
              std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
