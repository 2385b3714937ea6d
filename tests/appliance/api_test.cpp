// SPDX-License-Identifier: Apache-2.0
// The management REST API over real HTTP: login, /me, organizations, members, errors.
#include "appliance_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::parseJson;

namespace {

struct ApiFixture : test::ApplianceFixture {
    ApiFixture() {
        alice = createUser("alice@example.com", "alice-password");
        bob = createUser("bob@example.com", "bob-password");
        aliceAuth = loginHeaders("alice@example.com", "alice-password");
    }
    User alice, bob;
    std::map<std::string, std::string> aliceAuth;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_api, ApiFixture)

BOOST_AUTO_TEST_CASE(login_returns_a_bearer_token_with_no_store) {
    auto r = post("/api/v1/auth/login", R"({"email":"alice@example.com","password":"alice-password"})");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.header("Cache-Control") == "no-store");
    auto body = parseJson(r.body);
    BOOST_TEST(body->getValue<std::string>("token_type") == "Bearer");
    BOOST_TEST(body->getValue<int>("expires_in") == 3600);
}

BOOST_AUTO_TEST_CASE(bad_credentials_get_401_and_no_token) {
    auto r = post("/api/v1/auth/login", R"({"email":"alice@example.com","password":"wrong-password"})");
    BOOST_TEST(r.status == 401);
    BOOST_TEST(parseJson(r.body)->getValue<std::string>("error") == "unauthenticated");
    BOOST_TEST(r.body.find("access_token") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(me_returns_user_and_memberships_without_password_hash) {
    post("/api/v1/organizations", R"({"slug":"acme","name":"Acme"})", aliceAuth);
    auto r = get("/api/v1/me", aliceAuth);
    BOOST_TEST(r.status == 200);
    auto body = parseJson(r.body);
    BOOST_TEST(body->getObject("user")->getValue<std::string>("email") == "alice@example.com");
    auto memberships = body->getArray("memberships");
    BOOST_REQUIRE(memberships->size() == 1u);
    BOOST_TEST(memberships->getObject(0)->getValue<std::string>("role") == "owner");
    BOOST_TEST(r.body.find("argon2") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(management_calls_without_or_with_bad_token_get_401) {
    BOOST_TEST(get("/api/v1/me").status == 401);
    auto r = get("/api/v1/me", {{"Authorization", "Bearer not.a.jwt"}});
    BOOST_TEST(r.status == 401);
    BOOST_TEST(r.header("WWW-Authenticate") == "Bearer");
}

BOOST_AUTO_TEST_CASE(token_for_another_audience_cannot_manage) {
    const auto token = context->tokens->issue(AccessTokenRequest{alice.id, "orders-api", "orders-api", "", "", {}});
    BOOST_TEST(get("/api/v1/me", {{"Authorization", "Bearer " + token.token}}).status == 401);
}

BOOST_AUTO_TEST_CASE(organization_lifecycle_with_members) {
    auto created = post("/api/v1/organizations", R"({"slug":"acme","name":"Acme Corp"})", aliceAuth);
    BOOST_TEST(created.status == 201);
    BOOST_TEST(parseJson(created.body)->getValue<std::string>("id").rfind("org_", 0) == 0);
    BOOST_TEST(get("/api/v1/organizations/acme", aliceAuth).status == 200);

    auto added = post("/api/v1/organizations/acme/members", R"({"email":"bob@example.com","role":"member"})", aliceAuth);
    BOOST_TEST(added.status == 201);
    auto bobAuth = loginHeaders("bob@example.com", "bob-password");
    BOOST_TEST(get("/api/v1/organizations/acme", bobAuth).status == 200);
    BOOST_TEST(get("/api/v1/organizations/acme/members", bobAuth).status == 403);

    auto patched = test::httpRequest(port, "PATCH", "/api/v1/organizations/acme/members/" + bob.id,
                                     R"({"role":"admin"})", aliceAuth);
    BOOST_TEST(patched.status == 200);
    BOOST_TEST(parseJson(patched.body)->getValue<std::string>("role") == "admin");
    auto members = parseJson(get("/api/v1/organizations/acme/members", bobAuth).body)->getArray("members");
    BOOST_TEST(members->size() == 2u);

    auto removed = test::httpRequest(port, "DELETE", "/api/v1/organizations/acme/members/" + bob.id, "", aliceAuth);
    BOOST_TEST(removed.status == 204);
    BOOST_TEST(get("/api/v1/organizations/acme", bobAuth).status == 404);
}

BOOST_AUTO_TEST_CASE(duplicate_slug_is_409_and_nothing_changes) {
    BOOST_TEST(post("/api/v1/organizations", R"({"slug":"acme","name":"Acme"})", aliceAuth).status == 201);
    auto again = post("/api/v1/organizations", R"({"slug":"acme","name":"Other"})", aliceAuth);
    BOOST_TEST(again.status == 409);
    BOOST_TEST(parseJson(again.body)->getValue<std::string>("error") == "conflict");
    BOOST_TEST(parseJson(get("/api/v1/organizations/acme", aliceAuth).body)->getValue<std::string>("name") == "Acme");
}

BOOST_AUTO_TEST_CASE(malformed_json_is_400_and_missing_field_names_it) {
    auto r = post("/api/v1/organizations", "{not json", aliceAuth);
    BOOST_TEST(r.status == 400);
    BOOST_TEST(parseJson(r.body)->getValue<std::string>("error") == "invalid_request");
    auto missing = post("/api/v1/organizations", R"({"name":"x"})", aliceAuth);
    BOOST_TEST(missing.status == 400);
    BOOST_TEST(missing.body.find("slug") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(body_over_one_mebibyte_is_413_and_nothing_is_written) {
    const std::string huge = R"({"slug":"big","name":")" + std::string(1024 * 1024 + 10, 'a') + "\"}";
    auto r = post("/api/v1/organizations", huge, aliceAuth);
    BOOST_TEST(r.status == 413);
    BOOST_TEST(get("/api/v1/organizations/big", aliceAuth).status == 404);
}

BOOST_AUTO_TEST_CASE(oversized_headers_are_refused) {
    auto r = get("/healthz", {{"X-Padding", std::string(8000, 'x')}, {"X-More", std::string(1000, 'y')}});
    BOOST_TEST(r.status == 431);
}

BOOST_AUTO_TEST_CASE(unknown_route_is_404_json_and_wrong_method_405) {
    auto r = get("/api/v1/nothing-here");
    BOOST_TEST(r.status == 404);
    BOOST_TEST(parseJson(r.body)->getValue<std::string>("error") == "not_found");
    BOOST_TEST(test::httpRequest(port, "DELETE", "/healthz").status == 405);
}

BOOST_AUTO_TEST_CASE(login_is_rate_limited_per_ip_with_retry_after) {
    int limited = 0;
    std::string retryAfter;
    for (int i = 0; i < 25 && !limited; ++i) {
        auto r = post("/api/v1/auth/login", R"({"email":"nobody)" + std::to_string(i) + R"(@example.com","password":"x-password"})");
        if (r.status == 429) {
            limited = i;
            retryAfter = r.header("Retry-After");
        }
    }
    BOOST_TEST(limited == 19);
    BOOST_TEST(!retryAfter.empty());
    BOOST_TEST(parseJson(post("/api/v1/auth/login", R"({"email":"alice@example.com","password":"alice-password"})").body)
                   ->getValue<std::string>("error") == "rate_limited");
}

BOOST_AUTO_TEST_SUITE_END()
