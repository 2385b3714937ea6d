// SPDX-License-Identifier: Apache-2.0
// SsoConnectionService: the per-connection options (session lifetime, OIDC
// scopes and token auth method, LDAP timeout and URL list): defaults shown,
// bounds refused with nothing written, updates applied.
#include "sso_connection_fixture.hpp"

#include "support/error_code.hpp"

#include <authcore/model/sso_options.hpp>

#include <boost/test/unit_test.hpp>

#include <functional>

using namespace authcore;
using test::code;
using test::errorCodeOf;

namespace {

struct OptionsFixture : test::SsoFixture {
    /// `input` is refused naming `field`, and no connection was written.
    void expectRefused(const NewSsoConnection& input, const std::string& field) {
        const auto before = db->ssoConnections().listByOrganization(orgs.get(owner, "acme").id).size();
        const auto message = invalidMessage(input);
        BOOST_TEST(message.find(field) != std::string::npos, field << ": '" << message << "'");
        BOOST_TEST(db->ssoConnections().listByOrganization(orgs.get(owner, "acme").id).size() == before);
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(services_sso_connection_options, OptionsFixture)

BOOST_AUTO_TEST_CASE(defaults_are_stored_as_unset_and_shown_as_in_effect) {
    const auto oidcView = sso.create(owner, "acme", oidc()).connection;
    BOOST_TEST(oidcView.sessionTtlSeconds == 28800);
    BOOST_TEST(oidcView.oidc.scopes == "openid email profile");
    BOOST_TEST(oidcView.oidc.tokenAuthMethod == "client_secret_basic");
    const auto stored = db->ssoConnections().find(oidcView.id);
    BOOST_TEST(stored->sessionTtlSeconds == 0);
    BOOST_TEST(stored->oidc.scopes.empty());
    BOOST_TEST(stored->oidc.tokenAuthMethod.empty());
    const auto ldapView = sso.create(owner, "acme", ldap()).connection;
    BOOST_TEST(ldapView.ldap.timeoutMs == 5000);
    BOOST_TEST(ldapView.oidc.scopes.empty()); // another protocol's options stay empty
    BOOST_TEST(db->ssoConnections().find(ldapView.id)->ldap.timeoutMs == 0);
}

BOOST_AUTO_TEST_CASE(session_lifetime_is_300_seconds_to_30_days) {
    for (const long long bad : {299LL, 2592001LL, 0LL, -1LL}) {
        auto input = saml();
        input.sessionLifetimeSeconds = bad;
        expectRefused(input, "session_lifetime_seconds");
    }
    auto shortest = oidc();
    shortest.sessionLifetimeSeconds = 300;
    BOOST_TEST(sso.create(owner, "acme", shortest).connection.sessionTtlSeconds == 300);
    auto longest = ldap();
    longest.sessionLifetimeSeconds = 2592000;
    const auto created = sso.create(owner, "acme", longest).connection;
    BOOST_TEST(db->ssoConnections().find(created.id)->sessionTtlSeconds == 2592000);
}

BOOST_AUTO_TEST_CASE(oidc_scopes_must_hold_openid_and_be_scope_tokens) {
    const std::vector<std::string> bad{"", "email profile", "openid\temail", "openid \"quoted\"", "openid back\\slash",
                                       "openid caf\xc3\xa9", "openid " + std::string(1020, 'x')};
    for (const auto& scopes : bad) {
        auto input = oidc();
        input.settings.scopes = scopes;
        expectRefused(input, "scopes");
    }
    auto input = oidc();
    input.settings.scopes = " openid  email openid groups:read ";
    const auto created = sso.create(owner, "acme", input).connection;
    BOOST_TEST(created.oidc.scopes == "openid email groups:read"); // single spaces, repeats dropped
}

BOOST_AUTO_TEST_CASE(group_scopes_must_be_scope_tokens) {
    for (const auto* bad : {"deploy\"all", "back\\slash", "caf\xc3\xa9", ""}) {
        auto input = ldap();
        input.settings.groupScopeMapping = std::vector<SsoMapping>{{"cn=devs,dc=acme,dc=test", bad}};
        expectRefused(input, "group_scope_mapping");
    }
    auto input = ldap();
    input.settings.groupScopeMapping =
        std::vector<SsoMapping>{{"cn=devs,dc=acme,dc=test", "deploy:prod"}, {"cn=staff,dc=acme,dc=test", "admin"}};
    BOOST_TEST(sso.create(owner, "acme", input).connection.ldap.groupScopeMapping.size() == 2u);
}

BOOST_AUTO_TEST_CASE(token_auth_method_is_basic_or_post) {
    for (const auto* bad : {"private_key_jwt", "none", "CLIENT_SECRET_POST", ""}) {
        auto input = oidc();
        input.settings.tokenAuthMethod = bad;
        expectRefused(input, "token_auth_method");
    }
    auto input = oidc();
    input.settings.tokenAuthMethod = "client_secret_post";
    BOOST_TEST(sso.create(owner, "acme", input).connection.oidc.tokenAuthMethod == "client_secret_post");
}

BOOST_AUTO_TEST_CASE(ldap_timeout_is_100_to_60000_ms) {
    for (const long long bad : {99LL, 60001LL, 0LL}) {
        auto input = ldap();
        input.settings.ldapTimeoutMs = bad;
        expectRefused(input, "ldap_timeout_ms");
    }
    auto input = ldap();
    input.settings.ldapTimeoutMs = 100;
    BOOST_TEST(sso.create(owner, "acme", input).connection.ldap.timeoutMs == 100);
}

BOOST_AUTO_TEST_CASE(options_belong_to_their_protocol) {
    auto scopesOnLdap = ldap();
    scopesOnLdap.settings.scopes = "openid";
    expectRefused(scopesOnLdap, "scopes applies to oidc");
    auto timeoutOnOidc = oidc();
    timeoutOnOidc.settings.ldapTimeoutMs = 1000;
    expectRefused(timeoutOnOidc, "ldap_timeout_ms applies to ldap");
    auto methodOnSaml = saml();
    methodOnSaml.settings.tokenAuthMethod = "client_secret_post";
    expectRefused(methodOnSaml, "token_auth_method applies to oidc");
}

BOOST_AUTO_TEST_CASE(ldap_url_is_a_failover_list_each_checked) {
    const auto mixed = sso.create(owner, "acme", ldap("ldaps://a.acme.test:636  ldap://b.acme.test:389")).connection;
    BOOST_TEST(mixed.ldap.ldapUrl == "ldaps://a.acme.test:636 ldap://b.acme.test:389");
    BOOST_TEST(mixed.ldap.startTls); // StartTLS for the ldap:// one
    BOOST_TEST((ldapUrlList(mixed.ldap.ldapUrl) ==
                std::vector<std::string>{"ldaps://a.acme.test:636", "ldap://b.acme.test:389"}));
    auto allTls = ldap("ldaps://a.acme.test ldaps://b.acme.test");
    allTls.name = "Directory TLS";
    BOOST_TEST(!sso.create(owner, "acme", allTls).connection.ldap.startTls);
    auto allTlsWithStartTls = ldap("ldaps://a.acme.test ldaps://b.acme.test");
    allTlsWithStartTls.settings.startTls = true;
    expectRefused(allTlsWithStartTls, "start_tls");
    expectRefused(ldap("ldap://a.acme.test https://b.acme.test"), "ldap_url");
    expectRefused(ldap("ldap://a.acme.test\tldap://b.acme.test"), "ldap_url");
    std::string eleven;
    for (int i = 0; i < 11; ++i) eleven += "ldap://h" + std::to_string(i) + ".acme.test ";
    expectRefused(ldap(eleven), "ldap_url");
}

BOOST_AUTO_TEST_CASE(update_applies_options_and_a_bad_one_writes_nothing) {
    const auto created = sso.create(owner, "acme", oidc()).connection;
    clock.advance(std::chrono::seconds(60));
    SsoConnectionChanges changes;
    changes.sessionLifetimeSeconds = 3600;
    changes.settings.scopes = "openid email groups";
    changes.settings.tokenAuthMethod = "client_secret_post";
    const auto updated = sso.update(admin, "acme", created.id, changes).connection;
    BOOST_TEST(updated.sessionTtlSeconds == 3600);
    BOOST_TEST(updated.oidc.scopes == "openid email groups");
    BOOST_TEST(updated.oidc.tokenAuthMethod == "client_secret_post");
    SsoConnectionChanges bad;
    bad.name = "Renamed";
    bad.sessionLifetimeSeconds = 3600;
    bad.settings.scopes = "email"; // no openid: the whole change is refused
    BOOST_TEST(errorCodeOf([&] { sso.update(admin, "acme", created.id, bad); }) == code(ErrorCode::InvalidInput));
    const auto stored = db->ssoConnections().find(created.id);
    BOOST_TEST(stored->name == created.name);
    BOOST_TEST(stored->oidc.scopes == "openid email groups");
    SsoConnectionChanges tooShort;
    tooShort.sessionLifetimeSeconds = 60;
    BOOST_TEST(errorCodeOf([&] { sso.update(admin, "acme", created.id, tooShort); }) == code(ErrorCode::InvalidInput));
    BOOST_TEST(db->ssoConnections().find(created.id)->sessionTtlSeconds == 3600);
}

BOOST_AUTO_TEST_SUITE_END()
