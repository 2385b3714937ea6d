// SPDX-License-Identifier: Apache-2.0
// POST /graphql over real HTTP: Part 1 of the management schema, who may do
// what, Relay pagination, and the explorer page. The schema's conformance
// with the contract (graphql-js) is in graphql_conformance_test.cpp.
#include "graphql_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::parseJson;

namespace {

using test::GraphqlFixture;

const char* kAddClient = R"(mutation($id: String!) {
  addClient(clientId: $id, description: "Orders API", availableScopes: [{scope: "read", description: "Read"}, {scope: "write"}]) {
    clientId clientType description availableScopes { scope description }
    managementPermissions { canDeleteClient canAddClientSecret }
  }
})";

std::string idVar(const std::string& id) { return R"({"id":")" + id + "\"}"; }

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_graphql, GraphqlFixture)

BOOST_AUTO_TEST_CASE(owner_adds_a_client_to_their_organization) {
    const auto added = gql(owner, kAddClient, idVar("orders-api"));
    BOOST_TEST_REQUIRE(errorCode(added).empty(), last.body);
    const auto client = data(added)->getObject("addClient");
    BOOST_TEST(client->getValue<std::string>("clientType") == "application");
    BOOST_TEST(client->getArray("availableScopes")->size() == 2u);
    BOOST_TEST(client->getObject("managementPermissions")->getValue<bool>("canAddClientSecret"));
    BOOST_TEST(context->db->clients().findById("orders-api")->ownerOrganizationId ==
               context->db->organizations().findBySlug("acme")->id);
    // Taken ids are refused with BAD_USER_INPUT and change nothing.
    BOOST_TEST(errorCode(gql(owner, kAddClient, idVar("orders-api"))) == "BAD_USER_INPUT");
}

BOOST_AUTO_TEST_CASE(members_read_outsiders_see_nothing_and_anonymous_is_unauthenticated) {
    gql(owner, kAddClient, idVar("orders-api"));
    const auto read = gql(member, R"({ client(clientId: "orders-api") { clientId managementPermissions { canDeleteClient } } })");
    BOOST_TEST(errorCode(read).empty(), last.body);
    BOOST_TEST(!data(read)->getObject("client")->getObject("managementPermissions")->getValue<bool>("canDeleteClient"));
    BOOST_TEST(errorCode(gql(member, R"(mutation { deleteClient(clientId: "orders-api") { success } })")) == "FORBIDDEN");
    BOOST_TEST(errorCode(gql(outsider, R"({ client(clientId: "orders-api") { clientId } })")) == "NOT_FOUND");
    BOOST_TEST(errorCode(gql(outsider, R"(mutation { generateClientSecret1(clientId: "orders-api") { clientSecret } })")) ==
               "NOT_FOUND");
    BOOST_TEST(errorCode(gql(outsider, kAddClient, idVar("evil"))) == "FORBIDDEN");
    BOOST_TEST(errorCode(gql({}, R"({ client(clientId: "orders-api") { clientId } })")) == "UNAUTHENTICATED");
    BOOST_TEST(!context->db->clients().findById("evil").has_value());
    BOOST_TEST(context->db->clients().findById("orders-api").has_value());
}

BOOST_AUTO_TEST_CASE(a_bad_token_is_a_401_and_a_wrong_audience_too) {
    const auto bad = gql({{"Authorization", "Bearer not-a-token"}}, "{ clients { edges { cursor } } }");
    BOOST_TEST(last.status == 401);
    BOOST_TEST(errorCode(bad) == "UNAUTHENTICATED");
    BOOST_TEST(!last.header("WWW-Authenticate").empty());
}

BOOST_AUTO_TEST_CASE(secrets_are_shown_once_and_either_slot_can_be_cleared) {
    gql(owner, kAddClient, idVar("orders-api"));
    const auto made = gql(owner, R"(mutation { a: generateClientSecret1(clientId: "orders-api") { clientSecret }
                                               b: generateClientSecret2(clientId: "orders-api") { clientSecret } })");
    BOOST_TEST(last.header("Cache-Control") == "no-store");
    const auto secret = data(made)->getObject("a")->getValue<std::string>("clientSecret");
    BOOST_TEST(secret.size() == 43u);
    BOOST_TEST(data(made)->getObject("b")->getValue<std::string>("clientSecret") != secret);
    const auto state = gql(owner, R"({ client(clientId: "orders-api") { clientSecret1Set clientSecret2Set clientSecret1Updated } })");
    BOOST_TEST(data(state)->getObject("client")->getValue<bool>("clientSecret1Set"));
    BOOST_TEST(last.body.find(secret) == std::string::npos);
    const auto cleared = gql(owner, R"(mutation { clearClientSecret1(clientId: "orders-api") { clientSecret } })");
    BOOST_TEST(data(cleared)->getObject("clearClientSecret1")->isNull("clientSecret"));
    const auto after = gql(owner, R"({ client(clientId: "orders-api") { clientSecret1Set clientSecret2Set } })");
    BOOST_TEST(!data(after)->getObject("client")->getValue<bool>("clientSecret1Set"));
    BOOST_TEST(data(after)->getObject("client")->getValue<bool>("clientSecret2Set"));
}

BOOST_AUTO_TEST_CASE(authorizations_jwt_bearers_and_scopes_round_trip) {
    gql(owner, kAddClient, idVar("orders-api"));
    gql(owner, R"(mutation { addClient(clientId: "worker", description: "Worker") { clientId } })");
    BOOST_TEST(errorCode(gql(owner, R"(mutation { authorize(subject: "worker", audience: "orders-api", authorizedScopes: ["admin"]) { success } })")) ==
               "BAD_USER_INPUT");
    const auto ok = gql(owner, R"(mutation { authorize(subject: "worker", audience: "orders-api", authorizedScopes: ["read"]) { success }
                                             authorizeAddScope(subject: "worker", audience: "orders-api", authorizedScope: "write") { success } })");
    BOOST_TEST(errorCode(ok).empty(), last.body);
    gql(owner, R"(mutation { addClientAvailableScope(clientId: "orders-api", availableScope: {scope: "admin"}) { success }
                             authorizeJwtBearer(clientId: "worker", jwksUrl: "https://ci.example/jwks", iss: "ci", sub: "deploy", aud: "authcore") { success } })");
    const auto seen = gql(owner, R"({ client(clientId: "orders-api") {
        availableScopes { scope }
        authorizationsAsAudience { id authorizationCreated authorizedScopes subject { clientId jwtBearer { iss sub aud jwksUrl } } }
      } })");
    BOOST_TEST_REQUIRE(errorCode(seen).empty(), last.body);
    const auto client = data(seen)->getObject("client");
    BOOST_TEST(client->getArray("availableScopes")->size() == 3u);
    const auto authz = client->getArray("authorizationsAsAudience")->getObject(0);
    BOOST_TEST(authz->getArray("authorizedScopes")->size() == 2u);
    const auto bearer = authz->getObject("subject")->getArray("jwtBearer")->getObject(0);
    BOOST_TEST(bearer->getValue<std::string>("sub") == "deploy");

    const auto byId = gql(member, "query($id: ID!) { authorization(id: $id) { audience { clientId } } }",
                          R"({"id":")" + authz->getValue<std::string>("id") + "\"}");
    BOOST_TEST(data(byId)->getObject("authorization")->getObject("audience")->getValue<std::string>("clientId") ==
               "orders-api");
    BOOST_TEST(errorCode(gql(outsider, "query($id: ID!) { authorization(id: $id) { id } }",
                             R"({"id":")" + authz->getValue<std::string>("id") + "\"}")) == "NOT_FOUND");

    gql(owner, R"(mutation { authorizeRemoveScope(subject: "worker", audience: "orders-api", authorizedScope: "write") { success } })");
    BOOST_TEST(context->db->authorizations().find("worker", "orders-api")->scopes.size() == 1u);
    const auto bearerId = context->clients->jwtBearers("worker").at(0).id;
    gql(owner, "mutation($id: String!) { deauthorizeJwtBearer(clientId: \"worker\", id: $id) { success } }",
        R"({"id":")" + bearerId + "\"}");
    BOOST_TEST(context->clients->jwtBearers("worker").empty());
    gql(owner, R"(mutation { deauthorize(subject: "worker", audience: "orders-api") { success } })");
    BOOST_TEST(!context->db->authorizations().find("worker", "orders-api").has_value());
    const auto deleted = gql(owner, R"(mutation { deleteClient(clientId: "worker") { success } })");
    BOOST_TEST(data(deleted)->getObject("deleteClient")->getValue<bool>("success"));
    BOOST_TEST(!context->db->clients().findById("worker").has_value());
}

BOOST_AUTO_TEST_CASE(the_other_end_of_an_authorization_shows_only_what_the_caller_may_see) {
    gql(owner, kAddClient, idVar("orders-api"));
    gql(root, R"(mutation { addClient(clientId: "foreign", description: "Someone else's") { clientId }
                            generateClientSecret1(clientId: "foreign") { clientSecret } })");
    gql(owner, R"(mutation { authorize(subject: "foreign", audience: "orders-api", authorizedScopes: ["read"]) { success } })");
    const auto seen = gql(member, R"({ client(clientId: "orders-api") {
        authorizationsAsAudience { subject { clientId description clientSecret1Set jwtBearer { id } managementPermissions { canDeleteClient } } } } })");
    BOOST_TEST_REQUIRE(errorCode(seen).empty(), last.body);
    const auto subject = data(seen)->getObject("client")->getArray("authorizationsAsAudience")->getObject(0)->getObject("subject");
    BOOST_TEST(subject->getValue<std::string>("clientId") == "foreign");
    BOOST_TEST(subject->isNull("clientSecret1Set"));
    BOOST_TEST(subject->isNull("jwtBearer"));
    BOOST_TEST(subject->isNull("managementPermissions"));
}

BOOST_AUTO_TEST_CASE(pages_go_forward_and_back_with_opaque_cursors) {
    for (const auto* id : {"c-1", "c-2", "c-3", "c-4", "c-5"})
        gql(owner, "mutation($id: String!) { addClient(clientId: $id, description: \"x\") { clientId } }", idVar(id));
    const char* page = R"(query($first: Int, $after: String, $last: Int, $before: String) {
        clients(first: $first, after: $after, last: $last, before: $before) {
          edges { node { clientId } cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } })";
    const auto first = data(gql(member, page, R"({"first":2})"))->getObject("clients");
    const auto edges = first->getArray("edges");
    BOOST_TEST_REQUIRE(edges->size() == 2u);
    BOOST_TEST(edges->getObject(0)->getObject("node")->getValue<std::string>("clientId") == "c-1");
    BOOST_TEST(first->getObject("pageInfo")->getValue<bool>("hasNextPage"));
    const auto end = first->getObject("pageInfo")->getValue<std::string>("endCursor");
    BOOST_TEST(end.find("c-2") == std::string::npos); // opaque, not the id itself
    const auto second = data(gql(member, page, R"({"first":2,"after":")" + end + "\"}"))->getObject("clients");
    BOOST_TEST(second->getArray("edges")->getObject(0)->getObject("node")->getValue<std::string>("clientId") == "c-3");
    BOOST_TEST(second->getObject("pageInfo")->getValue<bool>("hasPreviousPage"));
    const auto back = data(gql(member, page, R"({"last":2,"before":")" +
                                                   second->getObject("pageInfo")->getValue<std::string>("startCursor") + "\"}"))
                          ->getObject("clients");
    BOOST_TEST(back->getArray("edges")->getObject(1)->getObject("node")->getValue<std::string>("clientId") == "c-2");
    BOOST_TEST(!back->getObject("pageInfo")->getValue<bool>("hasPreviousPage"));
    // The member sees the organization's clients only, not the built-in console.
    const auto all = data(gql(member, page, R"({"first":100})"))->getObject("clients");
    BOOST_TEST(all->getArray("edges")->size() == 5u);
    BOOST_TEST(errorCode(gql(member, page, R"({"first":2,"after":"bm90LWEtY3Vyc29y"})")) == "BAD_USER_INPUT");
    BOOST_TEST(errorCode(gql(member, page, R"({"first":2,"last":2})")) == "BAD_USER_INPUT");
    BOOST_TEST(errorCode(gql(member, page, R"({"first":501})")) == "BAD_USER_INPUT");
}

BOOST_AUTO_TEST_CASE(an_admin_of_several_organizations_names_one) {
    const auto ownerUser = *context->db->users().findByEmail("owner@acme.test");
    context->organizations->create(Principal{ownerUser.id, ownerUser.email, false}, "globex", "Globex");
    BOOST_TEST(errorCode(gql(owner, kAddClient, idVar("where"))) == "BAD_USER_INPUT");
    const auto placed = gql(owner, kAddClient, idVar("globex-api"), {{"X-AuthCore-Organization", "globex"}});
    BOOST_TEST(errorCode(placed).empty(), last.body);
    BOOST_TEST(context->db->clients().findById("globex-api")->ownerOrganizationId ==
               context->db->organizations().findBySlug("globex")->id);
    // Naming an organization one does not administer is refused.
    BOOST_TEST(errorCode(gql(member, kAddClient, idVar("sneaky"), {{"X-AuthCore-Organization", "acme"}})) == "FORBIDDEN");
}

BOOST_AUTO_TEST_CASE(request_errors_have_no_data_and_limits_hold) {
    const auto syntax = gql(owner, "{ clients { ");
    BOOST_TEST(!syntax->has("data"));
    BOOST_TEST(syntax->getArray("errors")->size() > 0u);
    const auto unknown = gql(owner, "{ nope }");
    BOOST_TEST(!unknown->has("data"));
    std::string deep = "{ client(clientId: \"x\") { ";
    for (int i = 0; i < 10; ++i) deep += "authorizationsAsSubject { subject { ";
    deep += "clientId";
    for (int i = 0; i < 10; ++i) deep += " } }";
    deep += " } }";
    const auto tooDeep = gql(owner, deep);
    BOOST_TEST(!tooDeep->has("data"));
    BOOST_TEST(last.status == 200);
    const auto wrongType = test::httpRequest(port, "POST", "/graphql", "{ clients }", owner, "text/plain");
    BOOST_TEST(wrongType.status == 400);
}

BOOST_AUTO_TEST_CASE(explorer_page_is_served_self_contained) {
    const auto page = get("/graphql");
    BOOST_TEST(page.status == 200);
    BOOST_TEST(page.header("Content-Type").find("text/html") == 0u);
    BOOST_TEST(page.header("Content-Security-Policy").find("default-src 'none'") == 0u);
    BOOST_TEST(page.body.find("/graphql") != std::string::npos);
    BOOST_TEST(page.body.find("https://") == std::string::npos); // nothing from a CDN
}

BOOST_AUTO_TEST_SUITE_END()
