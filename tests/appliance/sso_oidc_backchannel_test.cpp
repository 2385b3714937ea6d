// SPDX-License-Identifier: Apache-2.0
// OpenID Connect Back-Channel Logout at /auth/sso/{slug}/oidc/backchannel-logout,
// sent by the real OpenID Provider (authlib): a valid logout token ends the
// SSO session and its refresh tokens; each forged or replayed one is a 400
// that ends nothing and burns no jti.
#include "sso_oidc_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::LogoutSpec;
using test::parseJson;
using test::queryOf;

namespace {

constexpr const char* kSid = "op-session-1";

test::UpstreamUserSpec withSid() {
    test::UpstreamUserSpec user;
    user.sid = kSid;
    return user;
}

struct BackChannelFixture : test::SsoOidcFixture {
    BackChannelFixture() : SsoOidcFixture(withSid()) {}

    std::string target() const { return "http://127.0.0.1:" + std::to_string(appPort) + kBase + "/backchannel-logout"; }
    /// Alice's SSO login through the provider, exchanged; her refresh token.
    std::string signIn() {
        const auto r = expect(login(), 302);
        const auto code = queryOf(r.header("Location"))["code"];
        const auto tokens = expect(app.post("/auth/sso/exchange", R"({"code":")" + code + "\"}"), 200);
        return parseJson(tokens.body)->getValue<std::string>("refresh_token");
    }
    test::HttpResult refresh(const std::string& token) {
        return test::httpRequest(app.port, "POST", "/v1/token",
                                 "grant_type=refresh_token&client_id=authcore-console&refresh_token=" + token, {},
                                 "application/x-www-form-urlencoded");
    }
    /// The sessions the admins see over REST.
    std::size_t listedSessions() {
        const auto r = expect(app.get("/api/v1/organizations/acme/sso/sessions", ownerAuth), 200);
        return parseJson(r.body)->getArray("sessions")->size();
    }
    test::LogoutAnswer logout(const LogoutSpec& spec) { return op.sendBackChannelLogout(target(), spec); }
    test::HttpResult post(const std::string& body, const std::string& type) {
        return test::httpRequest(app.port, "POST", kBase + "/backchannel-logout", body, {}, type);
    }
};

std::string errorOf(const std::string& body) { return parseJson(body)->getValue<std::string>("error"); }

} // namespace

BOOST_FIXTURE_TEST_SUITE(interop_sso_oidc_backchannel, BackChannelFixture)

BOOST_AUTO_TEST_CASE(logout_by_sub_ends_the_session_and_its_refresh_tokens) {
    const auto token = signIn();
    const auto rotated = refresh(token);
    BOOST_TEST_REQUIRE(rotated.status == 200, rotated.body);
    BOOST_TEST(listedSessions() == 1u);

    const auto answer = logout({"upstream-alice", "", "", "none"});
    BOOST_TEST(answer.status == 200, answer.body);
    BOOST_TEST(answer.cacheControl == "no-store");
    BOOST_TEST(listedSessions() == 0u);
    const auto refused = refresh(parseJson(rotated.body)->getValue<std::string>("refresh_token"));
    BOOST_TEST(refused.status == 400);
    BOOST_TEST(errorOf(refused.body) == "invalid_grant");
}

BOOST_AUTO_TEST_CASE(the_id_tokens_sid_is_kept_and_a_sid_alone_ends_that_session) {
    const auto token = signIn();
    const auto sessions = app.context->db->ssoSessions().findBySubject(connectionId, "upstream-alice", "");
    BOOST_TEST_REQUIRE(sessions.size() == 1u);
    BOOST_TEST(sessions[0].sessionIndex == kSid);
    BOOST_TEST(logout({"", kSid, "", "none"}).status == 200);
    BOOST_TEST(listedSessions() == 0u);
    BOOST_TEST(refresh(token).status == 400);
}

BOOST_AUTO_TEST_CASE(another_sid_or_subject_answers_200_and_ends_nothing) {
    const auto token = signIn();
    BOOST_TEST(logout({"upstream-alice", "another-session", "", "none"}).status == 200);
    BOOST_TEST(logout({"upstream-bob", "", "", "none"}).status == 200);
    BOOST_TEST(listedSessions() == 1u);
    BOOST_TEST(refresh(token).status == 200);
}

BOOST_AUTO_TEST_CASE(unknown_slug_answers_the_same_404_as_every_slug_miss) {
    const auto miss = test::httpRequest(app.port, "POST", "/auth/sso/nobody/oidc/backchannel-logout",
                                        "logout_token=x", {}, "application/x-www-form-urlencoded");
    BOOST_TEST(miss.status == 404);
    BOOST_TEST(miss.body == app.get("/auth/sso/nobody/oidc/login").body);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(appliance_security_sso_oidc_backchannel, BackChannelFixture)

BOOST_AUTO_TEST_CASE(each_forged_logout_token_is_400_and_ends_nothing) {
    const auto token = signIn();
    for (const std::string fault : {"foreign-key", "alg-none", "nonce", "no-events", "events-not-object", "wrong-aud",
                                    "wrong-iss", "old-iat", "no-iat", "no-jti", "no-sub-sid"}) {
        BOOST_TEST_CONTEXT(fault) {
            const auto answer = logout({"upstream-alice", kSid, "jti-" + fault, fault});
            BOOST_TEST(answer.status == 400, answer.body);
            BOOST_TEST(errorOf(answer.body) == "invalid_request");
            BOOST_TEST(listedSessions() == 1u);
        }
    }
    BOOST_TEST(refresh(token).status == 200);
    // A refused token remembers no jti: a valid token with one of them is accepted.
    BOOST_TEST(logout({"upstream-bob", "", "jti-nonce", "none"}).status == 200);
}

BOOST_AUTO_TEST_CASE(replayed_logout_token_is_400_and_ends_nothing) {
    signIn();
    BOOST_TEST(logout({"upstream-bob", "", "jti-once", "none"}).status == 200);
    const auto replay = logout({"upstream-alice", "", "jti-once", "none"});
    BOOST_TEST(replay.status == 400);
    BOOST_TEST(errorOf(replay.body) == "invalid_request");
    BOOST_TEST(listedSessions() == 1u);
}

BOOST_AUTO_TEST_CASE(missing_token_garbage_and_wrong_content_type_are_400_never_5xx) {
    signIn();
    BOOST_TEST(post("", "application/x-www-form-urlencoded").status == 400);
    BOOST_TEST(post("logout_token=", "application/x-www-form-urlencoded").status == 400);
    BOOST_TEST(post("logout_token=not.a.jwt", "application/x-www-form-urlencoded").status == 400);
    BOOST_TEST(post("logout_token=%00%01", "application/x-www-form-urlencoded").status == 400);
    BOOST_TEST(post(R"({"logout_token":"x"})", "application/json").status == 400);
    BOOST_TEST(listedSessions() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
