// SPDX-License-Identifier: Apache-2.0
// SSO enforcement and SSO sessions over real HTTP: password login refused with
// 403 sso_required on REST and on /login, exempt roles and API keys unaffected;
// sessions (made by SsoLoginService::login on a connection created through
// REST, as a protocol endpoint would) listed and revoked over REST and GraphQL.
#include "service_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <sstream>
#include <thread>

using namespace authcore;
using test::parseJson;

namespace {

struct PolicyFixture : test::ServiceFixture {
    PolicyFixture() {
        const auto created = expect(post(kOrg + "/sso/connections", R"({"name": "ADFS", "protocol": "saml",
            "domains": ["example.com"], "jit_provisioning": true,
            "idp_metadata_url": "https://adfs.example.com/FederationMetadata/2007-06/FederationMetadata.xml"})",
                                         ownerAuth), 201);
        connection = *context->db->ssoConnections().find(parseJson(created.body)->getValue<std::string>("id"));
    }
    test::HttpResult put(const std::string& target, const std::string& body, const test::Headers& headers) {
        return test::httpRequest(port, "PUT", target, body, headers);
    }
    test::HttpResult enforce(const std::string& body, const test::Headers& who) {
        return put(kOrg + "/sso/enforcement", body, who);
    }
    test::HttpResult passwordLogin(const std::string& email, const std::string& password) {
        return post("/api/v1/auth/login", R"({"email":")" + email + R"(","password":")" + password + "\"}");
    }
    test::HttpResult formLogin(const std::string& email, const std::string& password) {
        return test::httpRequest(port, "POST", "/login", "email=" + email + "&password=" + password, {},
                                 "application/x-www-form-urlencoded");
    }
    /// An SSO session of a new user and its refresh token, through /auth/sso/exchange.
    std::pair<std::string, std::string> ssoSession(const std::string& subject, const std::string& email) {
        SsoAssertion assertion;
        assertion.subject = subject;
        assertion.attributes["email"] = {email};
        const auto outcome = context->ssoLogin->login(connection, assertion);
        const auto r = expect(post("/auth/sso/exchange", R"({"code": ")" + outcome.code + "\"}"), 200);
        return {outcome.sessionId, parseJson(r.body)->getValue<std::string>("refresh_token")};
    }
    test::HttpResult refresh(const std::string& token) {
        return test::httpRequest(port, "POST", "/v1/token",
                                 "grant_type=refresh_token&client_id=authcore-console&refresh_token=" + token, {},
                                 "application/x-www-form-urlencoded");
    }
    Poco::JSON::Object::Ptr gql(const test::Headers& who, const std::string& query) {
        Poco::JSON::Object body;
        body.set("query", query);
        std::ostringstream text;
        body.stringify(text);
        return parseJson(post("/graphql", text.str(), who).body);
    }
    static std::string errorOf(const test::HttpResult& r) { return parseJson(r.body)->getValue<std::string>("error"); }

    SsoConnection connection;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_sso_policy, PolicyFixture)

BOOST_AUTO_TEST_CASE(enforcement_defaults_off_and_round_trips) {
    auto r = get(kOrg + "/sso/enforcement", adminAuth);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(r.header("Cache-Control") == "no-store");
    BOOST_TEST(r.body == R"({"enforced":false,"exempt_roles":[]})");
    r = enforce(R"({"enforced": true, "exempt_roles": ["owner"]})", ownerAuth);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(r.body == R"({"enforced":true,"exempt_roles":["owner"]})");
    BOOST_TEST(get(kOrg + "/sso/enforcement", ownerAuth).body == r.body);
}

BOOST_AUTO_TEST_CASE(bad_bodies_are_400_and_change_nothing) {
    for (const auto* body : {R"({"exempt_roles": ["owner"]})", R"({"enforced": "yes"})",
                             R"({"enforced": true, "exempt_roles": ["superuser"]})",
                             R"({"enforced": true, "exempt_roles": ["owner", "owner"]})"}) {
        const auto r = enforce(body, ownerAuth);
        BOOST_TEST(r.status == 400, body);
        BOOST_TEST(errorOf(r) == "invalid_request");
    }
    BOOST_TEST(get(kOrg + "/sso/enforcement", ownerAuth).body == R"({"enforced":false,"exempt_roles":[]})");
}

BOOST_AUTO_TEST_CASE(enforced_member_password_login_is_403_sso_required_until_lifted) {
    expect(enforce(R"({"enforced": true, "exempt_roles": ["owner"]})", ownerAuth), 200);
    const auto refused = passwordLogin("member@example.com", "member-password");
    BOOST_TEST(refused.status == 403);
    BOOST_TEST(errorOf(refused) == "sso_required");
    BOOST_TEST(passwordLogin("admin@example.com", "admin-password").status == 403);
    // A wrong password still learns nothing about the policy.
    BOOST_TEST(passwordLogin("member@example.com", "wrong-password").status == 401);
    BOOST_TEST(passwordLogin("owner@example.com", "owner-password").status == 200);
    BOOST_TEST(passwordLogin("root@example.com", "root-password").status == 200); // system admin
    BOOST_TEST(passwordLogin("outsider@example.com", "outsider-password").status == 200);

    expect(enforce(R"({"enforced": false})", ownerAuth), 200);
    BOOST_TEST(passwordLogin("member@example.com", "member-password").status == 200);
}

BOOST_AUTO_TEST_CASE(enforced_browser_login_is_403_with_the_form_and_message) {
    expect(enforce(R"({"enforced": true, "exempt_roles": ["owner"]})", ownerAuth), 200);
    const auto refused = formLogin("member%40example.com", "member-password");
    BOOST_TEST(refused.status == 403);
    BOOST_TEST(refused.header("Set-Cookie").empty());
    BOOST_TEST(refused.body.find("<form") != std::string::npos);
    BOOST_TEST(refused.body.find("single sign-on") != std::string::npos);
    BOOST_TEST(formLogin("owner%40example.com", "owner-password").status == 302);
    expect(enforce(R"({"enforced": false})", ownerAuth), 200);
    BOOST_TEST(formLogin("member%40example.com", "member-password").status == 302);
}

BOOST_AUTO_TEST_CASE(api_keys_keep_working_while_enforced) {
    createService("web");
    const auto key = createKey("web", R"(["read:service"])")->getValue<std::string>("key");
    expect(enforce(R"({"enforced": true})", ownerAuth), 200);
    BOOST_TEST(get(kOrg + "/services/web", {{"X-API-Key", key}}).status == 200);
}

BOOST_AUTO_TEST_CASE(sessions_are_listed_newest_first_over_rest_and_graphql) {
    const auto first = ssoSession("ann-nameid", "ann@example.com").first;
    std::this_thread::sleep_for(std::chrono::milliseconds(1100)); // created_at has second precision
    const auto second = ssoSession("bob-nameid", "bob@example.com").first;
    const auto r = get(kOrg + "/sso/sessions", adminAuth);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(r.header("Cache-Control") == "no-store");
    const auto sessions = parseJson(r.body)->getArray("sessions");
    BOOST_TEST_REQUIRE(sessions->size() == 2u);
    const auto newest = sessions->getObject(0);
    BOOST_TEST(newest->getValue<std::string>("id") == second);
    BOOST_TEST(newest->getValue<std::string>("email") == "bob@example.com");
    BOOST_TEST(newest->getValue<std::string>("connection_id") == connection.id);
    BOOST_TEST(newest->getValue<std::string>("connection_name") == "ADFS");
    BOOST_TEST(newest->has("created_at"));
    BOOST_TEST(newest->has("expires_at"));
    BOOST_TEST(sessions->getObject(1)->getValue<std::string>("id") == first);

    const auto g = gql(ownerAuth, R"({ organization(slug: "acme") { ssoEnforcement { enforced exemptRoles }
        ssoSessions { id email connectionId connectionName createdAt expiresAt } } })");
    BOOST_TEST_REQUIRE(!g->has("errors"));
    const auto org = g->getObject("data")->getObject("organization");
    BOOST_TEST(!org->getObject("ssoEnforcement")->getValue<bool>("enforced"));
    const auto listed = org->getArray("ssoSessions");
    BOOST_TEST_REQUIRE(listed->size() == 2u);
    BOOST_TEST(listed->getObject(0)->getValue<std::string>("id") == second);
    BOOST_TEST(listed->getObject(0)->getValue<std::string>("connectionName") == "ADFS");
}

BOOST_AUTO_TEST_CASE(rest_revocation_refuses_the_refresh_token_at_once) {
    const auto [id, token] = ssoSession("cat-nameid", "cat@example.com");
    const auto r = del(kOrg + "/sso/sessions/" + id, ownerAuth);
    BOOST_TEST(r.status == 204);
    BOOST_TEST(r.header("Cache-Control") == "no-store");
    const auto refused = refresh(token);
    BOOST_TEST(refused.status == 400);
    BOOST_TEST(errorOf(refused) == "invalid_grant");
    BOOST_TEST(parseJson(get(kOrg + "/sso/sessions", ownerAuth).body)->getArray("sessions")->size() == 0u);
    BOOST_TEST(del(kOrg + "/sso/sessions/" + id, ownerAuth).status == 404);
}

BOOST_AUTO_TEST_CASE(graphql_mutations_set_enforcement_and_revoke) {
    const auto [id, token] = ssoSession("dan-nameid", "dan@example.com");
    auto g = gql(adminAuth, R"(mutation { setSsoEnforcement(orgSlug: "acme", enforced: true, exemptRoles: [OWNER, ADMIN])
        { enforced exemptRoles } })");
    BOOST_TEST_REQUIRE(!g->has("errors"));
    const auto set = g->getObject("data")->getObject("setSsoEnforcement");
    BOOST_TEST(set->getValue<bool>("enforced"));
    BOOST_TEST(set->getArray("exemptRoles")->size() == 2u);
    BOOST_TEST(get(kOrg + "/sso/enforcement", ownerAuth).body == R"({"enforced":true,"exempt_roles":["owner","admin"]})");

    g = gql(adminAuth, R"(mutation { revokeSsoSession(orgSlug: "acme", id: ")" + id + R"(") { success } })");
    BOOST_TEST_REQUIRE(!g->has("errors"));
    BOOST_TEST(g->getObject("data")->getObject("revokeSsoSession")->getValue<bool>("success"));
    BOOST_TEST(refresh(token).status == 400);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(appliance_security_sso_policy, PolicyFixture)

BOOST_AUTO_TEST_CASE(member_is_403_and_outsider_404_on_every_route) {
    const auto id = ssoSession("eve-nameid", "eve@example.com").first;
    for (const auto& [who, status] : {std::pair{memberAuth, 403}, std::pair{outsiderAuth, 404}}) {
        BOOST_TEST(get(kOrg + "/sso/enforcement", who).status == status);
        BOOST_TEST(enforce(R"({"enforced": true})", who).status == status);
        BOOST_TEST(get(kOrg + "/sso/sessions", who).status == status);
        BOOST_TEST(del(kOrg + "/sso/sessions/" + id, who).status == status);
    }
    BOOST_TEST(get(kOrg + "/sso/enforcement", {}).status == 401);
    BOOST_TEST(get(kOrg + "/sso/enforcement", ownerAuth).body == R"({"enforced":false,"exempt_roles":[]})");
    BOOST_TEST(context->db->ssoSessions().find(id).has_value());
}

BOOST_AUTO_TEST_CASE(another_organizations_session_is_404_and_survives) {
    const auto [id, token] = ssoSession("fay-nameid", "fay@example.com");
    expect(post("/api/v1/organizations", R"({"slug":"globex","name":"Globex"})", outsiderAuth), 201);
    const auto r = del("/api/v1/organizations/globex/sso/sessions/" + id, outsiderAuth);
    BOOST_TEST(r.status == 404);
    BOOST_TEST(errorOf(r) == "not_found");
    const auto g = gql(outsiderAuth, R"(mutation { revokeSsoSession(orgSlug: "globex", id: ")" + id +
                                         R"(") { success } })");
    BOOST_TEST(g->getArray("errors")->getObject(0)->getObject("extensions")->getValue<std::string>("code") ==
               "NOT_FOUND");
    BOOST_TEST(refresh(token).status == 200);
}

BOOST_AUTO_TEST_CASE(api_key_cannot_manage_the_policy) {
    createService("web");
    const auto key = createKey("web", R"(["read:service"])")->getValue<std::string>("key");
    BOOST_TEST(get(kOrg + "/sso/enforcement", {{"X-API-Key", key}}).status == 403);
    BOOST_TEST(enforce(R"({"enforced": true})", {{"X-API-Key", key}}).status == 403);
}

BOOST_AUTO_TEST_SUITE_END()
