// SPDX-License-Identifier: Apache-2.0
// LDAP SSO over real HTTP against a private slapd: the browser login and its
// code, JIT users from the directory, group mapping, the API callback, the
// connection test, and the refusals (one generic 401, 429, 404, 502).
#include "sso_ldap_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>

using namespace authcore;
using test::kRefusedBody;
using test::LdapFixture;
using test::parseJson;

BOOST_FIXTURE_TEST_SUITE(appliance_sso_ldap, LdapFixture)

BOOST_AUTO_TEST_CASE(login_answers_a_code_whose_token_works_and_provisions_the_user) {
    const auto r = login("alice", "alice-pw");
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(r.header("Cache-Control") == "no-store");
    const auto code = parseJson(r.body)->getValue<std::string>("code");
    const auto exchanged = post("/auth/sso/exchange", R"({"code": ")" + code + "\"}");
    BOOST_TEST_REQUIRE(exchanged.status == 200, exchanged.body);
    const auto access = parseJson(exchanged.body)->getValue<std::string>("access_token");
    const auto me = get("/api/v1/me", {{"Authorization", "Bearer " + access}});
    BOOST_TEST_REQUIRE(me.status == 200, me.body);
    const auto user = parseJson(me.body)->getObject("user");
    BOOST_TEST(user->getValue<std::string>("email") == "alice@example.org");
    BOOST_TEST(user->getValue<std::string>("name") == "Display alice");
    BOOST_TEST(activeSessions() == 1u);
}

BOOST_AUTO_TEST_CASE(the_login_by_mail_address_is_the_same_user) {
    accessToken("alice", "alice-pw");
    const auto users = context->db->users().count();
    accessToken("alice@example.org", "alice-pw");
    BOOST_TEST(context->db->users().count() == users);
}

BOOST_AUTO_TEST_CASE(refusals_are_one_401_and_write_nothing) {
    const auto users = context->db->users().count();
    const auto wrong = login("bob", "not-bobs");
    const auto unknown = login("nobody", "whatever");
    const auto empty = login("bob", "");
    const auto missing = post("/auth/sso/dir/ldap/login", R"({"username": "bob"})");
    for (const auto* r : {&wrong, &unknown, &empty, &missing}) {
        BOOST_TEST(r->status == 401, r->body);
        BOOST_TEST(r->header("Cache-Control") == "no-store");
        BOOST_TEST(message(*r) == kRefusedBody);
    }
    BOOST_TEST(wrong.body == unknown.body);
    BOOST_TEST(context->db->users().count() == users);
    BOOST_TEST(!context->db->users().findByEmail("bob@example.org"));
    BOOST_TEST(activeSessions() == 0u);
}

BOOST_AUTO_TEST_CASE(the_empty_password_never_reaches_the_directory) {
    const auto before = test::countOccurrences(directory.log(), " BIND ");
    BOOST_TEST(login("alice", "").status == 401);
    BOOST_TEST(test::countOccurrences(directory.log(), " BIND ") == before);
}

BOOST_AUTO_TEST_CASE(filter_metacharacters_are_data) {
    BOOST_TEST(login("*", "alice-pw").status == 401);
    BOOST_TEST(login("admin)(uid=*", "admin-pw").status == 401);
    BOOST_TEST(login("*)(|(uid=*", "x").status == 401);
    const auto jo = login(test::kJoUid, "jo-pw");
    BOOST_TEST_REQUIRE(jo.status == 200, jo.body);
    BOOST_TEST(context->db->users().findByEmail("jo@example.org").has_value());
}

BOOST_AUTO_TEST_CASE(the_eleventh_attempt_in_a_minute_is_429) {
    for (int i = 0; i < 10; ++i) BOOST_TEST(login("bob", "wrong-" + std::to_string(i)).status == 401);
    const auto limited = login("bob", "bob-pw");
    BOOST_TEST(limited.status == 429, limited.body);
    BOOST_TEST(!limited.header("Retry-After").empty());
    BOOST_TEST(!context->db->users().findByEmail("bob@example.org"));
}

BOOST_AUTO_TEST_CASE(unknown_inactive_and_other_protocol_slugs_are_the_same_404) {
    const auto unknown = login("alice", "alice-pw", "no-such-slug");
    BOOST_TEST(unknown.status == 404);
    expect(post(kOrg + "/sso/connections", R"({"name": "ADFS", "protocol": "saml", "slug": "adfs",
        "idp_metadata_url": "https://adfs.example.net/metadata.xml"})", ownerAuth), 201);
    const auto saml = login("alice", "alice-pw", "adfs");
    BOOST_TEST(saml.status == 404);
    BOOST_TEST(saml.body == unknown.body);
    expect(patch(kOrg + "/sso/connections/" + connectionId, R"({"status": "inactive"})", ownerAuth), 200);
    const auto inactive = login("alice", "alice-pw");
    BOOST_TEST(inactive.status == 404);
    BOOST_TEST(inactive.body == unknown.body);
}

BOOST_AUTO_TEST_CASE(group_mapping_sets_the_role_on_every_login) {
    accessToken("alice", "alice-pw"); // staff -> admin
    accessToken("bob", "bob-pw");     // no mapped group: the default role
    BOOST_TEST((roleOf("alice@example.org") == Role::Admin));
    BOOST_TEST((roleOf("bob@example.org") == Role::Member));
    const auto alice = context->db->users().findByEmail("alice@example.org");
    expect(patch(kOrg + "/members/" + alice->id, R"({"role": "member"})", ownerAuth), 200);
    BOOST_TEST((roleOf("alice@example.org") == Role::Member));
    accessToken("alice", "alice-pw");
    BOOST_TEST((roleOf("alice@example.org") == Role::Admin));
}

BOOST_AUTO_TEST_CASE(api_callback_answers_the_identity) {
    const auto body = R"({"username": "alice", "password": "alice-pw", "connection_id": ")" + connectionId + "\"}";
    const auto r = post("/api/v1/sso/ldap/callback", body);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(r.header("Cache-Control") == "no-store");
    const auto out = parseJson(r.body);
    BOOST_TEST(out->getValue<std::string>("email") == "alice@example.org");
    BOOST_TEST(out->getValue<std::string>("name") == "Display alice");
    BOOST_TEST(out->getValue<std::string>("subject") == test::kAliceDn);
    BOOST_TEST(out->getValue<std::string>("connection_id") == connectionId);
    BOOST_TEST(out->getValue<bool>("jit_provisioned"));
    const auto user = context->db->users().findByEmail("alice@example.org");
    BOOST_TEST_REQUIRE(user.has_value());
    BOOST_TEST(out->getValue<std::string>("user_id") == user->id);

    const auto wrong = post("/api/v1/sso/ldap/callback",
                            R"({"username": "bob", "password": "nope", "connection_id": ")" + connectionId + "\"}");
    BOOST_TEST(wrong.status == 401);
    BOOST_TEST(message(wrong) == kRefusedBody);
    const auto unknown = post("/api/v1/sso/ldap/callback",
                              R"({"username": "bob", "password": "bob-pw", "connection_id": "sso_conn_nope"})");
    BOOST_TEST(unknown.status == 404);
}

BOOST_AUTO_TEST_CASE(a_dead_directory_is_502_without_hanging) {
    accessToken("alice", "alice-pw"); // a pooled connection exists
    directory.kill();
    const auto started = std::chrono::steady_clock::now();
    const auto r = login("alice", "alice-pw");
    const auto elapsed = std::chrono::steady_clock::now() - started;
    BOOST_TEST(r.status == 502, r.body);
    BOOST_TEST(message(r) == "the directory is unavailable");
    BOOST_TEST(elapsed < std::chrono::seconds(8));
}

BOOST_AUTO_TEST_CASE(a_stalled_directory_is_502_within_the_timeout) {
    directory.pause();
    const auto started = std::chrono::steady_clock::now();
    const auto r = login("bob", "bob-pw");
    const auto elapsed = std::chrono::steady_clock::now() - started;
    directory.resume();
    BOOST_TEST(r.status == 502, r.body);
    BOOST_TEST(elapsed < std::chrono::seconds(15));
}

BOOST_AUTO_TEST_CASE(connection_test_reports_success_and_a_bad_bind_password) {
    const auto target = kOrg + "/sso/connections/" + connectionId + "/test";
    const auto ok = post(target, "", ownerAuth);
    BOOST_TEST_REQUIRE(ok.status == 200, ok.body);
    BOOST_TEST(parseJson(ok.body)->getValue<bool>("success"), ok.body);
    BOOST_TEST(parseJson(ok.body)->getValue<long long>("response_time_ms") >= 0);

    expect(patch(kOrg + "/sso/connections/" + connectionId, R"({"bind_password": "wrong-secret"})", ownerAuth), 200);
    const auto bad = post(target, "", ownerAuth);
    BOOST_TEST_REQUIRE(bad.status == 200, bad.body);
    BOOST_TEST(!parseJson(bad.body)->getValue<bool>("success"), bad.body);
    BOOST_TEST(bad.body.find("wrong-secret") == std::string::npos);
    // Logins through a refused service account are the directory's fault, not the user's.
    BOOST_TEST(login("alice", "alice-pw").status == 502);
}

BOOST_AUTO_TEST_SUITE_END()
