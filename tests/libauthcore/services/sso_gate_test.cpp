// SPDX-License-Identifier: Apache-2.0
// SsoGate in the token endpoint's user grants: while an organization enforces
// SSO, its non-exempt members' codes and non-SSO refresh families are refused
// with sso_required (nothing issued, nothing burnt); SSO-born families, exempt
// roles, system admins and client_credentials are not affected.
#include "sso_login_fixture.hpp"

#include <authcore/crypto/encoding.hpp>
#include <authcore/services/sso_gate.hpp>
#include <authcore/services/sso_policy_service.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore;

namespace {

const std::string kConsoleRedirect = "https://auth.example.com/console/callback";
const std::string kVerifier = "verifier-0123456789-abcdefghijklmnopqrstuvwxyz~._ABC";

TokenServiceOptions gatedOptions(SsoGate& gate) {
    TokenServiceOptions options;
    options.ssoGate = &gate;
    return options;
}

struct Fixture : test::SsoLoginFixture {
    Fixture() {
        ownerP = Principal{owner.id, owner.email, false};
        member = users.create(Principal::system(), NewUser{"member@acme.com", "password-123", "", false});
        orgs.addMember(ownerP, "acme", member.email, Role::Member);
    }
    void enforce(bool on, std::vector<Role> exempt = {Role::Owner}) {
        policy.setEnforcement(ownerP, "acme", on, exempt);
    }
    /// A code of the /login flow for `user`, redeemed at the gated token endpoint.
    std::string issueCode(const User& user) {
        CodeGrant grant;
        grant.clientId = "authcore-console";
        grant.redirectUri = kConsoleRedirect;
        grant.codeChallenge = crypto::base64UrlEncode(crypto::sha256(kVerifier));
        grant.userId = user.id;
        grant.email = user.email;
        grant.scope = "openid email";
        grant.audience = "https://auth.example.com";
        grant.authTime = clock.now();
        return gated.issueAuthorizationCode(grant);
    }
    TokenResult redeem(const std::string& code) {
        return gated.token({{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", kConsoleRedirect},
                            {"code_verifier", kVerifier}, {"client_id", "authcore-console"}},
                           {});
    }
    TokenResult refresh(const std::string& token) { return gated.token(refreshForm(token), {}); }
    /// An SSO login of a new (JIT, member) user of acme and its exchange.
    struct SsoLogin {
        User user;
        std::string sessionId;
        std::string refreshToken;
    };
    SsoLogin ssoLogin(const std::string& email, const std::string& sessionIndex = "") {
        const auto outcome = sso.login(connection, assertion("idp-" + email, email, sessionIndex));
        const auto exchanged = sso.exchange(outcome.code, "192.0.2.1");
        return {*db->users().findByEmail(email), outcome.sessionId, exchanged.refreshToken};
    }
    SsoPolicyService policy{db->ssoConnections(), db->ssoSessions(), db->tokens(), db->organizations(),
                            orgs,                 audit,            clock};
    SsoGate gate{policy, db->users(), db->ssoSessions()};
    TokenService gated{directory, db->clients(), db->tokens(), issuer, jwks,  *codes,
                       limiter,   hasher,        audit,        clock,  gatedOptions(gate)};
    Principal ownerP;
    User member;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(services_sso_enforcement, Fixture)

BOOST_AUTO_TEST_CASE(code_of_an_enforced_member_is_refused_with_sso_required) {
    const auto code = issueCode(member); // issued before the policy was switched on
    enforce(true);
    BOOST_TEST(oauthError([&] { redeem(code); }) == "sso_required");
    // The code is spent: lifting the policy does not bring it back.
    enforce(false);
    BOOST_TEST(oauthError([&] { redeem(code); }) == "invalid_grant");
}

BOOST_AUTO_TEST_CASE(code_of_a_member_is_accepted_while_not_enforced) {
    const auto result = redeem(issueCode(member));
    BOOST_TEST(!result.refreshToken.empty());
}

BOOST_AUTO_TEST_CASE(non_sso_refresh_is_refused_while_enforced_and_burns_nothing) {
    const auto first = redeem(issueCode(member));
    enforce(true);
    BOOST_TEST(oauthError([&] { refresh(first.refreshToken); }) == "sso_required");
    const auto stored = db->tokens().findRefreshToken(crypto::hexEncode(crypto::sha256(first.refreshToken)));
    BOOST_REQUIRE(stored.has_value());
    BOOST_TEST(!stored->usedAt.has_value());
    BOOST_TEST(!stored->revoked);
    enforce(false);
    // The very same token still works: nothing was marked used or revoked.
    BOOST_TEST(!refresh(first.refreshToken).refreshToken.empty());
}

BOOST_AUTO_TEST_CASE(sso_born_refresh_family_still_refreshes_while_enforced) {
    const auto jit = ssoLogin("jit@acme.com");
    const auto other = redeem(issueCode(jit.user)); // the same user's non-SSO family
    enforce(true);
    BOOST_TEST(policy.ssoRequired(jit.user));
    const auto rotated = refresh(jit.refreshToken);
    BOOST_TEST(!rotated.refreshToken.empty());
    BOOST_TEST(!refresh(rotated.refreshToken).refreshToken.empty());
    BOOST_TEST(oauthError([&] { refresh(other.refreshToken); }) == "sso_required");
}

BOOST_AUTO_TEST_CASE(exempt_role_and_system_admin_are_not_affected) {
    const auto ownerTokens = redeem(issueCode(owner));
    const auto root = users.create(Principal::system(), NewUser{"root@acme.com", "password-123", "", true});
    orgs.addMember(ownerP, "acme", root.email, Role::Member);
    const auto rootTokens = redeem(issueCode(root));
    enforce(true, {Role::Owner});
    BOOST_TEST(!refresh(ownerTokens.refreshToken).refreshToken.empty());
    BOOST_TEST(!refresh(rootTokens.refreshToken).refreshToken.empty());
    BOOST_TEST(!redeem(issueCode(owner)).refreshToken.empty());
    BOOST_TEST(!redeem(issueCode(root)).refreshToken.empty());
}

BOOST_AUTO_TEST_CASE(client_credentials_are_not_a_user_flow) {
    enforce(true, {});
    BOOST_TEST(!gated.token(ccForm(), {"worker", secret1}).accessToken.token.empty());
}

BOOST_AUTO_TEST_CASE(refused_grants_are_audited) {
    const auto code = issueCode(member);
    enforce(true);
    BOOST_TEST(oauthError([&] { redeem(code); }) == "sso_required");
    const auto events = audit.list("", "", 200); // the console client belongs to no organization
    BOOST_TEST(std::any_of(events.begin(), events.end(), [](const auto& e) { return e.action == "token.sso_required"; }));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(services_sso_logout_by_sid, Fixture)

BOOST_AUTO_TEST_CASE(sid_alone_ends_only_the_sessions_of_that_sid_and_their_tokens) {
    const auto a = ssoLogin("a@acme.com", "sid-A");
    const auto b = ssoLogin("b@acme.com", "sid-B");
    BOOST_TEST(sso.endSessions(connection.id, "", "sid-A") == 1);
    BOOST_TEST(!db->ssoSessions().find(a.sessionId).has_value());
    BOOST_TEST(db->ssoSessions().find(b.sessionId).has_value());
    BOOST_TEST(oauthError([&] { tokens.token(refreshForm(a.refreshToken), {}); }) == "invalid_grant");
    BOOST_TEST(!tokens.token(refreshForm(b.refreshToken), {}).refreshToken.empty());
}

BOOST_AUTO_TEST_CASE(neither_subject_nor_sid_ends_nothing) {
    const auto a = ssoLogin("a@acme.com");
    BOOST_TEST(sso.endSessions(connection.id, "", "") == 0);
    BOOST_TEST(db->ssoSessions().find(a.sessionId).has_value());
}

BOOST_AUTO_TEST_CASE(refresh_family_lookup_is_per_user) {
    const auto a = ssoLogin("a@acme.com");
    const auto session = db->ssoSessions().find(a.sessionId);
    BOOST_REQUIRE(session.has_value());
    BOOST_TEST(db->ssoSessions().findByRefreshFamily(a.user.id, session->refreshFamilyId).has_value());
    BOOST_TEST(!db->ssoSessions().findByRefreshFamily(member.id, session->refreshFamilyId).has_value());
    BOOST_TEST(!db->ssoSessions().findByRefreshFamily(a.user.id, "rtf_unknown").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
