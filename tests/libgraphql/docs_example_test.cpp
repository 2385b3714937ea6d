// SPDX-License-Identifier: Apache-2.0
// The libgraphql example of docs/libraries.md, compiled and run as written there.
#include <authcore/graphql/executor.hpp>
#include <authcore/graphql/schema_builder.hpp>

#include <boost/test/unit_test.hpp>

namespace {

// --- begin docs/libraries.md example ---
namespace graphql = authcore::graphql;

struct Client {
  std::string id;
  std::string description;
};
struct AppContext {
  std::vector<Client> clients;
};

graphql::Schema makeSchema() {
  auto schema =
      graphql::SchemaBuilder()
          .addSdl(R"(type Query { client(clientId: ID!): Client }
                     type Client { clientId: ID!  description: String })")
          .bindField("Query", "client", [](const graphql::FieldContext& c) -> graphql::ResolverResult {
            for (const Client& client : c.context<AppContext>()->clients) {
              if (client.id == c.argument("clientId")->asString()) {
                return graphql::ResolverResult::object(&client);  // the parent of Client's fields
              }
            }
            return graphql::ResolverResult::error("No such client", graphql::JsonObject{{"code", "NOT_FOUND"}});
          })
          .bindField("Client", "clientId", [](const graphql::FieldContext& c) { return c.parent().as<Client>()->id; })
          .bindField("Client", "description",
                     [](const graphql::FieldContext& c) { return c.parent().as<Client>()->description; })
          .build();
  if (!schema) throw std::runtime_error(schema.error().message);  // bad SDL or binding
  return std::move(*schema);
}

std::string handle(const graphql::Schema& schema, AppContext& app, std::string_view body) {
  return graphql::serialize(graphql::Executor::executeBody(schema, body, &app));
}
// --- end docs/libraries.md example ---

}  // namespace

BOOST_AUTO_TEST_SUITE(graphql_execution)

BOOST_AUTO_TEST_CASE(documented_example_gives_the_documented_responses) {
  AppContext app{{{"web", "Web app"}}};
  const graphql::Schema schema = makeSchema();
  BOOST_CHECK_EQUAL(handle(schema, app, R"({"query":"query ($id: ID!) { client(clientId: $id) { description } }",
                                           "variables":{"id":"web"}})"),
                    R"({"data":{"client":{"description":"Web app"}}})");
  BOOST_CHECK_EQUAL(handle(schema, app, R"({"query":"{ client(clientId: \"cli\") { clientId } }"})"),
                    R"({"errors":[{"message":"No such client","locations":[{"line":1,"column":3}],)"
                    R"("path":["client"],"extensions":{"code":"NOT_FOUND"}}],"data":{"client":null}})");
}

BOOST_AUTO_TEST_SUITE_END()
