// SPDX-License-Identifier: Apache-2.0
// POST /auth/sso/exchange and /auth/sso/link/confirm over real HTTP: codes and
// link tokens come from SsoLoginService::login on a connection made through
// the REST API, as a protocol endpoint would get them.
#include "service_fixture.hpp"
#include "switchable_code_store.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::parseJson;

namespace {

const SystemClock kClock;

struct SsoLoginFixture : test::ServiceFixture {
    SsoLoginFixture() : test::ServiceFixture(std::make_unique<test::SwitchableCodeStore>(kClock)) {
        const auto created = expect(post(kOrg + "/sso/connections", R"({"name": "ADFS", "protocol": "saml",
            "domains": ["example.com"], "jit_provisioning": true,
            "idp_metadata_url": "https://adfs.example.com/FederationMetadata/2007-06/FederationMetadata.xml"})",
                                         ownerAuth), 201);
        connection = *context->db->ssoConnections().find(parseJson(created.body)->getValue<std::string>("id"));
    }
    SsoLoginOutcome login(const std::string& subject, const std::string& email) {
        SsoAssertion assertion;
        assertion.subject = subject;
        assertion.attributes["email"] = {email};
        return context->ssoLogin->login(connection, assertion);
    }
    test::HttpResult exchange(const std::string& code) {
        return post("/auth/sso/exchange", R"({"code": ")" + code + "\"}");
    }
    test::HttpResult confirm(const std::string& linkToken, const std::string& password) {
        return post("/auth/sso/link/confirm",
                    R"({"link_token": ")" + linkToken + R"(", "password": ")" + password + "\"}");
    }
    static std::string errorOf(const test::HttpResult& r) { return parseJson(r.body)->getValue<std::string>("error"); }
    test::SwitchableCodeStore& codeStore() { return dynamic_cast<test::SwitchableCodeStore&>(*context->codes); }

    SsoConnection connection;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_sso_login, SsoLoginFixture)

BOOST_AUTO_TEST_CASE(exchange_answers_console_tokens_that_work) {
    const auto outcome = login("newcomer-nameid", "newcomer@example.com");
    const auto r = exchange(outcome.code);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(r.header("Cache-Control") == "no-store");
    const auto body = parseJson(r.body);
    BOOST_TEST(body->getValue<std::string>("token_type") == "Bearer");
    BOOST_TEST(body->getValue<int>("expires_in") > 0);
    const auto access = body->getValue<std::string>("access_token");
    const auto refresh = body->getValue<std::string>("refresh_token");

    const auto me = get("/api/v1/me", {{"Authorization", "Bearer " + access}});
    BOOST_TEST_REQUIRE(me.status == 200, me.body);
    BOOST_TEST(parseJson(me.body)->getObject("user")->getValue<std::string>("email") == "newcomer@example.com");

    const auto refreshed = test::httpRequest(port, "POST", "/v1/token",
                                             "grant_type=refresh_token&client_id=authcore-console&refresh_token=" +
                                                 refresh,
                                             {}, "application/x-www-form-urlencoded");
    BOOST_TEST_REQUIRE(refreshed.status == 200, refreshed.body);
    BOOST_TEST(parseJson(refreshed.body)->has("refresh_token"));
}

BOOST_AUTO_TEST_CASE(second_exchange_of_a_code_is_400) {
    const auto code = login("newcomer-nameid", "newcomer@example.com").code;
    BOOST_TEST(exchange(code).status == 200);
    const auto again = exchange(code);
    BOOST_TEST(again.status == 400);
    BOOST_TEST(errorOf(again) == "invalid_request");
    BOOST_TEST(exchange("never-issued").status == 400);
    BOOST_TEST(post("/auth/sso/exchange", "{}").status == 400);
}

BOOST_AUTO_TEST_CASE(twenty_first_exchange_from_one_ip_is_429) {
    for (int i = 0; i < 20; ++i) BOOST_TEST(exchange("guess-" + std::to_string(i)).status == 400);
    const auto limited = exchange(login("newcomer-nameid", "newcomer@example.com").code);
    BOOST_TEST(limited.status == 429);
    BOOST_TEST(errorOf(limited) == "rate_limited");
    BOOST_TEST(!limited.header("Retry-After").empty());
}

BOOST_AUTO_TEST_CASE(link_confirm_answers_401_404_then_200) {
    const auto outcome = login("owner-nameid", "owner@example.com"); // a password user: linking first
    BOOST_TEST_REQUIRE(!outcome.linkToken.empty());
    const auto wrong = confirm(outcome.linkToken, "not-the-password");
    BOOST_TEST(wrong.status == 401);
    BOOST_TEST(errorOf(wrong) == "unauthenticated");
    BOOST_TEST(wrong.header("Cache-Control") == "no-store");
    const auto unknown = confirm("made-up-token", "owner-password");
    BOOST_TEST(unknown.status == 404);
    BOOST_TEST(errorOf(unknown) == "not_found");

    const auto right = confirm(outcome.linkToken, "owner-password");
    BOOST_TEST_REQUIRE(right.status == 200, right.body);
    BOOST_TEST(right.header("Cache-Control") == "no-store");
    BOOST_TEST(exchange(parseJson(right.body)->getValue<std::string>("code")).status == 200);
    BOOST_TEST(confirm(outcome.linkToken, "owner-password").status == 404); // used
    BOOST_TEST(post("/auth/sso/link/confirm", R"({"link_token": "x"})").status == 400);
}

BOOST_AUTO_TEST_CASE(link_token_is_burnt_by_five_wrong_passwords) {
    const auto token = login("owner-nameid", "owner@example.com").linkToken;
    for (int i = 0; i < 5; ++i) BOOST_TEST(confirm(token, "not-the-password").status == 401);
    BOOST_TEST(confirm(token, "owner-password").status == 404);
}

BOOST_AUTO_TEST_CASE(code_store_unavailable_is_503_on_both_routes) {
    const auto code = login("newcomer-nameid", "newcomer@example.com").code;
    const auto token = login("owner-nameid", "owner@example.com").linkToken;
    codeStore().unavailable = true;
    const auto exchanged = exchange(code);
    BOOST_TEST(exchanged.status == 503);
    BOOST_TEST(errorOf(exchanged) == "store_unavailable");
    const auto confirmed = confirm(token, "owner-password");
    BOOST_TEST(confirmed.status == 503);
    BOOST_TEST(errorOf(confirmed) == "store_unavailable");
    codeStore().unavailable = false; // recovers without a restart; nothing was spent
    BOOST_TEST(exchange(code).status == 200);
    BOOST_TEST(confirm(token, "owner-password").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
