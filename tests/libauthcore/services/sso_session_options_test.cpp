// SPDX-License-Identifier: Apache-2.0
// SsoLoginService with a connection's own options: the session lifetime (and
// the refresh family ending with the session), and the scopes its
// group_scope_mapping grants, carried into the exchanged and refreshed tokens.
#include "sso_login_fixture.hpp"

#include "support/error_code.hpp"

#include <authcore/crypto/encoding.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::code;
using test::errorCodeOf;

namespace {

constexpr const char* kDevs = "cn=devs,ou=groups,dc=acme,dc=com";
constexpr const char* kStaff = "cn=staff,ou=groups,dc=acme,dc=com";

struct Fixture : test::SsoLoginFixture {
    Fixture() {
        directory = makeConnection("sso_conn_ldap", "acme-ldap", {"ldap.acme.com"});
        directory.protocol = SsoProtocol::Ldap;
        directory.saml = {};
        directory.ldap.ldapUrl = "ldap://ldap.acme.com";
        directory.ldap.groupScopeMapping = {{kStaff, "admin"}, {kDevs, "deploy"}, {"CN=Ops,ou=groups,dc=acme,dc=com", "ops:read"}};
        db->ssoConnections().insert(directory);
    }
    static SsoAssertion inGroups(const std::string& subject, const std::string& email,
                                 std::vector<std::string> groups) {
        auto a = assertion(subject, email);
        a.attributes["groups"] = std::move(groups);
        return a;
    }
    std::string scopeClaim(const std::string& accessToken) {
        const auto claims = issuer.verify(accessToken, "https://auth.example.com");
        BOOST_TEST_REQUIRE(claims.has_value());
        return claims->string("scope").value_or("");
    }
    Timestamp refreshExpiry(const std::string& refreshToken) {
        return db->tokens().findRefreshToken(crypto::hexEncode(crypto::sha256(refreshToken)))->expiresAt;
    }

    SsoConnection directory;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(services_sso_session_options, Fixture)

BOOST_AUTO_TEST_CASE(session_expires_after_the_connections_lifetime) {
    connection.sessionTtlSeconds = 3600;
    const auto created = clock.now();
    const auto outcome = sso.login(connection, assertion("ann-nameid", "ann@acme.com"));
    const auto session = db->ssoSessions().find(outcome.sessionId);
    BOOST_TEST_REQUIRE(session.has_value());
    BOOST_TEST(toUnix(session->createdAt) == toUnix(created));
    BOOST_TEST(toUnix(session->expiresAt) == toUnix(created + std::chrono::seconds{3600}));
    connection.sessionTtlSeconds = 0; // unset: the default, 8 hours
    const auto byDefault = sso.login(connection, assertion("ann-nameid", "ann@acme.com"));
    BOOST_TEST(toUnix(db->ssoSessions().find(byDefault.sessionId)->expiresAt) == toUnix(created + std::chrono::hours{8}));
}

BOOST_AUTO_TEST_CASE(the_idp_session_still_caps_a_longer_lifetime) {
    connection.sessionTtlSeconds = 7 * 24 * 3600;
    auto a = assertion("bo-nameid", "bo@acme.com");
    a.notOnOrAfter = clock.now() + std::chrono::hours{2};
    const auto outcome = sso.login(connection, a);
    BOOST_TEST(toUnix(db->ssoSessions().find(outcome.sessionId)->expiresAt) == toUnix(*a.notOnOrAfter));
}

BOOST_AUTO_TEST_CASE(refresh_tokens_end_with_the_session) {
    connection.sessionTtlSeconds = 600;
    const auto outcome = sso.login(connection, assertion("cy-nameid", "cy@acme.com"));
    const auto expires = db->ssoSessions().find(outcome.sessionId)->expiresAt;
    const auto first = sso.exchange(outcome.code, "192.0.2.1");
    BOOST_TEST(toUnix(refreshExpiry(first.refreshToken)) == toUnix(expires));
    clock.advance(std::chrono::seconds{300});
    const auto rotated = tokens.token(refreshForm(first.refreshToken), {});
    BOOST_TEST(toUnix(refreshExpiry(rotated.refreshToken)) == toUnix(expires)); // rotation keeps the end
    clock.advance(std::chrono::seconds{301});
    BOOST_TEST(oauthError([&] { tokens.token(refreshForm(rotated.refreshToken), {}); }) == "invalid_grant");
}

BOOST_AUTO_TEST_CASE(mapped_group_scopes_reach_the_session_and_its_tokens) {
    const auto outcome =
        sso.login(directory, inGroups("uid=dee", "dee@ldap.acme.com", {kStaff, "cn=ops,OU=groups,dc=acme,dc=com", kDevs}));
    // Role values of the mapping are not scopes; the rest in mapping order; DNs compared case-insensitively.
    BOOST_TEST(db->ssoSessions().find(outcome.sessionId)->scope == "deploy ops:read");
    const auto exchanged = sso.exchange(outcome.code, "192.0.2.1");
    BOOST_TEST(exchanged.scope == "openid email profile deploy ops:read");
    BOOST_TEST(scopeClaim(exchanged.accessToken.token) == "openid email profile deploy ops:read");
    const auto refreshed = tokens.token(refreshForm(exchanged.refreshToken), {});
    BOOST_TEST(scopeClaim(refreshed.accessToken.token) == "openid email profile deploy ops:read");
}

BOOST_AUTO_TEST_CASE(a_user_in_no_mapped_group_gets_the_base_scope_only) {
    const auto outcome = sso.login(directory, inGroups("uid=eve", "eve@ldap.acme.com", {"cn=other,dc=acme,dc=com"}));
    BOOST_TEST(db->ssoSessions().find(outcome.sessionId)->scope.empty());
    const auto exchanged = sso.exchange(outcome.code, "192.0.2.1");
    BOOST_TEST(scopeClaim(exchanged.accessToken.token) == "openid email profile");
    const auto noGroups = sso.login(directory, assertion("uid=fay", "fay@ldap.acme.com"));
    BOOST_TEST(db->ssoSessions().find(noGroups.sessionId)->scope.empty());
}

BOOST_AUTO_TEST_CASE(a_linked_login_keeps_the_connections_lifetime_and_scopes) {
    users.create(Principal::system(), NewUser{"gus@ldap.acme.com", "gus-password-1", "Gus", false});
    directory.sessionTtlSeconds = 1800;
    const auto started = clock.now();
    const auto outcome = sso.login(directory, inGroups("uid=gus", "gus@ldap.acme.com", {kDevs}));
    BOOST_TEST_REQUIRE(!outcome.linkToken.empty());
    const auto code = sso.confirmLink(outcome.linkToken, "gus-password-1");
    const auto sessions = db->ssoSessions().listActive(organizationId, clock.now());
    BOOST_TEST_REQUIRE(sessions.size() == 1u);
    BOOST_TEST(sessions.front().scope == "deploy");
    BOOST_TEST(toUnix(sessions.front().expiresAt) == toUnix(started + std::chrono::seconds{1800}));
    BOOST_TEST(scopeClaim(sso.exchange(code, "192.0.2.1").accessToken.token) == "openid email profile deploy");
}

BOOST_AUTO_TEST_SUITE_END()
