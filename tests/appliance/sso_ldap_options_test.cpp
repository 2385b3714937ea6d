// SPDX-License-Identifier: Apache-2.0
// LDAP SSO connection options over real HTTP against a private slapd: the
// session lifetime seen in /sso/sessions, group scopes in the exchanged and
// refreshed access tokens, failover through an ldap_url list, and
// ldap_timeout_ms against a directory that accepts but never answers.
#include "sso_ldap_fixture.hpp"

#include "support/silent_server.hpp"

#include <authcore/crypto/encoding.hpp>
#include <authcore/time.hpp>

#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>

#include <chrono>

using namespace authcore;
using test::parseJson;

namespace {

struct OptionsFixture : test::LdapFixture {
    std::string connection() const { return kOrg + "/sso/connections/" + connectionId; }
    void change(const std::string& body) { expect(patch(connection(), body, ownerAuth), 200); }
    /// Logs in and exchanges the code: the exchange's JSON answer.
    Poco::JSON::Object::Ptr exchanged(const std::string& username, const std::string& password) {
        const auto r = expect(login(username, password), 200);
        const auto code = parseJson(r.body)->getValue<std::string>("code");
        return parseJson(expect(post("/auth/sso/exchange", R"({"code": ")" + code + "\"}"), 200).body);
    }
    /// The `scope` claim of a JWT, read from its payload.
    static std::string scopeClaim(const std::string& jwt) {
        const auto first = jwt.find('.');
        const auto payload = crypto::base64UrlDecode(jwt.substr(first + 1, jwt.find('.', first + 1) - first - 1));
        BOOST_TEST_REQUIRE(payload.has_value());
        return parseJson(*payload)->optValue<std::string>("scope", "");
    }
    Poco::JSON::Object::Ptr refreshed(const std::string& refreshToken) {
        const auto r = test::httpRequest(port, "POST", "/v1/token",
                                         "grant_type=refresh_token&client_id=authcore-console&refresh_token=" +
                                             refreshToken,
                                         {}, "application/x-www-form-urlencoded");
        BOOST_TEST_REQUIRE(r.status == 200, r.body);
        return parseJson(r.body);
    }
    static double secondsSince(std::chrono::steady_clock::time_point start) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_sso_ldap_options, OptionsFixture)

BOOST_AUTO_TEST_CASE(defaults_are_shown_and_bad_options_are_400_changing_nothing) {
    const auto before = expect(get(connection(), ownerAuth), 200).body;
    const auto shown = parseJson(before);
    BOOST_TEST(shown->getValue<long long>("ldap_timeout_ms") == 5000);
    BOOST_TEST(shown->getValue<long long>("session_lifetime_seconds") == 28800);
    BOOST_TEST(!shown->has("scopes"));
    const auto url = directory.ldapUrl();
    for (const auto& body : {std::string(R"({"ldap_timeout_ms": 99})"), std::string(R"({"ldap_timeout_ms": 60001})"),
                             R"({"ldap_url": ")" + url + R"( https://127.0.0.1"})", std::string(R"({"scopes": "openid"})"),
                             std::string(R"({"session_lifetime_seconds": 2592001})")}) {
        const auto r = patch(connection(), body, ownerAuth);
        BOOST_TEST(r.status == 400, body << ": " << r.body);
    }
    BOOST_TEST(expect(get(connection(), ownerAuth), 200).body == before);
}

BOOST_AUTO_TEST_CASE(sessions_expire_after_the_connections_lifetime) {
    change(R"({"session_lifetime_seconds": 900})");
    exchanged("alice", "alice-pw");
    const auto r = expect(get(kOrg + "/sso/sessions", ownerAuth), 200);
    const auto sessions = parseJson(r.body)->getArray("sessions");
    BOOST_TEST_REQUIRE(sessions->size() == 1u);
    const auto created = parseTimestamp(sessions->getObject(0)->getValue<std::string>("created_at"));
    const auto expires = parseTimestamp(sessions->getObject(0)->getValue<std::string>("expires_at"));
    BOOST_TEST_REQUIRE((created && expires));
    BOOST_TEST(toUnix(*expires) - toUnix(*created) == 900);
}

BOOST_AUTO_TEST_CASE(a_mapped_group_scope_is_in_the_access_token_and_after_refresh) {
    const auto alice = exchanged("alice", "alice-pw"); // devs -> deploy (staff -> admin is a role)
    BOOST_TEST(scopeClaim(alice->getValue<std::string>("access_token")) == "openid email profile deploy");
    const auto again = refreshed(alice->getValue<std::string>("refresh_token"));
    BOOST_TEST(again->getValue<std::string>("scope") == "openid email profile deploy");
    BOOST_TEST(scopeClaim(again->getValue<std::string>("access_token")) == "openid email profile deploy");
}

BOOST_AUTO_TEST_CASE(a_user_in_no_mapped_group_gets_no_group_scope) {
    const auto bob = exchanged("bob", "bob-pw");
    BOOST_TEST(scopeClaim(bob->getValue<std::string>("access_token")) == "openid email profile");
    const auto again = refreshed(bob->getValue<std::string>("refresh_token"));
    BOOST_TEST(scopeClaim(again->getValue<std::string>("access_token")) == "openid email profile");
}

BOOST_AUTO_TEST_CASE(a_dead_first_url_fails_over_to_the_next) {
    const auto dead = "ldap://127.0.0.1:" + std::to_string(test::freePort());
    change(R"({"ldap_url": ")" + dead + " " + directory.ldapUrl() + R"("})");
    const auto shown = parseJson(expect(get(connection(), ownerAuth), 200).body);
    BOOST_TEST(shown->getValue<std::string>("ldap_url") == dead + " " + directory.ldapUrl());
    BOOST_TEST(shown->getValue<bool>("start_tls"));
    const auto r = login("alice", "alice-pw");
    BOOST_TEST(r.status == 200, r.body);
    const auto tested = parseJson(expect(post(connection() + "/test", "", ownerAuth), 200).body);
    BOOST_TEST(tested->getValue<bool>("success"));
}

BOOST_AUTO_TEST_CASE(a_silent_directory_is_502_within_the_configured_timeout) {
    const test::SilentServer silent;
    change(R"({"ldap_url": "ldap://127.0.0.1:)" + std::to_string(silent.port()) + R"(", "ldap_timeout_ms": 1000})");
    const auto started = std::chrono::steady_clock::now();
    const auto r = login("alice", "alice-pw");
    const auto elapsed = secondsSince(started);
    BOOST_TEST(r.status == 502, r.body);
    // It waited for the directory (a refused connection is immediate), and gave up
    // well before the 5 s default would have.
    BOOST_TEST(elapsed >= 0.9, elapsed << " s");
    BOOST_TEST(elapsed < 4.5, elapsed << " s");
    const auto testStarted = std::chrono::steady_clock::now();
    const auto tested = parseJson(expect(post(connection() + "/test", "", ownerAuth), 200).body);
    BOOST_TEST(!tested->getValue<bool>("success"));
    BOOST_TEST(secondsSince(testStarted) < 4.5);
}

BOOST_AUTO_TEST_SUITE_END()
