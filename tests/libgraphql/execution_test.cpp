// SPDX-License-Identifier: Apache-2.0
// Execution: fields, aliases, fragments, abstract types, lists, errors, non-null propagation.
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

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
BOOST_AUTO_TEST_SUITE_END()
