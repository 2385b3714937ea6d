// SPDX-License-Identifier: Apache-2.0
// AuthService: password login, brute-force limits, sessions, bearer callers.
#include "support/sqlite_fixture.hpp"

#include <authcore/crypto/envelope.hpp>
#include <authcore/error.hpp>
#include <authcore/services/auth_service.hpp>
#include <authcore/services/user_service.hpp>

#include "support/error_code.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;

namespace {

struct AuthFixture : test::SqliteFixture {
    AuthFixture() {
        ring.ensureKeys();
        alice = users.create(Principal::system(), NewUser{"Alice@Example.com", "correct horse", "Alice", false});
    }
    crypto::PasswordHasher hasher{crypto::Argon2Params{1, 1024, 1}};
    crypto::Envelope envelope{crypto::Envelope::generateKey()};
    AuditLog audit{db->audit(), clock, 1};
    std::unique_ptr<CodeStore> codes = makeMemoryCodeStore(clock);
    RateLimiter limiter{*codes};
    KeyRing ring{db->signingKeys(), envelope, clock, KeyRingOptions{}};
    TokenIssuer issuer{ring, clock, "https://auth.example.com", std::chrono::seconds{3600}};
    UserService users{db->users(), db->sessions(), hasher, audit, clock};
    AuthService auth{db->users(), db->sessions(), db->tokens(), hasher, limiter, issuer, audit, clock,
                     AuthOptions{{5, std::chrono::seconds{60}}, {3, std::chrono::seconds{900}}, std::chrono::seconds{600},
                                 "authcore-console"}};
    User alice;
};


} // namespace

BOOST_FIXTURE_TEST_SUITE(services_auth, AuthFixture)

BOOST_AUTO_TEST_CASE(right_password_logs_in_case_insensitively_by_email) {
    BOOST_TEST(auth.authenticatePassword("alice@example.COM", "correct horse", "10.0.0.1").id == alice.id);
}

BOOST_AUTO_TEST_CASE(wrong_password_and_unknown_user_fail_alike) {
    Error wrong(ErrorCode::Internal, ""), unknown(ErrorCode::Internal, "");
    try { auth.authenticatePassword("alice@example.com", "wrong horse", "ip"); } catch (const Error& e) { wrong = e; }
    try { auth.authenticatePassword("nobody@example.com", "wrong horse", "ip"); } catch (const Error& e) { unknown = e; }
    BOOST_TEST(static_cast<int>(wrong.code()) == test::code(ErrorCode::Unauthenticated));
    BOOST_TEST(static_cast<int>(unknown.code()) == test::code(ErrorCode::Unauthenticated));
    BOOST_TEST(std::string(wrong.what()) == std::string(unknown.what()));
}

BOOST_AUTO_TEST_CASE(account_is_locked_after_repeated_failures_even_with_right_password) {
    for (int i = 0; i < 3; ++i)
        BOOST_TEST(test::errorCodeOf([&] { auth.authenticatePassword("alice@example.com", "bad", "ip" + std::to_string(i)); }) ==
                   test::code(ErrorCode::Unauthenticated));
    BOOST_TEST(test::errorCodeOf([&] { auth.authenticatePassword("alice@example.com", "correct horse", "ip9"); }) ==
               test::code(ErrorCode::RateLimited));
    clock.advance(std::chrono::seconds{901});
    BOOST_TEST(auth.authenticatePassword("alice@example.com", "correct horse", "ip9").id == alice.id);
}

BOOST_AUTO_TEST_CASE(one_ip_is_limited_across_accounts_with_retry_after) {
    for (int i = 0; i < 5; ++i) test::errorCodeOf([&] { auth.authenticatePassword("u" + std::to_string(i) + "@x.org", "pw-wrong", "1.2.3.4"); });
    try {
        auth.authenticatePassword("alice@example.com", "correct horse", "1.2.3.4");
        BOOST_FAIL("not limited");
    } catch (const Error& e) {
        BOOST_TEST(static_cast<int>(e.code()) == test::code(ErrorCode::RateLimited));
        BOOST_TEST(e.retryAfterSeconds() > 0);
        BOOST_TEST(e.retryAfterSeconds() <= 60);
    }
}

BOOST_AUTO_TEST_CASE(management_token_identifies_the_user) {
    const auto token = auth.issueManagementToken(alice);
    const auto principal = auth.principalFromBearer(token.token);
    BOOST_TEST(principal.userId == alice.id);
    BOOST_TEST(principal.email == "alice@example.com");
}

BOOST_AUTO_TEST_CASE(revoked_management_token_is_refused) {
    const auto token = auth.issueManagementToken(alice);
    db->tokens().revokeAccessToken(token.jti, clock.now() + std::chrono::seconds{3600});
    BOOST_TEST(test::errorCodeOf([&] { auth.principalFromBearer(token.token); }) ==
               test::code(ErrorCode::Unauthenticated));
}

BOOST_AUTO_TEST_CASE(token_for_another_audience_is_not_a_management_caller) {
    const auto token = issuer.issue(AccessTokenRequest{alice.id, "orders-api", "orders", "", "", {}});
    BOOST_TEST(test::errorCodeOf([&] { auth.principalFromBearer(token.token); }) ==
               test::code(ErrorCode::Unauthenticated));
}

BOOST_AUTO_TEST_CASE(session_resolves_until_expiry_or_logout_and_stores_no_cookie_value) {
    const auto cookie = auth.openSession(alice);
    BOOST_TEST(auth.resolveSession(cookie)->id == alice.id);
    BOOST_TEST(!db->sessions().find(cookie).has_value());
    clock.advance(std::chrono::seconds{601});
    BOOST_TEST(!auth.resolveSession(cookie).has_value());
    const auto second = auth.openSession(alice);
    auth.closeSession(second);
    BOOST_TEST(!auth.resolveSession(second).has_value());
}

BOOST_AUTO_TEST_CASE(password_reset_ends_every_session_of_the_user) {
    const auto first = auth.openSession(alice);
    const auto second = auth.openSession(alice);
    users.resetPassword(Principal::system(), "alice@example.com", "a new password");
    BOOST_TEST(!auth.resolveSession(first).has_value());
    BOOST_TEST(!auth.resolveSession(second).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
