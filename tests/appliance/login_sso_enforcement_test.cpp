// SPDX-License-Identifier: Apache-2.0
// SSO enforcement of the /login flow and the token endpoint's user grants,
// end to end: one real OpenID Provider behind /login, another behind the
// organization's OIDC SSO connection, and the same person through both.
#include "login_fixture.hpp"
#include "sso_oidc_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::LoginFixture;
using test::parseJson;
using test::Pkce;
using test::queryOf;

namespace {

const std::string kOrg = "/api/v1/organizations/acme";

/// /login through one provider; an organization `acme` whose OIDC connection
/// `acme-oidc` (domain example.org, JIT as member) uses a second provider.
struct EnforcementFixture : LoginFixture {
    EnforcementFixture()
        : ssoOp(test::SsoOidcFixture::callbackUrl(appPort)) {
        app.createUser("owner@example.com", "owner-password");
        ownerAuth = app.loginHeaders("owner@example.com", "owner-password");
        expect(app.post("/api/v1/organizations", R"({"slug":"acme","name":"Acme"})", ownerAuth), 201);
        expect(app.post(kOrg + "/sso/connections",
                        R"({"name":"Acme OIDC","protocol":"oidc","slug":"acme-oidc","issuer_url":")" + ssoOp.issuer() +
                            R"(","client_id":")" + test::UpstreamOp::kClientId + R"(","client_secret":")" +
                            test::UpstreamOp::kClientSecret + R"(","jit_provisioning":true,"domains":["example.org"]})",
                        ownerAuth),
               201);
    }
    static test::HttpResult expect(test::HttpResult r, int status) {
        return test::SsoOidcFixture::expect(std::move(r), status);
    }
    /// Alice signs in through the SSO connection (JIT member of acme); her refresh token.
    std::string ssoRefreshToken() {
        const auto started = expect(app.get("/auth/sso/acme-oidc/oidc/login"), 302);
        const auto approved = test::httpRequest(ssoOp.port(), "GET", test::targetOf(started.header("Location")));
        const auto cookie = test::SsoOidcFixture::cookieValue(started);
        const auto back = expect(app.get(test::targetOf(approved.header("Location")),
                                         {{"Cookie", std::string(test::SsoOidcFixture::kCookie) + "=" + cookie}}),
                                 302);
        const auto code = queryOf(back.header("Location"))["code"];
        const auto tokens = expect(app.post("/auth/sso/exchange", R"({"code":")" + code + "\"}"), 200);
        return parseJson(tokens.body)->getValue<std::string>("refresh_token");
    }
    /// Alice signs in through /login (linked to the same user by her verified email); her refresh token.
    std::string upstreamRefreshToken() {
        Pkce pkce;
        const auto landing = login(authorizeTarget(pkce));
        const auto tokens = expect(redeem(queryOf(landing)["code"], pkce), 200);
        return parseJson(tokens.body)->getValue<std::string>("refresh_token");
    }
    test::HttpResult refresh(const std::string& token) {
        return test::httpRequest(app.port, "POST", "/v1/token",
                                 "grant_type=refresh_token&client_id=authcore-console&refresh_token=" + token, {},
                                 "application/x-www-form-urlencoded");
    }
    void enforce(bool on, const std::string& exemptRoles = "[]") {
        expect(test::httpRequest(app.port, "PUT", kOrg + "/sso/enforcement",
                                 std::string(R"({"enforced":)") + (on ? "true" : "false") +
                                     R"(,"exempt_roles":)" + exemptRoles + "}",
                                 ownerAuth),
               200);
    }
    static std::string refreshOf(const test::HttpResult& r) {
        return parseJson(r.body)->getValue<std::string>("refresh_token");
    }
    std::size_t auditCount(const std::string& action) {
        app.context->audit->flush();
        const auto events = app.context->audit->list("", "", 1000);
        return static_cast<std::size_t>(
            std::count_if(events.begin(), events.end(), [&](const auto& e) { return e.action == action; }));
    }

    test::UpstreamOp ssoOp;
    std::map<std::string, std::string> ownerAuth;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_login_sso_enforcement, EnforcementFixture)

BOOST_AUTO_TEST_CASE(enforced_member_gets_access_denied_sso_required_from_login_and_no_code) {
    ssoRefreshToken(); // alice becomes a member of acme through its connection
    enforce(true);
    Pkce pkce;
    const auto landing = login(authorizeTarget(pkce));
    BOOST_TEST(landing.rfind(kConsoleRedirect, 0) == 0);
    auto params = queryOf(landing);
    BOOST_TEST(params["error"] == "access_denied");
    BOOST_TEST(params["error_description"] == "sso_required");
    BOOST_TEST(params["state"] == "client-state-1");
    BOOST_TEST(params.count("code") == 0u);
    BOOST_TEST(auditCount("login.sso_required") == 1u);
    BOOST_TEST(auditCount("login.upstream") == 0u); // nothing was issued
    // Lifted again: the same person signs in through /login as before.
    enforce(false);
    Pkce again;
    auto ok = queryOf(login(authorizeTarget(again)));
    BOOST_TEST(ok.count("error") == 0u);
    BOOST_TEST(redeem(ok["code"], again).status == 200);
}

BOOST_AUTO_TEST_CASE(upstream_refresh_is_refused_403_while_the_sso_born_one_still_refreshes) {
    const auto sso = ssoRefreshToken();
    const auto upstream = upstreamRefreshToken();
    enforce(true);
    const auto refused = refresh(upstream);
    BOOST_TEST(refused.status == 403);
    BOOST_TEST(parseJson(refused.body)->getValue<std::string>("error") == "sso_required");
    BOOST_TEST(parseJson(refused.body)->has("error_description"));
    BOOST_TEST(refused.header("Cache-Control") == "no-store");
    const auto rotated = refresh(sso);
    BOOST_TEST_REQUIRE(rotated.status == 200, rotated.body);
    BOOST_TEST(refresh(refreshOf(rotated)).status == 200);
    // Lifted: the refused token was neither spent nor revoked.
    enforce(false);
    BOOST_TEST(refresh(upstream).status == 200);
}

BOOST_AUTO_TEST_CASE(code_issued_before_enforcement_is_refused_at_the_token_endpoint) {
    ssoRefreshToken();
    Pkce pkce;
    const auto code = queryOf(login(authorizeTarget(pkce)))["code"];
    enforce(true);
    const auto r = redeem(code, pkce);
    BOOST_TEST(r.status == 403);
    BOOST_TEST(parseJson(r.body)->getValue<std::string>("error") == "sso_required");
    BOOST_TEST(!parseJson(r.body)->has("access_token"));
}

BOOST_AUTO_TEST_CASE(exempt_role_keeps_login_and_refresh) {
    ssoRefreshToken();
    const auto upstream = upstreamRefreshToken();
    enforce(true, R"(["member"])");
    BOOST_TEST(refresh(upstream).status == 200);
    Pkce pkce;
    auto params = queryOf(login(authorizeTarget(pkce)));
    BOOST_TEST(params.count("error") == 0u);
    BOOST_TEST(redeem(params["code"], pkce).status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
