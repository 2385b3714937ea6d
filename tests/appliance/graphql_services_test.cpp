// SPDX-License-Identifier: Apache-2.0
// GraphQL Part 2: services, plans and API keys, through the same
// ServiceCatalog as REST; API keys authenticate GraphQL too.
#include "graphql_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::GraphqlFixture;

namespace {

const char* kCreate = R"(mutation($slug: String!, $type: ServiceType!) {
  createService(orgSlug: "acme", input: {slug: $slug, name: "Main", serviceType: $type,
                redirectUris: ["https://app.acme.test/cb"], githubScopes: ["read:user"]}) {
    clientId service { id slug serviceType clientId redirectUris githubScopes googleScopes client { clientId clientType } }
  }
})";

std::string vars(const std::string& slug, const std::string& type = "WEB") {
    return R"({"slug":")" + slug + R"(","type":")" + type + "\"}";
}

struct ServicesFixture : GraphqlFixture {
    /// A full API key of acme/main-app with `permissions` (a JSON list).
    std::string apiKey(const std::string& permissions) {
        const auto made = gql(owner, R"(mutation { createApiKey(orgSlug: "acme", serviceSlug: "main-app",
                                        input: {name: "k", permissions: )" + permissions + R"(}) { key } })");
        return data(made)->getObject("createApiKey")->getValue<std::string>("key");
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_graphql_services, ServicesFixture)

BOOST_AUTO_TEST_CASE(create_read_update_and_delete_a_service) {
    const auto created = gql(owner, kCreate, vars("main-app"));
    BOOST_TEST_REQUIRE(errorCode(created).empty(), last.body);
    const auto result = data(created)->getObject("createService");
    BOOST_TEST(result->getValue<std::string>("clientId") == "acme.main-app");
    const auto service = result->getObject("service");
    BOOST_TEST(service->getValue<std::string>("serviceType") == "WEB");
    BOOST_TEST(service->getObject("client")->getValue<std::string>("clientType") == "service");
    BOOST_TEST(service->getArray("googleScopes")->size() == 0u);

    const auto org = gql(member, R"({ organization(slug: "acme") { services { slug } usage { currentServices maxServices } } })");
    BOOST_TEST_REQUIRE(errorCode(org).empty(), last.body);
    BOOST_TEST(data(org)->getObject("organization")->getArray("services")->size() == 1u);
    BOOST_TEST(data(org)->getObject("organization")->getObject("usage")->getValue<int>("maxServices") == 10);

    const auto updated = gql(owner, R"(mutation { updateService(orgSlug: "acme", serviceSlug: "main-app",
                                        input: {name: "Renamed", redirectUris: ["http://localhost:3000/cb"]}) { name redirectUris githubScopes } })");
    BOOST_TEST_REQUIRE(errorCode(updated).empty(), last.body);
    BOOST_TEST(data(updated)->getObject("updateService")->getValue<std::string>("name") == "Renamed");
    BOOST_TEST(data(updated)->getObject("updateService")->getArray("githubScopes")->size() == 1u); // unchanged
    BOOST_TEST(context->db->clients().findById("acme.main-app")->redirectUris.at(0) == "http://localhost:3000/cb");

    BOOST_TEST(errorCode(gql(member, R"(mutation { deleteService(orgSlug: "acme", serviceSlug: "main-app") { success } })")) ==
               "FORBIDDEN");
    const auto deleted = gql(owner, R"(mutation { deleteService(orgSlug: "acme", serviceSlug: "main-app") { success } })");
    BOOST_TEST(data(deleted)->getObject("deleteService")->getValue<bool>("success"));
    BOOST_TEST(!context->db->clients().findById("acme.main-app").has_value());
    BOOST_TEST(errorCode(gql(owner, R"({ service(orgSlug: "acme", serviceSlug: "main-app") { id } })")) == "NOT_FOUND");
}

BOOST_AUTO_TEST_CASE(refusals_carry_their_codes_and_change_nothing) {
    BOOST_TEST(errorCode(gql(member, kCreate, vars("main-app"))) == "FORBIDDEN");
    BOOST_TEST(errorCode(gql(outsider, kCreate, vars("main-app"))) == "NOT_FOUND");
    BOOST_TEST(errorCode(gql({}, kCreate, vars("main-app"))) == "UNAUTHENTICATED");
    BOOST_TEST(errorCode(gql(owner, kCreate, vars("Bad_Slug"))) == "BAD_USER_INPUT");
    gql(owner, kCreate, vars("main-app"));
    BOOST_TEST(errorCode(gql(owner, kCreate, vars("main-app"))) == "BAD_USER_INPUT");
    context->catalog->setMaxServices(Principal::system(), "acme", 1);
    const auto limited = gql(owner, kCreate, vars("second"));
    BOOST_TEST(errorCode(limited) == "BAD_USER_INPUT");
    BOOST_TEST(limited->getArray("errors")->getObject(0)->getObject("extensions")->getValue<std::string>("reason") ==
               "limit_reached");
    BOOST_TEST(context->db->services().countForOrganization(context->db->organizations().findBySlug("acme")->id) == 1);
}

BOOST_AUTO_TEST_CASE(plans_and_their_subscriptions) {
    gql(owner, kCreate, vars("main-app"));
    const auto plan = gql(owner, R"(mutation { createPlan(orgSlug: "acme", serviceSlug: "main-app",
                                     input: {name: "pro", priceCents: 2999, currency: "usd", features: ["api"]}) {
                                     plan { id name priceCents currency features } subscriptionCount } })");
    BOOST_TEST_REQUIRE(errorCode(plan).empty(), last.body);
    const auto planId = data(plan)->getObject("createPlan")->getObject("plan")->getValue<std::string>("id");
    BOOST_TEST(errorCode(gql(owner, R"(mutation { createPlan(orgSlug: "acme", serviceSlug: "main-app",
                                        input: {name: "bad", priceCents: -1, currency: "usd", features: []}) { subscriptionCount } })")) ==
               "BAD_USER_INPUT");
    context->catalog->subscribe(Principal::system(), "acme", "main-app", planId, "member@acme.test");
    const auto listed = gql(member, R"({ service(orgSlug: "acme", serviceSlug: "main-app") { plans { plan { name } subscriptionCount } } })");
    BOOST_TEST(data(listed)->getObject("service")->getArray("plans")->getObject(0)->getValue<int>("subscriptionCount") == 1);
    const auto refused = gql(owner, "mutation($id: ID!) { deletePlan(orgSlug: \"acme\", serviceSlug: \"main-app\", planId: $id) { success } }",
                             R"({"id":")" + planId + "\"}");
    BOOST_TEST(errorCode(refused) == "BAD_USER_INPUT");
    const auto renamed = gql(owner, "mutation($id: ID!) { updatePlan(orgSlug: \"acme\", serviceSlug: \"main-app\", planId: $id, "
                                    "input: {name: \"Pro Plus\"}) { plan { name priceCents } } }",
                             R"({"id":")" + planId + "\"}");
    BOOST_TEST(data(renamed)->getObject("updatePlan")->getObject("plan")->getValue<int>("priceCents") == 2999);
}

BOOST_AUTO_TEST_CASE(api_keys_are_shown_once_and_authenticate_graphql) {
    gql(owner, kCreate, vars("main-app"));
    const auto reader = apiKey(R"(["read:service"])");
    BOOST_TEST(reader.rfind("ak_", 0) == 0u);
    const auto listed = gql(member, R"({ service(orgSlug: "acme", serviceSlug: "main-app") { apiKeys(limit: 10) { total apiKeys { prefix permissions lastUsedAt } } } })");
    BOOST_TEST(data(listed)->getObject("service")->getObject("apiKeys")->getValue<int>("total") == 1);
    BOOST_TEST(last.body.find(reader.substr(12)) == std::string::npos);

    const auto asKey = gql({{"X-API-Key", reader}}, R"({ service(orgSlug: "acme", serviceSlug: "main-app") { name } })");
    BOOST_TEST(errorCode(asKey).empty(), last.body);
    const auto viaBearer = gql({{"Authorization", "Bearer " + reader}},
                               R"(mutation { updateService(orgSlug: "acme", serviceSlug: "main-app", input: {name: "x"}) { name } })");
    BOOST_TEST(errorCode(viaBearer) == "FORBIDDEN");
    BOOST_TEST(errorCode(gql({{"X-API-Key", reader}}, R"({ clients { edges { cursor } } })")).empty());
    BOOST_TEST(errorCode(gql({{"X-API-Key", reader}}, R"({ organization(slug: "acme") { name } })")) == "NOT_FOUND");

    const auto writer = apiKey(R"(["write:service"])");
    const auto renamed = gql({{"X-API-Key", writer}},
                             R"(mutation { updateService(orgSlug: "acme", serviceSlug: "main-app", input: {name: "By key"}) { name } })");
    BOOST_TEST(errorCode(renamed).empty(), last.body);

    BOOST_TEST(errorCode(gql(owner, R"(mutation { createApiKey(orgSlug: "acme", serviceSlug: "main-app",
                                        input: {name: "k", permissions: ["root"]}) { key } })")) == "BAD_USER_INPUT");
    const auto id = context->db->services().findApiKeyByPrefix(reader.substr(3, 8))->id;
    gql(owner, "mutation($id: ID!) { deleteApiKey(orgSlug: \"acme\", serviceSlug: \"main-app\", id: $id) { success } }",
        R"({"id":")" + id + "\"}");
    gql({{"X-API-Key", reader}}, R"({ service(orgSlug: "acme", serviceSlug: "main-app") { name } })");
    BOOST_TEST(last.status == 401);
}

BOOST_AUTO_TEST_SUITE_END()
