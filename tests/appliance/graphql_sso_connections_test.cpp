// SPDX-License-Identifier: Apache-2.0
// GraphQL: Query.ssoConnection, Organization.ssoConnections and the SSO
// connection mutations, through the same SsoConnectionService as REST.
#include "graphql_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::GraphqlFixture;

namespace {

const char* kCreate = R"(mutation($input: SsoConnectionInput!) {
  createSsoConnection(orgSlug: "acme", input: $input) {
    id name slug protocol status domains jitProvisioning defaultRole attributeMapping { field attribute }
    createdAt updatedAt } })";

const std::string kOidcInput = R"({"input": {"name": "Okta", "protocol": "OIDC", "domains": ["Acme.test"],
  "defaultRole": "ADMIN", "jitProvisioning": true,
  "attributeMapping": [{"field": "groups", "attribute": "grp"}, {"field": "email", "attribute": "mail"}],
  "issuerUrl": "https://acme.okta.com", "clientId": "client-1", "clientSecret": "graphql-secret-never-returned"}})";

struct SsoGraphqlFixture : GraphqlFixture {
    Poco::JSON::Object::Ptr createOidc() {
        const auto r = gql(owner, kCreate, kOidcInput);
        if (!errorCode(r).empty()) throw std::runtime_error(last.body);
        return data(r)->getObject("createSsoConnection");
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_graphql_sso_connections, SsoGraphqlFixture)

BOOST_AUTO_TEST_CASE(create_then_read_through_the_organization_and_by_id) {
    const auto created = createOidc();
    BOOST_TEST(created->getValue<std::string>("slug") == "okta");
    BOOST_TEST(created->getValue<std::string>("protocol") == "OIDC");
    BOOST_TEST(created->getValue<std::string>("status") == "active");
    BOOST_TEST(created->getValue<std::string>("defaultRole") == "ADMIN");
    BOOST_TEST(created->getArray("domains")->getElement<std::string>(0) == "acme.test");
    BOOST_TEST(created->getArray("attributeMapping")->getObject(0)->getValue<std::string>("field") == "groups");
    BOOST_TEST(last.body.find("graphql-secret-never-returned") == std::string::npos);
    const auto id = created->getValue<std::string>("id");
    const auto listed = gql(owner, R"({ organization(slug: "acme") { ssoConnections { id name } } })");
    BOOST_TEST_REQUIRE(errorCode(listed).empty(), last.body);
    const auto list = data(listed)->getObject("organization")->getArray("ssoConnections");
    BOOST_TEST_REQUIRE(list->size() == 1u);
    BOOST_TEST(list->getObject(0)->getValue<std::string>("id") == id);
    const auto one = gql(owner, R"(query($id: ID!) { ssoConnection(orgSlug: "acme", id: $id) { name jitProvisioning } })",
                         R"({"id": ")" + id + R"("})");
    BOOST_TEST_REQUIRE(errorCode(one).empty(), last.body);
    BOOST_TEST(data(one)->getObject("ssoConnection")->getValue<bool>("jitProvisioning"));
}

BOOST_AUTO_TEST_CASE(update_and_delete) {
    const auto id = createOidc()->getValue<std::string>("id");
    const auto updated = gql(owner, R"(mutation($id: ID!) { updateSsoConnection(orgSlug: "acme", id: $id,
        input: {name: "Okta EU", status: "inactive", domains: ["eu.acme.test"], defaultRole: MEMBER}) {
        name status domains defaultRole } })", R"({"id": ")" + id + R"("})");
    BOOST_TEST_REQUIRE(errorCode(updated).empty(), last.body);
    const auto u = data(updated)->getObject("updateSsoConnection");
    BOOST_TEST(u->getValue<std::string>("name") == "Okta EU");
    BOOST_TEST(u->getValue<std::string>("status") == "inactive");
    BOOST_TEST(u->getValue<std::string>("defaultRole") == "MEMBER");
    const auto deleted = gql(owner, R"(mutation($id: ID!) { deleteSsoConnection(orgSlug: "acme", id: $id) { success } })",
                             R"({"id": ")" + id + R"("})");
    BOOST_TEST_REQUIRE(errorCode(deleted).empty(), last.body);
    BOOST_TEST(data(deleted)->getObject("deleteSsoConnection")->getValue<bool>("success"));
    const auto gone = gql(owner, R"(query($id: ID!) { ssoConnection(orgSlug: "acme", id: $id) { id } })",
                          R"({"id": ")" + id + R"("})");
    BOOST_TEST(errorCode(gone) == "NOT_FOUND");
}

BOOST_AUTO_TEST_CASE(roles_and_validation_errors) {
    BOOST_TEST(errorCode(gql(member, kCreate, kOidcInput)) == "FORBIDDEN");
    BOOST_TEST(errorCode(gql(outsider, kCreate, kOidcInput)) == "NOT_FOUND");
    BOOST_TEST(errorCode(gql(member, R"({ organization(slug: "acme") { ssoConnections { id } } })")) == "FORBIDDEN");
    auto owned = kOidcInput;
    owned.replace(owned.find("\"ADMIN\""), 7, "\"OWNER\"");
    const auto refused = gql(owner, kCreate, owned);
    BOOST_TEST(errorCode(refused) == "BAD_USER_INPUT");
    BOOST_TEST(last.body.find("default_role") != std::string::npos, last.body);
    createOidc();
    BOOST_TEST(errorCode(gql(owner, kCreate, kOidcInput)) == "BAD_USER_INPUT"); // acme.test is taken: Conflict
    BOOST_TEST(errorCode(gql(root, R"({ organization(slug: "acme") { ssoConnections { id } } })")).empty());
}

BOOST_AUTO_TEST_CASE(connection_options_are_written_and_read) {
    auto input = kOidcInput;
    input.replace(input.find("\"clientSecret\""), 0,
                  R"("sessionLifetimeSeconds": 3600, "scopes": "openid email", "tokenAuthMethod": "client_secret_post", )");
    const auto created = gql(owner, R"(mutation($input: SsoConnectionInput!) {
      createSsoConnection(orgSlug: "acme", input: $input) { id sessionLifetimeSeconds scopes tokenAuthMethod ldapTimeoutMs } })",
                             input);
    BOOST_TEST_REQUIRE(errorCode(created).empty(), last.body);
    const auto c = data(created)->getObject("createSsoConnection");
    BOOST_TEST(c->getValue<int>("sessionLifetimeSeconds") == 3600);
    BOOST_TEST(c->getValue<std::string>("scopes") == "openid email");
    BOOST_TEST(c->getValue<std::string>("tokenAuthMethod") == "client_secret_post");
    BOOST_TEST(c->isNull("ldapTimeoutMs"));
    const auto vars = R"({"id": ")" + c->getValue<std::string>("id") + R"("})";
    const auto updated = gql(owner, R"(mutation($id: ID!) { updateSsoConnection(orgSlug: "acme", id: $id,
        input: {sessionLifetimeSeconds: 86400, scopes: "openid groups", tokenAuthMethod: "client_secret_basic"}) {
        sessionLifetimeSeconds scopes tokenAuthMethod } })", vars);
    BOOST_TEST_REQUIRE(errorCode(updated).empty(), last.body);
    const auto u = data(updated)->getObject("updateSsoConnection");
    BOOST_TEST(u->getValue<int>("sessionLifetimeSeconds") == 86400);
    BOOST_TEST(u->getValue<std::string>("scopes") == "openid groups");
    BOOST_TEST(u->getValue<std::string>("tokenAuthMethod") == "client_secret_basic");
    const auto tooShort = gql(owner, R"(mutation($id: ID!) { updateSsoConnection(orgSlug: "acme", id: $id,
        input: {sessionLifetimeSeconds: 299}) { id } })", vars);
    BOOST_TEST(errorCode(tooShort) == "BAD_USER_INPUT");
    BOOST_TEST(last.body.find("session_lifetime_seconds") != std::string::npos, last.body);
    const auto wrongProtocol = gql(owner, R"(mutation($id: ID!) { updateSsoConnection(orgSlug: "acme", id: $id,
        input: {ldapTimeoutMs: 1000}) { id } })", vars);
    BOOST_TEST(errorCode(wrongProtocol) == "BAD_USER_INPUT");
    const auto kept = gql(owner, R"(query($id: ID!) { ssoConnection(orgSlug: "acme", id: $id) { sessionLifetimeSeconds } })",
                          vars);
    BOOST_TEST(data(kept)->getObject("ssoConnection")->getValue<int>("sessionLifetimeSeconds") == 86400);
}

BOOST_AUTO_TEST_SUITE_END()
