// SPDX-License-Identifier: Apache-2.0
// SsoLoginService: the email and domain rules, matching, JIT provisioning,
// linking with link tokens, sessions and their single-use codes. Every
// refusal also checks that nothing was written.
#include "sso_login_fixture.hpp"

#include "support/error_code.hpp"

#include <authcore/crypto/encoding.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::code;
using test::errorCodeOf;

namespace {

struct Fixture : test::SsoLoginFixture {
    /// Refused with `expected`, and no user, identity, session or code came of it.
    void expectRefusedWithoutWrites(const SsoAssertion& a, ErrorCode expected, const std::string& email) {
        SsoLoginOutcome outcome;
        BOOST_TEST(errorCodeOf([&] { outcome = sso.login(connection, a); }) == code(expected));
        BOOST_TEST(outcome.code.empty());
        BOOST_TEST(outcome.linkToken.empty());
        if (!email.empty()) BOOST_TEST(!db->users().findByEmail(email).has_value());
        BOOST_TEST(!db->identities().find("sso:" + connection.id, a.subject).has_value());
        BOOST_TEST(activeSessions() == 0u);
    }
    SsoLoginOutcome linkRequired() {
        const auto outcome = sso.login(connection, assertion("owner-nameid", "owner@acme.com"));
        BOOST_TEST_REQUIRE(!outcome.linkToken.empty());
        return outcome;
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(services_sso_login, Fixture)

BOOST_AUTO_TEST_CASE(mapped_email_and_name_win_over_the_default_attributes) {
    connection.attributeMapping = {{"email", "corpMail"}, {"name", "fullName"}};
    auto a = assertion("carol-nameid", "other@acme.com");
    a.attributes["corpMail"] = {"Carol@ACME.com", "second@acme.com"};
    a.attributes["fullName"] = {"Carol Cutter"};
    a.attributes["name"] = {"Not This"};
    const auto identity = sso.resolve(connection, a);
    BOOST_TEST(identity.email == "carol@acme.com");
    BOOST_TEST(identity.name == "Carol Cutter");
    BOOST_TEST(identity.user.email == "carol@acme.com");
}

BOOST_AUTO_TEST_CASE(default_attribute_names_give_email_and_given_plus_family_name) {
    SsoAssertion a;
    a.subject = "dave-nameid";
    a.attributes["urn:oid:0.9.2342.19200300.100.1.3"] = {"dave@acme.com"};
    a.attributes["givenName"] = {"Dave"};
    a.attributes["sn"] = {"Doe"};
    const auto identity = sso.resolve(connection, a);
    BOOST_TEST(identity.email == "dave@acme.com");
    BOOST_TEST(identity.name == "Dave Doe");
}

BOOST_AUTO_TEST_CASE(email_format_name_id_is_the_fallback_email) {
    SsoAssertion a;
    a.subject = "Erin@Acme.com";
    a.subjectIsEmail = true;
    BOOST_TEST(sso.resolve(connection, a).email == "erin@acme.com");
    a.subject = "frank@acme.com";
    a.subjectIsEmail = false; // a persistent NameID that looks like an email is no email
    BOOST_TEST(errorCodeOf([&] { sso.resolve(connection, a); }) == code(ErrorCode::InvalidInput));
}

BOOST_AUTO_TEST_CASE(mapped_subject_is_the_stable_id) {
    connection.attributeMapping = {{"subject", "objectGUID"}};
    auto a = assertion("transient-123", "gina@acme.com");
    a.attributes["objectGUID"] = {"guid-gina"};
    sso.login(connection, a);
    BOOST_TEST(db->identities().find("sso:sso_conn_1", "guid-gina").has_value());
    BOOST_TEST(!db->identities().find("sso:sso_conn_1", "transient-123").has_value());
}

BOOST_AUTO_TEST_CASE(no_email_is_invalid_and_writes_nothing) {
    auto a = assertion("nobody-nameid", "");
    a.attributes["mail"] = {""};
    expectRefusedWithoutWrites(a, ErrorCode::InvalidInput, "");
    try {
        sso.login(connection, a);
    } catch (const Error& e) {
        BOOST_TEST(std::string(e.what()) == "the identity provider sent no email");
    }
}

BOOST_AUTO_TEST_CASE(implausible_emails_are_invalid_and_write_nothing) {
    for (const auto* email : {"a b@acme.com", "ann@acme.com\r\n", "ann@acme.com\tx", "annacme.com", "@acme.com",
                              "ann@@acme.com"})
        expectRefusedWithoutWrites(assertion("ann-nameid", email), ErrorCode::InvalidInput, "ann@acme.com");
}

BOOST_AUTO_TEST_CASE(email_outside_the_domains_is_refused_and_writes_nothing) {
    for (const auto* email : {"mallory@globex.com", "mallory@evilacme.com", "mallory@acme.com.evil.org",
                              "mallory@sub.acme.com"})
        expectRefusedWithoutWrites(assertion("mallory-nameid", email), ErrorCode::InvalidInput, email);
    BOOST_TEST(!sso.login(connection, assertion("hal-nameid", "Hal@ACME.COM")).code.empty()); // case-insensitive
}

BOOST_AUTO_TEST_CASE(connection_without_domains_admits_only_users_linked_to_it) {
    connection = makeConnection("sso_conn_2", "acme-nodomain", {});
    db->ssoConnections().insert(connection);
    expectRefusedWithoutWrites(assertion("ivy-nameid", "ivy@acme.com"), ErrorCode::InvalidInput, "ivy@acme.com");
    // The owner's link to this connection exists: it may log in, whatever the email's domain.
    db->identities().link({{"sso:sso_conn_2", "owner-nameid", owner.id, owner.email, clock.now()},
                           std::nullopt, std::nullopt});
    const auto outcome = sso.login(connection, assertion("owner-nameid", "owner@elsewhere.org"));
    BOOST_TEST(!outcome.code.empty());
    BOOST_TEST(outcome.identity.user.id == owner.id);
}

BOOST_AUTO_TEST_CASE(jit_creates_user_membership_and_identity) {
    connection.defaultRole = Role::Admin;
    auto a = assertion("jane-nameid", "jane@acme.com", "idx-1");
    a.attributes["displayName"] = {"Jane Jones"};
    const auto outcome = sso.login(connection, a);
    BOOST_TEST(outcome.identity.jitProvisioned);
    BOOST_TEST(!outcome.code.empty());
    const auto user = db->users().findByEmail("jane@acme.com");
    BOOST_TEST_REQUIRE(user.has_value());
    BOOST_TEST(user->id.rfind("usr_", 0) == 0u);
    BOOST_TEST(user->id == outcome.identity.user.id);
    BOOST_TEST(user->name == "Jane Jones");
    BOOST_TEST(user->emailVerified);
    BOOST_TEST(user->passwordHash.empty());
    const auto membership = db->organizations().findMembership(organizationId, user->id);
    BOOST_TEST_REQUIRE(membership.has_value());
    BOOST_TEST((membership->role == Role::Admin));
    BOOST_TEST(db->identities().find("sso:sso_conn_1", "jane-nameid")->userId == user->id);
    const auto session = db->ssoSessions().find(outcome.sessionId);
    BOOST_TEST_REQUIRE(session.has_value());
    BOOST_TEST(session->sessionIndex == "idx-1");
    BOOST_TEST(session->refreshFamilyId.rfind("rtf_", 0) == 0u);
    BOOST_TEST(audited("sso.jit_provision"));
    BOOST_TEST(audited("sso.login"));
}

BOOST_AUTO_TEST_CASE(jit_off_is_forbidden_and_writes_nothing) {
    connection.jitProvisioning = false;
    expectRefusedWithoutWrites(assertion("kim-nameid", "kim@acme.com"), ErrorCode::Forbidden, "kim@acme.com");
}

BOOST_AUTO_TEST_CASE(inactive_connection_is_forbidden_and_writes_nothing) {
    connection.status = SsoConnectionStatus::Inactive;
    expectRefusedWithoutWrites(assertion("kim-nameid", "kim@acme.com"), ErrorCode::Forbidden, "kim@acme.com");
}

BOOST_AUTO_TEST_CASE(linked_user_is_found_by_subject_after_an_email_change) {
    const auto first = sso.login(connection, assertion("leo-nameid", "leo@acme.com"));
    const auto second = sso.login(connection, assertion("leo-nameid", "leo.lion@acme.com"));
    BOOST_TEST(!second.identity.jitProvisioned);
    BOOST_TEST(second.identity.user.id == first.identity.user.id);
    BOOST_TEST(!db->users().findByEmail("leo.lion@acme.com").has_value());
    // The membership is left as it is: a linked user removed from the org stays out.
    db->organizations().removeMembership(organizationId, first.identity.user.id);
    sso.login(connection, assertion("leo-nameid", "leo@acme.com"));
    BOOST_TEST(!db->organizations().findMembership(organizationId, first.identity.user.id).has_value());
}

BOOST_AUTO_TEST_CASE(a_new_subject_for_a_user_already_linked_here_is_the_same_user) {
    // Transient NameIDs change at every login; the email, in the connection's
    // domains, finds the user this connection provisioned.
    const auto first = sso.login(connection, assertion("transient-1", "tia@acme.com"));
    const auto second = sso.login(connection, assertion("transient-2", "tia@acme.com"));
    BOOST_TEST(second.identity.user.id == first.identity.user.id);
    BOOST_TEST(!second.identity.jitProvisioned);
    BOOST_TEST(!second.code.empty());
    // Another connection has no such claim on the user.
    auto other = makeConnection("sso_conn_2", "acme-other", {});
    db->ssoConnections().insert(other);
    BOOST_CHECK_THROW(sso.login(other, assertion("transient-3", "tia@acme.com")), Error);
}

BOOST_AUTO_TEST_CASE(existing_user_without_password_is_forbidden) {
    const auto sam = users.create(Principal::system(), NewUser{"sam@acme.com", "", "Sam", false});
    expectRefusedWithoutWrites(assertion("sam-nameid", "sam@acme.com"), ErrorCode::Forbidden, "");
    BOOST_TEST(db->identities().listForUser(sam.id).empty());
}

BOOST_AUTO_TEST_CASE(password_user_gets_a_link_token_and_resolve_conflicts) {
    const auto outcome = linkRequired();
    BOOST_TEST(outcome.code.empty());
    BOOST_TEST(outcome.identity.user.id.empty());
    BOOST_TEST(outcome.sessionId.empty());
    BOOST_TEST(activeSessions() == 0u);
    BOOST_TEST(db->identities().listForUser(owner.id).empty());
    BOOST_TEST(errorCodeOf([&] { sso.resolve(connection, assertion("owner-nameid", "owner@acme.com")); }) ==
               code(ErrorCode::Conflict));
    BOOST_TEST(audited("sso.link_required"));
}

BOOST_AUTO_TEST_CASE(four_wrong_passwords_then_the_right_one_links) {
    const auto token = linkRequired().linkToken;
    for (int i = 0; i < 4; ++i)
        BOOST_TEST(errorCodeOf([&] { sso.confirmLink(token, "wrong-password"); }) == code(ErrorCode::Unauthenticated));
    const auto ssoCode = sso.confirmLink(token, kOwnerPassword);
    BOOST_TEST(!ssoCode.empty());
    BOOST_TEST(db->identities().find("sso:sso_conn_1", "owner-nameid")->userId == owner.id);
    BOOST_TEST(sso.exchange(ssoCode, "192.0.2.1").accessToken.token.size() > 0u);
    // Linked now: the next login gets a code straight away.
    BOOST_TEST(!sso.login(connection, assertion("owner-nameid", "owner@acme.com")).code.empty());
    BOOST_TEST(audited("sso.link_failed"));
    BOOST_TEST(audited("sso.link_confirmed"));
}

BOOST_AUTO_TEST_CASE(five_wrong_passwords_burn_the_link_token) {
    const auto token = linkRequired().linkToken;
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(errorCodeOf([&] { sso.confirmLink(token, "wrong-password"); }) == code(ErrorCode::Unauthenticated));
    BOOST_TEST(errorCodeOf([&] { sso.confirmLink(token, kOwnerPassword); }) == code(ErrorCode::NotFound));
    BOOST_TEST(db->identities().listForUser(owner.id).empty());
    BOOST_TEST(activeSessions() == 0u);
}

BOOST_AUTO_TEST_CASE(link_token_is_single_use) {
    const auto token = linkRequired().linkToken;
    BOOST_TEST(!sso.confirmLink(token, kOwnerPassword).empty());
    BOOST_TEST(errorCodeOf([&] { sso.confirmLink(token, kOwnerPassword); }) == code(ErrorCode::NotFound));
    BOOST_TEST(activeSessions() == 1u);
}

BOOST_AUTO_TEST_CASE(link_token_expires_after_ten_minutes) {
    const auto token = linkRequired().linkToken;
    clock.advance(std::chrono::seconds{601});
    BOOST_TEST(errorCodeOf([&] { sso.confirmLink(token, kOwnerPassword); }) == code(ErrorCode::NotFound));
    BOOST_TEST(errorCodeOf([&] { sso.confirmLink("made-up-token", kOwnerPassword); }) == code(ErrorCode::NotFound));
    BOOST_TEST(db->identities().listForUser(owner.id).empty());
}

BOOST_AUTO_TEST_CASE(exchange_issues_console_tokens_whose_refresh_works) {
    const auto outcome = sso.login(connection, assertion("mia-nameid", "mia@acme.com"));
    const auto result = sso.exchange(outcome.code, "192.0.2.1");
    const auto claims = issuer.verify(result.accessToken.token, "https://auth.example.com");
    BOOST_TEST_REQUIRE(claims.has_value());
    BOOST_TEST(*claims->string("sub") == outcome.identity.user.id);
    BOOST_TEST(*claims->string("client_id") == "authcore-console");
    BOOST_TEST(*claims->string("email") == "mia@acme.com");
    BOOST_TEST(result.scope == "openid email profile");
    const auto family = db->ssoSessions().find(outcome.sessionId)->refreshFamilyId;
    const auto refreshHash = crypto::hexEncode(crypto::sha256(result.refreshToken));
    BOOST_TEST(db->tokens().findRefreshToken(refreshHash)->familyId == family);
    BOOST_TEST(!tokens.token(refreshForm(result.refreshToken), {}).refreshToken.empty());
    BOOST_TEST(audited("sso.exchange"));
}

BOOST_AUTO_TEST_CASE(second_use_of_a_code_fails_and_revokes_what_the_first_issued) {
    const auto outcome = sso.login(connection, assertion("ned-nameid", "ned@acme.com"));
    const auto first = sso.exchange(outcome.code, "192.0.2.1");
    BOOST_TEST(errorCodeOf([&] { sso.exchange(outcome.code, "192.0.2.1"); }) == code(ErrorCode::InvalidInput));
    BOOST_TEST(db->tokens().isAccessTokenRevoked(first.accessToken.jti));
    BOOST_TEST(oauthError([&] { tokens.token(refreshForm(first.refreshToken), {}); }) == "invalid_grant");
    BOOST_TEST(errorCodeOf([&] { sso.exchange("never-issued", "192.0.2.1"); }) == code(ErrorCode::InvalidInput));
    BOOST_TEST(errorCodeOf([&] { sso.exchange("", "192.0.2.1"); }) == code(ErrorCode::InvalidInput));
}

BOOST_AUTO_TEST_CASE(code_expires_after_sixty_seconds) {
    const auto late = sso.login(connection, assertion("olga-nameid", "olga@acme.com"));
    const auto onTime = sso.login(connection, assertion("olga-nameid", "olga@acme.com"));
    clock.advance(std::chrono::seconds{59});
    BOOST_TEST(!sso.exchange(onTime.code, "192.0.2.1").refreshToken.empty());
    clock.advance(std::chrono::seconds{2});
    BOOST_TEST(errorCodeOf([&] { sso.exchange(late.code, "192.0.2.1"); }) == code(ErrorCode::InvalidInput));
}

BOOST_AUTO_TEST_CASE(twenty_first_exchange_from_one_ip_is_rate_limited) {
    const auto outcome = sso.login(connection, assertion("pia-nameid", "pia@acme.com"));
    for (int i = 0; i < 20; ++i)
        BOOST_TEST(errorCodeOf([&] { sso.exchange("guess-" + std::to_string(i), "198.51.100.7"); }) ==
                   code(ErrorCode::InvalidInput));
    try {
        sso.exchange(outcome.code, "198.51.100.7");
        BOOST_FAIL("the 21st exchange was not limited");
    } catch (const Error& e) {
        BOOST_TEST(code(e.code()) == code(ErrorCode::RateLimited));
        BOOST_TEST(e.retryAfterSeconds() > 0);
    }
    BOOST_TEST(!sso.exchange(outcome.code, "198.51.100.8").refreshToken.empty()); // the code was not spent
}

BOOST_AUTO_TEST_CASE(session_expiry_is_capped_by_the_idp_session) {
    const auto now = clock.now();
    auto a = assertion("quinn-nameid", "quinn@acme.com");
    const auto plain = sso.login(connection, a);
    BOOST_TEST(toUnix(db->ssoSessions().find(plain.sessionId)->expiresAt) == toUnix(now + std::chrono::hours{8}));
    a.notOnOrAfter = now + std::chrono::hours{1};
    const auto capped = sso.login(connection, a);
    BOOST_TEST(toUnix(db->ssoSessions().find(capped.sessionId)->expiresAt) == toUnix(now + std::chrono::hours{1}));
    a.notOnOrAfter = now + std::chrono::hours{9}; // later than ours: ours holds
    const auto later = sso.login(connection, a);
    BOOST_TEST(toUnix(db->ssoSessions().find(later.sessionId)->expiresAt) == toUnix(now + std::chrono::hours{8}));
    a.notOnOrAfter = now; // already over
    BOOST_TEST(errorCodeOf([&] { sso.login(connection, a); }) == code(ErrorCode::InvalidInput));
    BOOST_TEST(activeSessions() == 3u);
}

BOOST_AUTO_TEST_CASE(end_sessions_revokes_the_refresh_tokens) {
    const auto one = sso.login(connection, assertion("rita-nameid", "rita@acme.com", "idx-1"));
    const auto two = sso.login(connection, assertion("rita-nameid", "rita@acme.com", "idx-2"));
    const auto first = sso.exchange(one.code, "192.0.2.1");
    const auto second = sso.exchange(two.code, "192.0.2.1");
    BOOST_TEST(sso.endSessions(connection.id, "rita-nameid", "idx-1") == 1);
    BOOST_TEST(oauthError([&] { tokens.token(refreshForm(first.refreshToken), {}); }) == "invalid_grant");
    BOOST_TEST(!db->ssoSessions().find(one.sessionId).has_value());
    const auto rotated = tokens.token(refreshForm(second.refreshToken), {});
    BOOST_TEST(sso.endSessions(connection.id, "rita-nameid", "") == 1);
    BOOST_TEST(oauthError([&] { tokens.token(refreshForm(rotated.refreshToken), {}); }) == "invalid_grant");
    BOOST_TEST(sso.endSessions(connection.id, "rita-nameid", "") == 0);
    BOOST_TEST(audited("sso.logout"));
}

BOOST_AUTO_TEST_CASE(no_code_token_or_password_reaches_the_audit_log) {
    const auto outcome = sso.login(connection, assertion("sue-nameid", "sue@acme.com"));
    const auto tokensIssued = sso.exchange(outcome.code, "192.0.2.1");
    const auto link = linkRequired().linkToken;
    BOOST_CHECK_THROW(sso.confirmLink(link, "wrong-password"), Error);
    for (const auto& e : audit.list(organizationId, "", 200))
        for (const auto& secret : {outcome.code, link, tokensIssued.refreshToken, std::string("wrong-password")})
            BOOST_TEST((e.target.find(secret) == std::string::npos && e.actor.find(secret) == std::string::npos));
}

BOOST_AUTO_TEST_SUITE_END()
