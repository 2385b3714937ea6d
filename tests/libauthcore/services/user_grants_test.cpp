// SPDX-License-Identifier: Apache-2.0
// The user grants: authorization_code with PKCE S256 and refresh_token rotation.
#include "token_fixture.hpp"

#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/jwt.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore;

namespace {

const std::string kWebRedirect = "https://app.example.com/callback";
const std::string kMobileRedirect = "https://mobile.example.com/callback";
const std::string kVerifier = "verifier-0123456789-abcdefghijklmnopqrstuvwxyz~._ABC";

std::string s256(const std::string& verifier) { return crypto::base64UrlEncode(crypto::sha256(verifier)); }

/// A confidential client (webapp), a public one (mobile) and a user.
struct UserGrantFixture : test::TokenFixture {
    UserGrantFixture() {
        clients.create(Principal::system(),
                       NewClient{"webapp", "Web app", ClientType::Application, "", "", {kWebRedirect}, false, {}});
        clients.create(Principal::system(),
                       NewClient{"mobile", "Mobile", ClientType::Application, "", "", {kMobileRedirect}, true, {}});
        webSecret = clients.generateSecret(Principal::system(), "webapp", 1);
        User user;
        user.id = "usr_alice";
        user.email = "alice@example.com";
        user.name = "Alice";
        user.createdAt = user.updatedAt = clock.now();
        db->users().insert(user);
    }

    CodeGrant grant(const std::string& clientId = "webapp", const std::string& scope = "openid read") {
        CodeGrant g;
        g.clientId = clientId;
        g.redirectUri = clientId == "webapp" ? kWebRedirect : kMobileRedirect;
        g.codeChallenge = s256(kVerifier);
        g.userId = "usr_alice";
        g.email = "alice@example.com";
        g.scope = scope;
        g.audience = clientId;
        g.nonce = "nonce-42";
        g.authTime = clock.now() - std::chrono::seconds{30};
        return g;
    }
    std::map<std::string, std::string> codeForm(const std::string& code, const std::string& redirect = kWebRedirect,
                                                const std::string& verifier = kVerifier) {
        return {{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", redirect},
                {"code_verifier", verifier}};
    }
    std::map<std::string, std::string> refreshForm(const std::string& token, const std::string& scope = "") {
        std::map<std::string, std::string> form{{"grant_type", "refresh_token"}, {"refresh_token", token}};
        if (!scope.empty()) form["scope"] = scope;
        return form;
    }
    ClientCredentials web() const { return {"webapp", webSecret}; }
    TokenResult redeem(const CodeGrant& g = {}) {
        const auto actual = g.clientId.empty() ? grant() : g;
        return tokens.token(codeForm(tokens.issueAuthorizationCode(actual), actual.redirectUri),
                            actual.clientId == "webapp" ? web() : ClientCredentials{actual.clientId, ""});
    }
    std::string jti(const TokenResult& result, const std::string& audience = "webapp") {
        return *issuer.verify(result.accessToken.token, audience)->string("jti");
    }

    std::string webSecret;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(services_authorization_code, UserGrantFixture)

BOOST_AUTO_TEST_CASE(code_gives_access_refresh_and_id_token) {
    const auto result = redeem();
    BOOST_TEST(result.grantType == "authorization_code");
    BOOST_TEST(result.scope == "openid read");
    auto access = issuer.verify(result.accessToken.token, "webapp");
    BOOST_REQUIRE(access);
    BOOST_TEST(*access->string("sub") == "usr_alice");
    BOOST_TEST(*access->string("client_id") == "webapp");
    BOOST_TEST(*access->string("email") == "alice@example.com");
    BOOST_TEST(result.refreshToken.size() >= 43u);

    crypto::VerifyOptions options;
    options.now = clock.now();
    options.issuer = issuer.issuer();
    options.audience = "webapp";
    options.type = "JWT";
    auto id = crypto::verifyJwt(result.idToken, ring.verificationKeys(), options);
    BOOST_REQUIRE(id);
    BOOST_TEST(*id->string("sub") == "usr_alice");
    BOOST_TEST(*id->string("nonce") == "nonce-42");
    BOOST_TEST(*id->string("email") == "alice@example.com");
    BOOST_TEST(*id->integer("auth_time") == toUnix(clock.now()) - 30);
    BOOST_TEST(id->audience() == std::vector<std::string>{"webapp"});
}

BOOST_AUTO_TEST_CASE(no_id_token_without_openid) {
    BOOST_TEST(redeem(grant("webapp", "read")).idToken.empty());
}

BOOST_AUTO_TEST_CASE(second_use_fails_and_revokes_what_the_first_issued) {
    const auto code = tokens.issueAuthorizationCode(grant());
    const auto first = tokens.token(codeForm(code), web());
    BOOST_TEST(!db->tokens().isAccessTokenRevoked(jti(first)));
    BOOST_TEST(oauthError([&] { tokens.token(codeForm(code), web()); }) == "invalid_grant");
    BOOST_TEST(db->tokens().isAccessTokenRevoked(jti(first)));
    BOOST_TEST(oauthError([&] { tokens.token(refreshForm(first.refreshToken), web()); }) == "invalid_grant");
    // The marker stays: a third use is refused as well.
    BOOST_TEST(oauthError([&] { tokens.token(codeForm(code), web()); }) == "invalid_grant");
}

BOOST_AUTO_TEST_CASE(code_expires_after_60_seconds) {
    const auto code = tokens.issueAuthorizationCode(grant());
    clock.advance(std::chrono::seconds{61});
    BOOST_TEST(oauthError([&] { tokens.token(codeForm(code), web()); }) == "invalid_grant");
}

BOOST_AUTO_TEST_CASE(wrong_redirect_uri_is_refused) {
    const auto code = tokens.issueAuthorizationCode(grant());
    BOOST_TEST(oauthError([&] { tokens.token(codeForm(code, kWebRedirect + "/"), web()); }) == "invalid_grant");
}

BOOST_AUTO_TEST_CASE(code_of_another_client_is_refused) {
    const auto code = tokens.issueAuthorizationCode(grant("webapp"));
    BOOST_TEST(oauthError([&] { tokens.token(codeForm(code), {"mobile", ""}); }) == "invalid_grant");
}

BOOST_AUTO_TEST_CASE(wrong_or_missing_verifier_is_refused) {
    const auto code = tokens.issueAuthorizationCode(grant());
    BOOST_TEST(oauthError([&] { tokens.token(codeForm(code, kWebRedirect, kVerifier + "x"), web()); }) ==
               "invalid_grant");
    BOOST_TEST(oauthError([&] { tokens.token(codeForm(code, kWebRedirect, ""), web()); }) == "invalid_request");
    const auto other = tokens.issueAuthorizationCode(grant());
    BOOST_TEST(oauthError([&] { tokens.token(codeForm(other, kWebRedirect, "short"), web()); }) == "invalid_grant");
}

BOOST_AUTO_TEST_CASE(plain_challenge_is_impossible) {
    auto plain = grant();
    plain.codeChallenge = kVerifier; // 53 chars: not a digest
    BOOST_CHECK_THROW(tokens.issueAuthorizationCode(plain), Error);
    plain.codeChallenge = "";
    BOOST_CHECK_THROW(tokens.issueAuthorizationCode(plain), Error);
    // A 43-char verifier passes as a challenge, but only S256 of the verifier matches it.
    const std::string verifier43 = std::string(42, 'a') + "A"; // canonical base64url of 32 bytes
    plain.codeChallenge = verifier43;
    const auto code = tokens.issueAuthorizationCode(plain);
    BOOST_TEST(oauthError([&] { tokens.token(codeForm(code, kWebRedirect, verifier43), web()); }) ==
               "invalid_grant");
}

BOOST_AUTO_TEST_CASE(public_client_needs_no_secret) {
    const auto result = redeem(grant("mobile"));
    BOOST_TEST(*issuer.verify(result.accessToken.token, "mobile")->string("client_id") == "mobile");
    auto form = codeForm(tokens.issueAuthorizationCode(grant("mobile")), kMobileRedirect);
    form["client_id"] = "mobile";
    BOOST_TEST(oauthError([&] { tokens.token(form, {}); }) == "");
}

BOOST_AUTO_TEST_CASE(public_client_with_a_wrong_secret_is_refused) {
    const auto code = tokens.issueAuthorizationCode(grant("mobile"));
    BOOST_TEST(oauthError([&] { tokens.token(codeForm(code, kMobileRedirect), {"mobile", "nope"}); }) ==
               "invalid_client");
}

BOOST_AUTO_TEST_CASE(confidential_client_without_secret_is_invalid_client) {
    const auto code = tokens.issueAuthorizationCode(grant());
    BOOST_TEST(oauthError([&] { tokens.token(codeForm(code), {"webapp", ""}); }) == "invalid_client");
    BOOST_TEST(oauthError([&] { tokens.token(codeForm(code), {"webapp", "wrong"}); }) == "invalid_client");
    // Client authentication failed before the code was taken: it still works.
    BOOST_TEST(oauthError([&] { tokens.token(codeForm(code), web()); }) == "");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(services_refresh_token, UserGrantFixture)

BOOST_AUTO_TEST_CASE(rotation_gives_new_tokens) {
    const auto first = redeem();
    clock.advance(std::chrono::seconds{10});
    const auto second = tokens.token(refreshForm(first.refreshToken), web());
    BOOST_TEST(second.grantType == "refresh_token");
    BOOST_TEST(second.refreshToken != first.refreshToken);
    BOOST_TEST(second.scope == "openid read");
    BOOST_TEST(*issuer.verify(second.accessToken.token, "webapp")->string("sub") == "usr_alice");
    BOOST_TEST(!second.idToken.empty());
    // The login's email and auth_time carry over; its nonce does not.
    BOOST_TEST(*issuer.verify(second.accessToken.token, "webapp")->string("email") == "alice@example.com");
    const auto id = crypto::peekJwtPart(second.idToken, 1);
    BOOST_TEST(*id->string("email") == "alice@example.com");
    BOOST_TEST(*id->integer("auth_time") == *crypto::peekJwtPart(first.idToken, 1)->integer("auth_time"));
    BOOST_TEST(!id->has("nonce"));
    const auto third = tokens.token(refreshForm(second.refreshToken), web());
    BOOST_TEST(!third.refreshToken.empty());
}

BOOST_AUTO_TEST_CASE(reused_token_revokes_the_family) {
    const auto first = redeem();
    const auto second = tokens.token(refreshForm(first.refreshToken), web());
    BOOST_TEST(oauthError([&] { tokens.token(refreshForm(first.refreshToken), web()); }) == "invalid_grant");
    BOOST_TEST(oauthError([&] { tokens.token(refreshForm(second.refreshToken), web()); }) == "invalid_grant");
}

BOOST_AUTO_TEST_CASE(another_client_cannot_refresh) {
    const auto first = redeem();
    BOOST_TEST(oauthError([&] { tokens.token(refreshForm(first.refreshToken), {"mobile", ""}); }) == "invalid_grant");
    BOOST_TEST(oauthError([&] { tokens.token(refreshForm(first.refreshToken), web()); }) == "");
}

BOOST_AUTO_TEST_CASE(confidential_client_needs_its_secret) {
    const auto first = redeem();
    BOOST_TEST(oauthError([&] { tokens.token(refreshForm(first.refreshToken), {"webapp", ""}); }) ==
               "invalid_client");
}

BOOST_AUTO_TEST_CASE(public_client_refreshes_with_client_id_only) {
    const auto first = redeem(grant("mobile"));
    auto form = refreshForm(first.refreshToken);
    form["client_id"] = "mobile";
    BOOST_TEST(!tokens.token(form, {}).refreshToken.empty());
}

BOOST_AUTO_TEST_CASE(narrower_scope_works_wider_fails) {
    const auto first = redeem();
    BOOST_TEST(oauthError([&] { tokens.token(refreshForm(first.refreshToken, "read write"), web()); }) ==
               "invalid_scope");
    const auto narrow = tokens.token(refreshForm(first.refreshToken, "read"), web());
    BOOST_TEST(narrow.scope == "read");
    BOOST_TEST(narrow.idToken.empty());
    BOOST_TEST(*issuer.verify(narrow.accessToken.token, "webapp")->string("scope") == "read");
    // The rotated token keeps the original grant's scope.
    BOOST_TEST(tokens.token(refreshForm(narrow.refreshToken), web()).scope == "openid read");
}

BOOST_AUTO_TEST_CASE(expired_token_is_refused) {
    const auto first = redeem();
    clock.advance(std::chrono::hours{24 * 30 + 1});
    BOOST_TEST(oauthError([&] { tokens.token(refreshForm(first.refreshToken), web()); }) == "invalid_grant");
}

BOOST_AUTO_TEST_CASE(refreshing_does_not_extend_the_session_past_30_days) {
    auto current = redeem();
    for (int day = 0; day < 29; ++day) { // a client that refreshes daily
        clock.advance(std::chrono::hours{24});
        current = tokens.token(refreshForm(current.refreshToken), web());
    }
    clock.advance(std::chrono::hours{24} + std::chrono::seconds{1});
    BOOST_TEST(oauthError([&] { tokens.token(refreshForm(current.refreshToken), web()); }) == "invalid_grant");
}

BOOST_AUTO_TEST_CASE(unknown_token_is_refused) {
    BOOST_TEST(oauthError([&] { tokens.token(refreshForm("not-a-token"), web()); }) == "invalid_grant");
}

BOOST_AUTO_TEST_SUITE_END()
