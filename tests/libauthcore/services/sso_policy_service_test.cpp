// SPDX-License-Identifier: Apache-2.0
// SsoPolicyService: who may read and change the enforcement policy, its
// defaults and checks, the ssoRequired rule, and session revocation that
// ends the session's refresh tokens at once.
#include "sso_login_fixture.hpp"

#include "support/error_code.hpp"

#include <authcore/services/sso_policy_service.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::code;
using test::errorCodeOf;

namespace {

struct Fixture : test::SsoLoginFixture {
    Fixture() {
        ownerP = Principal{owner.id, owner.email, false};
        admin = addUser("admin@acme.com", Role::Admin);
        member = addUser("member@acme.com", Role::Member);
        const auto rivalUser = users.create(Principal::system(), NewUser{"owner@globex.com", "password-123", "", false});
        rival = Principal{rivalUser.id, rivalUser.email, false};
        orgs.create(rival, "globex", "Globex");
    }
    User addUser(const std::string& email, Role role) {
        const auto user = users.create(Principal::system(), NewUser{email, "password-123", "", false});
        orgs.addMember(ownerP, "acme", email, role);
        return user;
    }
    static Principal principal(const User& user) { return Principal{user.id, user.email, false}; }
    std::string sessionFor(const std::string& subject, const std::string& email, std::string* refresh = nullptr) {
        const auto outcome = sso.login(connection, assertion(subject, email));
        const auto tokensOut = sso.exchange(outcome.code, "192.0.2.1");
        if (refresh) *refresh = tokensOut.refreshToken;
        return outcome.sessionId;
    }

    SsoPolicyService policy{db->ssoConnections(), db->ssoSessions(), db->tokens(), db->organizations(),
                            orgs,                 audit,            clock};
    Principal ownerP, rival;
    User admin, member;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(services_sso_policy, Fixture)

BOOST_AUTO_TEST_CASE(policy_defaults_to_not_enforced_with_no_exempt_roles) {
    const auto p = policy.getEnforcement(ownerP, "acme");
    BOOST_TEST(!p.enforced);
    BOOST_TEST(p.exemptRoles.empty());
}

BOOST_AUTO_TEST_CASE(owner_and_admin_set_the_policy_and_read_it_back) {
    policy.setEnforcement(ownerP, "acme", true, {Role::Owner});
    auto p = policy.getEnforcement(principal(admin), "acme");
    BOOST_TEST(p.enforced);
    BOOST_TEST((p.exemptRoles == std::vector<Role>{Role::Owner}));
    policy.setEnforcement(principal(admin), "acme", false, {Role::Admin, Role::Member});
    p = policy.getEnforcement(ownerP, "acme");
    BOOST_TEST(!p.enforced);
    BOOST_TEST(p.exemptRoles.size() == 2u);
    BOOST_TEST(audited("sso_enforcement.update"));
}

BOOST_AUTO_TEST_CASE(member_is_forbidden_outsider_not_found_api_key_forbidden) {
    const auto m = principal(member);
    BOOST_TEST(errorCodeOf([&] { policy.setEnforcement(m, "acme", true, {}); }) == code(ErrorCode::Forbidden));
    BOOST_TEST(errorCodeOf([&] { policy.getEnforcement(m, "acme"); }) == code(ErrorCode::Forbidden));
    BOOST_TEST(errorCodeOf([&] { policy.listSessions(m, "acme"); }) == code(ErrorCode::Forbidden));
    BOOST_TEST(errorCodeOf([&] { policy.setEnforcement(rival, "acme", true, {}); }) == code(ErrorCode::NotFound));
    Principal key;
    key.apiKeyId = "ak_1";
    BOOST_TEST(errorCodeOf([&] { policy.getEnforcement(key, "acme"); }) == code(ErrorCode::Forbidden));
    BOOST_TEST(!policy.getEnforcement(ownerP, "acme").enforced);
}

BOOST_AUTO_TEST_CASE(repeated_exempt_role_is_refused_and_nothing_changes) {
    BOOST_TEST(errorCodeOf([&] { policy.setEnforcement(ownerP, "acme", true, {Role::Owner, Role::Owner}); }) ==
               code(ErrorCode::InvalidInput));
    BOOST_TEST(!policy.getEnforcement(ownerP, "acme").enforced);
}

BOOST_AUTO_TEST_CASE(sso_is_required_of_non_exempt_members_only_while_enforced) {
    BOOST_TEST(!policy.ssoRequired(member));
    policy.setEnforcement(ownerP, "acme", true, {Role::Owner});
    BOOST_TEST(policy.ssoRequired(member));
    BOOST_TEST(policy.ssoRequired(admin));
    BOOST_TEST(!policy.ssoRequired(owner));
    BOOST_TEST(errorCodeOf([&] { policy.requirePasswordAllowed(member); }) == code(ErrorCode::SsoRequired));
    policy.setEnforcement(ownerP, "acme", false, {});
    BOOST_TEST(!policy.ssoRequired(member));
}

BOOST_AUTO_TEST_CASE(one_enforcing_organization_is_enough_among_several) {
    orgs.addMember(rival, "globex", "member@acme.com", Role::Admin);
    policy.setEnforcement(rival, "globex", true, {Role::Admin});
    BOOST_TEST(!policy.ssoRequired(member)); // exempt in globex, acme does not enforce
    policy.setEnforcement(ownerP, "acme", true, {});
    BOOST_TEST(policy.ssoRequired(member));
}

BOOST_AUTO_TEST_CASE(system_admin_is_never_required_to_use_sso) {
    const auto root = users.create(Principal::system(), NewUser{"root@acme.com", "password-123", "", true});
    orgs.addMember(ownerP, "acme", "root@acme.com", Role::Member);
    policy.setEnforcement(ownerP, "acme", true, {});
    BOOST_TEST(!policy.ssoRequired(root));
}

BOOST_AUTO_TEST_CASE(sessions_are_listed_newest_first_with_the_connection_name) {
    const auto first = sessionFor("ann-nameid", "ann@acme.com");
    clock.advance(std::chrono::seconds{5});
    const auto second = sessionFor("bob-nameid", "bob@acme.com");
    const auto list = policy.listSessions(ownerP, "acme");
    BOOST_TEST_REQUIRE(list.size() == 2u);
    BOOST_TEST(list[0].id == second);
    BOOST_TEST(list[0].email == "bob@acme.com");
    BOOST_TEST(list[0].connectionId == connection.id);
    BOOST_TEST(list[0].connectionName == connection.name);
    BOOST_TEST(list[1].id == first);
    BOOST_TEST((list[0].expiresAt > list[0].createdAt));
    BOOST_TEST(policy.listSessions(rival, "globex").empty());
}

BOOST_AUTO_TEST_CASE(revoking_a_session_refuses_its_refresh_token_at_once) {
    std::string refresh;
    const auto id = sessionFor("cat-nameid", "cat@acme.com", &refresh);
    policy.revokeSession(principal(admin), "acme", id);
    BOOST_TEST(oauthError([&] { tokens.token(refreshForm(refresh), {}); }) == "invalid_grant");
    BOOST_TEST(!db->ssoSessions().find(id).has_value());
    BOOST_TEST(audited("sso_session.revoke"));
    BOOST_TEST(errorCodeOf([&] { policy.revokeSession(ownerP, "acme", id); }) == code(ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(another_organizations_session_is_not_found_and_kept) {
    std::string refresh;
    const auto id = sessionFor("dan-nameid", "dan@acme.com", &refresh);
    BOOST_TEST(errorCodeOf([&] { policy.revokeSession(rival, "globex", id); }) == code(ErrorCode::NotFound));
    BOOST_TEST(errorCodeOf([&] { policy.revokeSession(principal(member), "acme", id); }) ==
               code(ErrorCode::Forbidden));
    BOOST_TEST(db->ssoSessions().find(id).has_value());
    BOOST_TEST(!tokens.token(refreshForm(refresh), {}).refreshToken.empty());
}

BOOST_AUTO_TEST_SUITE_END()
