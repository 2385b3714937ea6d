// SPDX-License-Identifier: Apache-2.0
// A small schema with resolvers and helpers shared by the libgraphql suites.
#include "test_support.hpp"

#include <authcore/graphql/json_parser.hpp>

#include <boost/test/unit_test.hpp>

namespace graphql_test {

const std::string_view kPetsSdl = R"(
"The root of all queries."
type Query {
  pets: [Pet!]!
  pet(name: String!): Pet
  search(text: String = "o"): [SearchResult]
  owner: Person
  echo(input: EchoInput, count: Int = 1, kind: Kind, ids: [ID!]): String
  failing: String
  failingNonNull: String!
  counter: Int
  json: Person
  legacy: String @deprecated(reason: "Use pets")
}
type Mutation { increment(by: Int! = 1): Int! }
interface Named { name: String! }
interface Pet implements Named { name: String!  sound: String  owner: Person }
type Dog implements Pet & Named { name: String!  sound: String  owner: Person  barks: Boolean! }
type Cat implements Pet & Named { name: String!  sound: String  owner: Person  lives: Int }
type Person implements Named { name: String!  pets: [Pet]  age: Int }
union SearchResult = Dog | Cat | Person
enum Kind { DOG CAT OLD @deprecated }
input EchoInput { text: String!  times: Int = 2  tags: [String] }
scalar Date @specifiedBy(url: "https://tools.ietf.org/html/rfc3339")
)";

namespace {

struct Pet {
  std::string name;
  std::string type;
  std::string sound;
};

const std::vector<Pet> kPets = {{"Rex", "Dog", "woof"}, {"Tom", "Cat", "meow"}};
int counter = 0;

graphql::ResolverResult petObject(const Pet& pet) {
  return graphql::ResolverResult::object(&pet, pet.type);
}

graphql::Schema makePets() {
  auto schema = graphql::SchemaBuilder()
      .addSdl(kPetsSdl)
      .bindField("Query", "pets", [](const graphql::FieldContext&) {
        std::vector<graphql::ResolverResult> list;
        for (const auto& pet : kPets) list.push_back(petObject(pet));
        return graphql::ResolverResult::list(std::move(list));
      })
      .bindField("Query", "pet", [](const graphql::FieldContext& c) -> graphql::ResolverResult {
        for (const auto& pet : kPets) {
          if (pet.name == c.argument("name")->asString()) return petObject(pet);
        }
        return graphql::ResolverResult::error("No pet named " + c.argument("name")->asString(),
                                              graphql::JsonValue(graphql::JsonObject{{"code", "NOT_FOUND"}}));
      })
      .bindField("Query", "search", [](const graphql::FieldContext&) {
        return graphql::ResolverResult::list({petObject(kPets[0]), petObject(kPets[1]),
            graphql::JsonValue(graphql::JsonObject{{"__typename", "Person"}, {"name", "Ann"}})});
      })
      .bindField("Query", "owner", [](const graphql::FieldContext&) {
        return graphql::JsonValue(graphql::JsonObject{{"name", "Ann"}, {"age", 42},
            {"pets", graphql::JsonArray{graphql::JsonObject{{"__typename", "Dog"}, {"name", "Rex"}, {"barks", true}}}}});
      })
      .bindField("Query", "echo", [](const graphql::FieldContext& c) { return graphql::serialize(c.arguments()); })
      .bindField("Query", "failing", [](const graphql::FieldContext&) -> graphql::ResolverResult {
        throw std::runtime_error("secret database detail");
      })
      .bindField("Query", "failingNonNull", [](const graphql::FieldContext&) { return graphql::ResolverResult(); })
      .bindField("Query", "counter", [](const graphql::FieldContext&) { return counter; })
      .bindField("Mutation", "increment", [](const graphql::FieldContext& c) {
        counter += static_cast<int>(c.argument("by")->asInt());
        return counter;
      })
      .bindField("Dog", "name", [](const graphql::FieldContext& c) -> graphql::ResolverResult {
        if (const auto* pet = c.parent().as<Pet>()) return pet->name;
        return *c.parent().json()->find("name");
      })
      .bindField("Cat", "name", [](const graphql::FieldContext& c) { return c.parent().as<Pet>()->name; })
      .bindField("Dog", "sound", [](const graphql::FieldContext& c) { return c.parent().as<Pet>()->sound; })
      .bindField("Cat", "sound", [](const graphql::FieldContext& c) { return c.parent().as<Pet>()->sound; })
      .bindField("Dog", "barks", [](const graphql::FieldContext&) { return true; })
      .build();
  BOOST_REQUIRE_MESSAGE(schema.has_value(), "schema: " << (schema ? "" : schema.error().message));
  return std::move(*schema);
}

}  // namespace

const graphql::Schema& petsSchema() {
  static const graphql::Schema schema = makePets();
  return schema;
}

std::string run(std::string_view query, std::string_view variablesJson,
                const graphql::ExecutionOptions& options) {
  graphql::Request request;
  request.query = std::string(query);
  request.variables = *graphql::parseJson(variablesJson);
  return graphql::serialize(graphql::Executor::execute(petsSchema(), request, {}, options));
}

std::string firstError(const graphql::JsonValue& response) {
  const auto* errors = response.find("errors");
  if (!errors || errors->asArray().empty()) return "";
  return errors->asArray()[0].find("message")->asString();
}

graphql::Schema buildOk(std::string_view sdl) {
  auto schema = graphql::SchemaBuilder::fromSdl(sdl);
  BOOST_REQUIRE_MESSAGE(schema.has_value(), "schema: " << (schema ? "" : schema.error().message));
  return std::move(*schema);
}

}  // namespace graphql_test
