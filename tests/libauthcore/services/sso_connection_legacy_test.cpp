// SPDX-License-Identifier: Apache-2.0
// SsoConnectionService's legacy single OIDC config: one OIDC connection marked
// legacy per organization, replaced in place, checked like any connection.
#include "token_fixture.hpp"

#include <authcore/services/organization_service.hpp>
#include <authcore/services/sso_connection_service.hpp>
#include <authcore/services/user_service.hpp>

#include "support/error_code.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::code;
using test::errorCodeOf;

namespace {

struct LegacyFixture : test::TokenFixture {
    LegacyFixture() {
        owner = userPrincipal("owner@acme.test");
        member = userPrincipal("member@acme.test");
        rival = userPrincipal("owner@globex.test");
        orgs.create(owner, "acme", "Acme");
        orgs.addMember(owner, "acme", "member@acme.test", Role::Member);
        orgs.create(rival, "globex", "Globex");
        acmeId = db->organizations().findBySlug("acme")->id;
    }
    Principal userPrincipal(const std::string& email) {
        const auto user = users.create(Principal::system(), NewUser{email, "password-123", "", false});
        return Principal{user.id, user.email, false};
    }
    static SsoLegacyConfigInput config(std::optional<std::string> secret = "legacy-client-secret") {
        SsoLegacyConfigInput input;
        input.issuerUrl = "https://login.acme.test";
        input.clientId = "legacy-client";
        input.clientSecret = std::move(secret);
        return input;
    }
    std::vector<SsoConnection> stored() { return db->ssoConnections().listByOrganization(acmeId); }

    crypto::PasswordHasher passwords{crypto::Argon2Params{1, 1024, 1}};
    UserService users{db->users(), db->sessions(), passwords, audit, clock};
    OrganizationService orgs{db->organizations(), db->users(), audit, clock};
    SsoConnectionService sso{db->ssoConnections(), orgs, envelope, audit, clock, "https://auth.example.com"};
    Principal owner, member, rival;
    std::string acmeId;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(services_sso_legacy_config, LegacyFixture)

BOOST_AUTO_TEST_CASE(put_creates_an_oidc_connection_marked_legacy_with_a_sealed_secret) {
    const auto view = sso.putLegacy(owner, "acme", config());
    const auto& c = view.connection;
    BOOST_TEST(c.legacy);
    BOOST_TEST((c.protocol == SsoProtocol::Oidc));
    BOOST_TEST(c.name == "Legacy OIDC configuration");
    BOOST_TEST(c.slug == "legacy-oidc-configuration");
    BOOST_TEST(c.oidc.sealedClientSecret.empty()); // never in a view
    BOOST_TEST(view.hasSecret);
    const auto all = stored();
    BOOST_TEST_REQUIRE(all.size() == 1u);
    BOOST_TEST(*envelope.open(all[0].oidc.sealedClientSecret, c.id) == "legacy-client-secret");
    BOOST_TEST(sso.oidcRedirectUri(c) == "https://auth.example.com/auth/sso/legacy-oidc-configuration/oidc/callback");
    BOOST_TEST(sso.getLegacy(owner, "acme").connection.id == c.id);
    BOOST_TEST(sso.findLegacy(acmeId)->connection.id == c.id);
}

BOOST_AUTO_TEST_CASE(a_second_put_replaces_in_place_and_keeps_an_absent_secret) {
    const auto first = sso.putLegacy(owner, "acme", config()).connection;
    const auto sealed = stored().at(0).oidc.sealedClientSecret;
    auto changed = config(std::nullopt);
    changed.clientId = "client-2";
    changed.redirectUri = "https://app.acme.test/sso/callback";
    clock.advance(std::chrono::seconds(5));
    const auto second = sso.putLegacy(owner, "acme", changed).connection;
    BOOST_TEST(second.id == first.id);
    BOOST_TEST(second.slug == first.slug);
    BOOST_TEST(second.oidc.clientId == "client-2");
    BOOST_TEST(sso.oidcRedirectUri(second) == "https://app.acme.test/sso/callback");
    BOOST_TEST((second.updatedAt > first.updatedAt));
    BOOST_TEST(stored().size() == 1u);
    BOOST_TEST(stored().at(0).oidc.sealedClientSecret == sealed);
}

BOOST_AUTO_TEST_CASE(bad_input_throws_invalid_input_and_writes_nothing) {
    auto badRedirect = config();
    badRedirect.redirectUri = "http://app.acme.test/callback"; // http off localhost
    auto badIssuer = config();
    badIssuer.issuerUrl = "ftp://login.acme.test";
    auto badDomain = config();
    badDomain.domains = std::vector<std::string>{"not a domain"};
    for (const auto& input : {config(std::nullopt), badRedirect, badIssuer, badDomain})
        BOOST_TEST(errorCodeOf([&] { sso.putLegacy(owner, "acme", input); }) == code(ErrorCode::InvalidInput));
    BOOST_TEST(stored().empty());
    const auto good = sso.putLegacy(owner, "acme", config()).connection;
    for (const auto& input : {badRedirect, badIssuer, badDomain})
        BOOST_TEST(errorCodeOf([&] { sso.putLegacy(owner, "acme", input); }) == code(ErrorCode::InvalidInput));
    BOOST_TEST((stored().at(0).updatedAt == good.updatedAt));
    BOOST_TEST(stored().at(0).oidc.redirectUri.empty());
}

BOOST_AUTO_TEST_CASE(localhost_redirect_uris_may_be_http) {
    auto local = config();
    local.redirectUri = "http://localhost:3000/sso/callback";
    BOOST_TEST(sso.oidcRedirectUri(sso.putLegacy(owner, "acme", local).connection) == local.redirectUri);
}

BOOST_AUTO_TEST_CASE(members_are_forbidden_and_other_organizations_not_found) {
    BOOST_TEST(errorCodeOf([&] { sso.putLegacy(member, "acme", config()); }) == code(ErrorCode::Forbidden));
    BOOST_TEST(errorCodeOf([&] { sso.putLegacy(rival, "acme", config()); }) == code(ErrorCode::NotFound));
    sso.putLegacy(owner, "acme", config());
    BOOST_TEST(errorCodeOf([&] { sso.getLegacy(member, "acme"); }) == code(ErrorCode::Forbidden));
    BOOST_TEST(errorCodeOf([&] { sso.removeLegacy(rival, "acme"); }) == code(ErrorCode::NotFound));
    BOOST_TEST(errorCodeOf([&] { sso.getLegacy(rival, "globex"); }) == code(ErrorCode::NotFound));
    Principal key;
    key.apiKeyId = "key_1";
    key.apiKeyServiceId = "svc_1";
    BOOST_TEST(errorCodeOf([&] { sso.getLegacy(key, "acme"); }) == code(ErrorCode::Forbidden));
    BOOST_TEST(stored().size() == 1u);
}

BOOST_AUTO_TEST_CASE(ordinary_and_inactive_connections_are_no_legacy_config) {
    NewSsoConnection okta;
    okta.name = "Okta";
    okta.protocol = "oidc";
    okta.settings.issuerUrl = "https://acme.okta.com";
    okta.settings.clientId = "okta-client";
    okta.settings.clientSecret = "okta-client-secret";
    sso.create(owner, "acme", okta);
    BOOST_TEST(!sso.findLegacy(acmeId));
    BOOST_TEST(errorCodeOf([&] { sso.getLegacy(owner, "acme"); }) == code(ErrorCode::NotFound));
    const auto id = sso.putLegacy(owner, "acme", config()).connection.id;
    SsoConnectionChanges off;
    off.status = "inactive";
    sso.update(owner, "acme", id, off);
    BOOST_TEST(!sso.findLegacy(acmeId));
    BOOST_TEST(sso.getLegacy(owner, "acme").connection.id == id); // still managed
}

BOOST_AUTO_TEST_CASE(remove_deletes_the_connection_then_not_found) {
    const auto id = sso.putLegacy(owner, "acme", config()).connection.id;
    sso.removeLegacy(owner, "acme");
    BOOST_TEST(!db->ssoConnections().find(id));
    BOOST_TEST(errorCodeOf([&] { sso.removeLegacy(owner, "acme"); }) == code(ErrorCode::NotFound));
    BOOST_TEST(errorCodeOf([&] { sso.getLegacy(owner, "acme"); }) == code(ErrorCode::NotFound));
}

BOOST_AUTO_TEST_SUITE_END()
