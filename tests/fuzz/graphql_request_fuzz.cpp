// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the whole libgraphql pipeline on arbitrary bytes, read both as
// a JSON request body and as a bare document (JSON parser, request reader, SDL
// and executable parsers, validation, limits, execution, JSON writer).
#include <authcore/graphql/executor.hpp>
#include <authcore/graphql/json_parser.hpp>
#include <authcore/graphql/schema_builder.hpp>
#include <authcore/graphql/sdl_parser.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

namespace graphql = authcore::graphql;

constexpr std::string_view kSdl = R"(
type Query { node(id: ID!): Node  search(text: String = "a", first: Int): [Result!]  me: User }
type Mutation { rename(name: String!): User! }
interface Node { id: ID! }
type User implements Node { id: ID!  name: String  friends(first: Int): [User]  role: Role }
type Group implements Node { id: ID!  members: [User!]! }
union Result = User | Group
enum Role { ADMIN MEMBER }
input Filter { text: String!  roles: [Role!] = [MEMBER] }
)";

const graphql::Schema& schema() {
  static const graphql::Schema built = [] {
    const auto user = graphql::JsonValue(graphql::JsonObject{
        {"__typename", "User"}, {"id", "1"}, {"name", "Ann"}, {"role", "ADMIN"},
        {"friends", graphql::JsonArray{graphql::JsonObject{{"__typename", "User"}, {"id", "2"}}}}});
    auto result = graphql::SchemaBuilder()
                      .addSdl(kSdl)
                      .bindField("Query", "node", [user](const graphql::FieldContext&) { return user; })
                      .bindField("Query", "me", [user](const graphql::FieldContext&) { return user; })
                      .bindField("Query", "search", [user](const graphql::FieldContext&) {
                        return graphql::ResolverResult::list({user, nullptr});
                      })
                      .bindField("Mutation", "rename", [](const graphql::FieldContext& c) {
                        return graphql::JsonValue(graphql::JsonObject{{"id", "1"}, {"name", *c.argument("name")}});
                      })
                      .build();
    if (!result) std::abort();
    return std::move(*result);
  }();
  return built;
}

// Every response is a JSON object with data or errors that parses back.
void checkResponse(const graphql::JsonValue& response) {
  if (!response.isObject() || (!response.find("data") && !response.find("errors"))) std::abort();
  if (!graphql::parseJson(graphql::serialize(response), {16 * 1024 * 1024, 256})) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  checkResponse(graphql::Executor::executeBody(schema(), text));
  checkResponse(graphql::Executor::execute(schema(), graphql::Request{std::string(text), graphql::JsonValue::object(), {}}));
  (void)graphql::parseSchema(text);
  return 0;
}
