// SPDX-License-Identifier: Apache-2.0
// The legacy single OIDC config end to end against a real OpenID Provider
// (authlib): login-url?org=, the provider's redirect to the app's redirect_uri,
// the API callback; and the browser callback when the redirect_uri is ours.
#include "sso_oidc_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <thread>

using namespace authcore;
using test::parseJson;
using test::queryOf;
using test::urlEncode;

namespace {

/// The app's own page the provider sends the browser to; never contacted here.
const std::string kAppRedirect = "http://localhost:4999/sso/callback";
const std::string kLegacySlug = "legacy-oidc-configuration";

/// Organization `acme` (owner owner@example.com), no connection yet, and a
/// provider whose one registered redirect_uri is `appRedirect` or, when
/// empty, our callback for the legacy connection's slug.
struct LegacyOidcFixture {
    using Headers = std::map<std::string, std::string>;

    explicit LegacyOidcFixture(const std::string& appRedirect = kAppRedirect)
        : appPort(test::freePort()), redirectUri(appRedirect.empty() ? ourCallback(appPort) : appRedirect),
          op(redirectUri), app({{"AUTHCORE_HTTP_PORT", std::to_string(appPort)}}) {
        app.createUser("owner@example.com", "owner-password");
        ownerAuth = app.loginHeaders("owner@example.com", "owner-password");
        expect(app.post("/api/v1/organizations", R"({"slug":"acme","name":"Acme"})", ownerAuth), 201);
        organizationId = app.context->db->organizations().findBySlug("acme")->id;
    }
    static std::string ourCallback(unsigned short port) {
        return "http://127.0.0.1:" + std::to_string(port) + "/auth/sso/" + kLegacySlug + "/oidc/callback";
    }
    static test::HttpResult expect(test::HttpResult r, int status) { return test::SsoOidcFixture::expect(r, status); }

    /// PUT /sso/config for the test provider; `redirect` empty: none given.
    std::string putConfig(const std::string& redirect) {
        Poco::JSON::Object body;
        body.set("issuer_url", op.issuer());
        body.set("client_id", test::UpstreamOp::kClientId);
        body.set("client_secret", test::UpstreamOp::kClientSecret);
        if (!redirect.empty()) body.set("redirect_uri", redirect);
        body.set("domains", Poco::JSON::Parser().parse(R"(["example.org"])"));
        body.set("jit_provisioning", true);
        std::ostringstream json;
        body.stringify(json);
        const auto r = test::httpRequest(appPort, "PUT", "/api/v1/organizations/acme/sso/config", json.str(), ownerAuth);
        return parseJson(expect(r, 200).body)->getValue<std::string>("connection_id");
    }
    /// The provider approves at once: where it sends the browser (not followed).
    std::string providerApproves(const std::string& url) {
        const auto r = test::httpRequest(op.port(), "GET", test::targetOf(url));
        if (r.status != 302) throw std::runtime_error("provider /authorize answered " + std::to_string(r.status) + r.body);
        return r.header("Location");
    }
    test::HttpResult apiCallback(const std::string& code, const std::string& state) {
        return app.post("/api/v1/sso/oidc/callback", R"({"code": ")" + code + R"(", "state": ")" + state + "\"}");
    }
    std::size_t sessionCount() {
        return app.context->db->ssoSessions().listActive(organizationId, app.context->clock.now()).size();
    }

    unsigned short appPort;
    std::string redirectUri;
    test::UpstreamOp op;
    test::ApplianceFixture app;
    Headers ownerAuth;
    std::string organizationId;
};

struct OurCallbackFixture : LegacyOidcFixture {
    OurCallbackFixture() : LegacyOidcFixture("") {}
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(interop_sso_oidc_legacy, LegacyOidcFixture)

BOOST_AUTO_TEST_CASE(login_url_by_org_names_the_provider_with_the_configured_redirect_uri) {
    const auto id = putConfig(kAppRedirect);
    for (const auto& org : {std::string("acme"), organizationId}) {
        const auto r = app.get("/api/v1/sso/login-url?org=" + org);
        BOOST_TEST_REQUIRE(r.status == 200, r.body);
        BOOST_TEST(r.all("Set-Cookie").empty()); // the API form keeps its state server-side only
        const auto out = parseJson(r.body);
        BOOST_TEST(out->getValue<std::string>("connection_id") == id);
        BOOST_TEST(out->getValue<std::string>("protocol") == "oidc");
        const auto url = out->getValue<std::string>("url");
        BOOST_TEST(url.rfind(op.issuer() + "/authorize?", 0) == 0, url);
        auto params = queryOf(url);
        BOOST_TEST(params["client_id"] == test::UpstreamOp::kClientId);
        BOOST_TEST(params["redirect_uri"] == kAppRedirect);
        BOOST_TEST(params["response_type"] == "code");
        BOOST_TEST(params["scope"].find("openid") != std::string::npos);
        BOOST_TEST(params["code_challenge_method"] == "S256");
        BOOST_TEST(params["code_challenge"].size() == 43u);
        BOOST_TEST(params["state"].size() >= 22u);
        BOOST_TEST(params["nonce"].size() >= 22u);
        BOOST_TEST(app.context->codes->get("oidc-sso-state:" + params["state"]).has_value());
    }
}

BOOST_AUTO_TEST_CASE(the_provider_lands_at_the_apps_redirect_uri_and_the_api_callback_answers_the_user) {
    const auto id = putConfig(kAppRedirect);
    const auto url = parseJson(expect(app.get("/api/v1/sso/login-url?org=acme"), 200).body)->getValue<std::string>("url");
    const auto landing = providerApproves(url);
    BOOST_TEST_REQUIRE(landing.rfind(kAppRedirect + "?", 0) == 0, landing);
    auto params = queryOf(landing);
    BOOST_TEST(params["state"] == queryOf(url)["state"]);

    // The provider refuses a token request whose redirect_uri differs from the
    // authorization request's, so a 200 shows the same one was sent.
    const auto r = apiCallback(params["code"], params["state"]);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(r.header("Cache-Control") == "no-store");
    const auto out = parseJson(r.body);
    BOOST_TEST(out->getValue<std::string>("email") == "alice@example.org");
    BOOST_TEST(out->getValue<std::string>("subject") == "upstream-alice");
    BOOST_TEST(out->getValue<std::string>("connection_id") == id);
    BOOST_TEST(out->getValue<bool>("jit_provisioned"));
    const auto user = app.context->db->users().findByEmail("alice@example.org");
    BOOST_TEST_REQUIRE(user.has_value());
    BOOST_TEST(out->getValue<std::string>("user_id") == user->id);

    const auto users = app.context->db->users().count();
    const auto replay = apiCallback(params["code"], params["state"]);
    BOOST_TEST(replay.status == 400, replay.body);
    BOOST_TEST(app.context->db->users().count() == users);
}

BOOST_AUTO_TEST_CASE(a_foreign_email_is_refused_and_nothing_is_provisioned) {
    // The configured domains bind the legacy connection like any other.
    const auto body = R"({"issuer_url": ")" + op.issuer() + R"(", "client_id": ")" + test::UpstreamOp::kClientId +
                      R"(", "redirect_uri": ")" + kAppRedirect + R"(", "domains": ["other.test"], "jit_provisioning": true})";
    const auto r0 = test::httpRequest(appPort, "PUT", "/api/v1/organizations/acme/sso/config", body, ownerAuth);
    BOOST_TEST(r0.status == 400, r0.body); // no client_secret on creation
    putConfig(kAppRedirect);
    expect(test::httpRequest(appPort, "PUT", "/api/v1/organizations/acme/sso/config", body, ownerAuth), 200);
    const auto users = app.context->db->users().count();
    const auto url = parseJson(expect(app.get("/api/v1/sso/login-url?org=acme"), 200).body)->getValue<std::string>("url");
    auto params = queryOf(providerApproves(url));
    const auto r = apiCallback(params["code"], params["state"]);
    BOOST_TEST(r.status == 400, r.body);
    BOOST_TEST(app.context->db->users().count() == users);
    BOOST_TEST(!app.context->db->users().findByEmail("alice@example.org"));
}

BOOST_AUTO_TEST_CASE(the_exchange_repeats_the_redirect_uri_of_the_authorization_request) {
    putConfig(kAppRedirect);
    const auto url = parseJson(expect(app.get("/api/v1/sso/login-url?org=acme"), 200).body)->getValue<std::string>("url");
    auto params = queryOf(providerApproves(url));
    // The config changes between the two legs: the provider only accepts the
    // redirect_uri the authorization request named, so a 200 shows it was repeated.
    // Past the second, so that the change shows in updated_at (the provider cache's key).
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    putConfig("");
    const auto r = apiCallback(params["code"], params["state"]);
    BOOST_TEST(r.status == 200, r.body);
}

BOOST_AUTO_TEST_CASE(redirect_uri_on_login_url_may_only_repeat_the_configured_one) {
    putConfig(kAppRedirect);
    BOOST_TEST(app.get("/api/v1/sso/login-url?org=acme&redirect_uri=" + urlEncode("https://evil.test/cb")).status == 400);
    BOOST_TEST(app.get("/api/v1/sso/login-url?org=acme&redirect_uri=" + urlEncode(kAppRedirect)).status == 200);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(interop_sso_oidc_legacy_callback, OurCallbackFixture)

BOOST_AUTO_TEST_CASE(without_redirect_uri_the_browser_callback_lands_at_the_return_url) {
    putConfig("");
    const auto frontend = app.context->config.frontendUrl();
    const auto r = app.get("/api/v1/sso/login-url?org=acme&redirect_uri=" + urlEncode(frontend + "/after"));
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    const auto url = parseJson(r.body)->getValue<std::string>("url");
    BOOST_TEST(queryOf(url)["redirect_uri"] == ourCallback(appPort));
    const auto back = providerApproves(url);
    BOOST_TEST_REQUIRE(back.rfind(ourCallback(appPort) + "?", 0) == 0, back);
    // No state cookie: the server-side copy of the state is enough.
    const auto landed = app.get(test::targetOf(back));
    BOOST_TEST_REQUIRE(landed.status == 302, landed.body);
    const auto location = landed.header("Location");
    BOOST_TEST(location.rfind(frontend + "/after?code=", 0) == 0, location);
    BOOST_TEST(sessionCount() == 1u);
    const auto tokens = app.post("/auth/sso/exchange", R"({"code": ")" + queryOf(location)["code"] + "\"}");
    BOOST_TEST(tokens.status == 200, tokens.body);

    BOOST_TEST(app.get("/api/v1/sso/login-url?org=acme&redirect_uri=" + urlEncode("https://evil.test/")).status == 400);
}

BOOST_AUTO_TEST_CASE(deleting_the_config_ends_its_sessions_and_its_logins) {
    putConfig("");
    const auto url = parseJson(expect(app.get("/api/v1/sso/login-url?org=acme"), 200).body)->getValue<std::string>("url");
    expect(app.get(test::targetOf(providerApproves(url))), 302);
    BOOST_TEST_REQUIRE(sessionCount() == 1u);
    const auto pending = parseJson(expect(app.get("/api/v1/sso/login-url?org=acme"), 200).body)->getValue<std::string>("url");
    const auto r = test::httpRequest(appPort, "DELETE", "/api/v1/organizations/acme/sso/config", "", ownerAuth);
    BOOST_TEST(r.status == 204, r.body);
    BOOST_TEST(sessionCount() == 0u);
    BOOST_TEST(app.get("/api/v1/sso/login-url?org=acme").status == 404);
    // A login started before the delete names a connection that is gone.
    const auto users = app.context->db->users().count();
    const auto late = app.get(test::targetOf(providerApproves(pending)));
    BOOST_TEST(late.status == 404, late.body);
    BOOST_TEST(app.context->db->users().count() == users);
}

BOOST_AUTO_TEST_SUITE_END()
