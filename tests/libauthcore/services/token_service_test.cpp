// SPDX-License-Identifier: Apache-2.0
// TokenService: client authentication, client_credentials, introspection, revocation.
#include "token_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;

BOOST_FIXTURE_TEST_SUITE(services_client_credentials, test::TokenFixture)

BOOST_AUTO_TEST_CASE(secret_in_slot_one_gets_a_token_with_all_authorized_scopes) {
    const auto result = tokens.token(ccForm(), {"worker", secret1});
    BOOST_TEST(result.scope == "read write");
    auto claims = issuer.verify(result.accessToken.token, "orders-api");
    BOOST_REQUIRE(claims.has_value());
    BOOST_TEST(*claims->string("sub") == "worker");
    BOOST_TEST(*claims->string("client_id") == "worker");
    BOOST_TEST(*claims->string("scope") == "read write");
}

BOOST_AUTO_TEST_CASE(either_slot_works_and_clearing_one_takes_effect_at_once) {
    const auto secret2 = clients.generateSecret(Principal::system(), "worker", 2);
    BOOST_TEST(tokens.token(ccForm(), {"worker", secret2}).scope == "read write");
    BOOST_TEST(tokens.token(ccForm(), {"worker", secret1}).scope == "read write");
    clients.clearSecret(Principal::system(), "worker", 1);
    BOOST_TEST(oauthError([&] { tokens.token(ccForm(), {"worker", secret1}); }) == "invalid_client");
    BOOST_TEST(tokens.token(ccForm(), {"worker", secret2}).scope == "read write");
}

BOOST_AUTO_TEST_CASE(secrets_are_stored_only_as_hashes) {
    const auto stored = db->clients().findById("worker");
    BOOST_TEST(stored->secret1.hash != secret1);
    BOOST_TEST(stored->secret1.hash == hasher.hash(secret1));
    BOOST_TEST(secret1.size() >= 43u); // 256 bits in base64url
}

BOOST_AUTO_TEST_CASE(wrong_secret_and_unknown_client_fail_alike) {
    std::string wrong, unknown;
    try { tokens.token(ccForm(), {"worker", "nope"}); } catch (const OAuthError& e) { wrong = std::string(e.code()) + e.what(); }
    try { tokens.token(ccForm(), {"ghost", "nope"}); } catch (const OAuthError& e) { unknown = std::string(e.code()) + e.what(); }
    BOOST_TEST(wrong == "invalid_clientclient authentication failed");
    BOOST_TEST(unknown == wrong);
}

BOOST_AUTO_TEST_CASE(no_authorization_for_audience_is_invalid_grant) {
    BOOST_TEST(oauthError([&] { tokens.token(ccForm("worker"), {"worker", secret1}); }) == "invalid_grant");
}

BOOST_AUTO_TEST_CASE(scope_must_be_a_subset_of_the_authorization) {
    auto form = ccForm();
    form["scope"] = "read";
    BOOST_TEST(tokens.token(form, {"worker", secret1}).scope == "read");
    form["scope"] = "read admin";
    BOOST_TEST(oauthError([&] { tokens.token(form, {"worker", secret1}); }) == "invalid_scope");
}

BOOST_AUTO_TEST_CASE(missing_audience_and_unknown_grant_are_refused) {
    BOOST_TEST(oauthError([&] { tokens.token({{"grant_type", "client_credentials"}}, {"worker", secret1}); }) ==
               "invalid_request");
    BOOST_TEST(oauthError([&] { tokens.token({{"grant_type", "password"}}, {"worker", secret1}); }) ==
               "unsupported_grant_type");
    BOOST_TEST(oauthError([&] { tokens.token({}, {"worker", secret1}); }) == "invalid_request");
}

BOOST_AUTO_TEST_CASE(repeated_failures_are_rate_limited_but_the_right_secret_still_works) {
    for (int i = 0; i < 5; ++i) BOOST_TEST(oauthError([&] { tokens.token(ccForm(), {"worker", "bad"}); }) == "invalid_client");
    try {
        tokens.token(ccForm(), {"worker", "bad"});
        BOOST_FAIL("not limited");
    } catch (const OAuthError& e) {
        BOOST_TEST(e.retryAfter > 0);
    }
    BOOST_TEST(tokens.token(ccForm(), {"worker", secret1}).scope == "read write");
}

BOOST_AUTO_TEST_CASE(deauthorized_client_gets_no_more_tokens) {
    clients.deauthorize(Principal::system(), "worker", "orders-api");
    BOOST_TEST(oauthError([&] { tokens.token(ccForm(), {"worker", secret1}); }) == "invalid_grant");
}

BOOST_AUTO_TEST_CASE(removed_authorized_scope_is_no_longer_granted) {
    clients.removeAuthorizedScope(Principal::system(), "worker", "orders-api", "write");
    BOOST_TEST(tokens.token(ccForm(), {"worker", secret1}).scope == "read");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(services_introspection, test::TokenFixture)

BOOST_AUTO_TEST_CASE(audience_and_owner_see_an_active_token_others_do_not) {
    const auto token = tokens.token(ccForm(), {"worker", secret1}).accessToken.token;
    const auto auditor = clients.generateSecret(Principal::system(), "orders-api", 1);
    BOOST_TEST(tokens.introspect({"orders-api", auditor}, token).find(R"("active":true)") != std::string::npos);
    BOOST_TEST(tokens.introspect({"worker", secret1}, token).find(R"("scope":"read write")") != std::string::npos);
    clients.create(Principal::system(), NewClient{"snoop", "", ClientType::Application, "", "", {}, false, {}});
    const auto snoop = clients.generateSecret(Principal::system(), "snoop", 1);
    BOOST_TEST(tokens.introspect({"snoop", snoop}, token) == R"({"active":false})");
    BOOST_TEST(tokens.introspect({"worker", secret1}, "not-a-token") == R"({"active":false})");
}

BOOST_AUTO_TEST_CASE(revoked_token_is_inactive_and_only_its_client_can_revoke) {
    const auto token = tokens.token(ccForm(), {"worker", secret1}).accessToken.token;
    const auto auditor = clients.generateSecret(Principal::system(), "orders-api", 1);
    tokens.revoke({"orders-api", auditor}, token); // not its client: no effect
    BOOST_TEST(tokens.introspect({"worker", secret1}, token).find(R"("active":true)") != std::string::npos);
    tokens.revoke({"worker", secret1}, token);
    BOOST_TEST(tokens.introspect({"worker", secret1}, token) == R"({"active":false})");
}

BOOST_AUTO_TEST_CASE(introspection_needs_client_authentication) {
    const auto token = tokens.token(ccForm(), {"worker", secret1}).accessToken.token;
    BOOST_TEST(oauthError([&] { tokens.introspect({"worker", "wrong"}, token); }) == "invalid_client");
}

BOOST_AUTO_TEST_SUITE_END()
