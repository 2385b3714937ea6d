// SPDX-License-Identifier: Apache-2.0
// An OIDC SSO connection end to end against a real OpenID Provider (authlib):
// the login redirect, the callback (JIT, code exchange), the cookie fallback,
// the API callback and the connection test.
#include "sso_oidc_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::parseJson;
using test::queryOf;
using test::SsoOidcFixture;
using test::urlEncode;

namespace {

std::string jsonOf(const std::map<std::string, std::string>& fields) {
    Poco::JSON::Object body;
    for (const auto& [k, v] : fields) body.set(k, v);
    std::ostringstream out;
    body.stringify(out);
    return out.str();
}

test::HttpResult testConnection(SsoOidcFixture& f, const std::string& id) {
    return f.app.post(SsoOidcFixture::kConnections + "/" + id + "/test", "{}", f.ownerAuth);
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(interop_sso_oidc, SsoOidcFixture)

BOOST_AUTO_TEST_CASE(login_redirects_with_state_nonce_pkce_s256_and_a_state_cookie) {
    const auto r = app.get(kBase + "/login");
    BOOST_TEST_REQUIRE(r.status == 302, r.body);
    BOOST_TEST(r.header("Cache-Control") == "no-store");
    const auto location = r.header("Location");
    BOOST_TEST(location.rfind(op.issuer() + "/authorize?", 0) == 0);
    auto params = queryOf(location);
    BOOST_TEST(params["client_id"] == test::UpstreamOp::kClientId);
    BOOST_TEST(params["redirect_uri"] == callbackUrl(appPort));
    BOOST_TEST(params["response_type"] == "code");
    BOOST_TEST(params["code_challenge_method"] == "S256");
    BOOST_TEST(params["code_challenge"].size() == 43u);
    BOOST_TEST(params["state"].size() >= 22u); // 128 bits, base64url
    BOOST_TEST(params["nonce"].size() >= 22u);
    BOOST_TEST(params["state"] != params["nonce"]);
    const auto cookie = setCookieHeader(r);
    BOOST_TEST(cookie.find("HttpOnly") != std::string::npos);
    BOOST_TEST(cookie.find("SameSite=Lax") != std::string::npos);
    BOOST_TEST(cookie.find("Secure") == std::string::npos); // public_url is http here
    BOOST_TEST(app.context->codes->get("oidc-sso-state:" + params["state"]).has_value());
    // A second login gets fresh values.
    BOOST_TEST(startLogin().state() != params["state"]);
}

BOOST_AUTO_TEST_CASE(first_login_provisions_the_user_and_the_code_exchanges_for_tokens) {
    const auto users = userCount();
    const auto r = login();
    BOOST_TEST_REQUIRE(r.status == 302, r.body);
    BOOST_TEST(r.header("Cache-Control") == "no-store");
    BOOST_TEST(setCookieHeader(r).find("Max-Age=0") != std::string::npos); // the state cookie is cleared
    const auto location = r.header("Location");
    BOOST_TEST(location.rfind(app.context->config.frontendUrl() + "?code=", 0) == 0);
    BOOST_TEST(userCount() == users + 1);
    BOOST_TEST(sessionCount() == 1u);
    const auto user = app.context->db->users().findByEmail("alice@example.org");
    BOOST_TEST_REQUIRE(user.has_value());
    BOOST_TEST(app.context->db->organizations().findMembership(organizationId, user->id).has_value());

    const auto tokens = app.post("/auth/sso/exchange", jsonOf({{"code", queryOf(location)["code"]}}));
    BOOST_TEST_REQUIRE(tokens.status == 200, tokens.body);
    const auto access = parseJson(tokens.body)->getValue<std::string>("access_token");
    const auto me = app.get("/api/v1/me", {{"Authorization", "Bearer " + access}});
    BOOST_TEST_REQUIRE(me.status == 200, me.body);
    BOOST_TEST(parseJson(me.body)->getObject("user")->getValue<std::string>("email") == "alice@example.org");
}

BOOST_AUTO_TEST_CASE(return_url_under_frontend_is_the_landing_and_others_are_400) {
    const auto frontend = app.context->config.frontendUrl();
    const auto started = startLogin("?return_url=" + urlEncode(frontend + "/after"));
    const auto r = callback(providerApproves(started.location), started.cookie);
    BOOST_TEST_REQUIRE(r.status == 302, r.body);
    BOOST_TEST(r.header("Location").rfind(frontend + "/after?code=", 0) == 0);
    BOOST_TEST(app.get(kBase + "/login?return_url=" + urlEncode("https://evil.example/")).status == 400);
    BOOST_TEST(app.get(kBase + "/login?return_url=" + urlEncode("//evil.example/")).status == 400);
}

BOOST_AUTO_TEST_CASE(unknown_and_inactive_slugs_answer_the_same_404) {
    const auto unknown = app.get("/auth/sso/nobody/oidc/login");
    BOOST_TEST(unknown.status == 404);
    BOOST_TEST(unknown.body == R"({"error":"not_found","message":"not found"})");
    expect(test::httpRequest(appPort, "PATCH", kConnections + "/" + connectionId, R"({"status":"inactive"})", ownerAuth),
           200);
    const auto inactive = app.get(kBase + "/login");
    BOOST_TEST(inactive.status == 404);
    BOOST_TEST(inactive.body == unknown.body);
    BOOST_TEST(app.get(kBase + "/callback?code=x&state=y").body == unknown.body);
}

BOOST_AUTO_TEST_CASE(cookie_fallback_completes_when_the_server_side_state_is_lost_and_is_single_use) {
    const auto started = startLogin();
    app.context->codes->remove("oidc-sso-state:" + started.state()); // e.g. a restart of a one-node store
    const auto back = providerApproves(started.location);
    const auto r = callback(back, started.cookie);
    BOOST_TEST_REQUIRE(r.status == 302, r.body);
    BOOST_TEST(r.header("Location").find("code=") != std::string::npos);
    const auto users = userCount();
    const auto sessions = sessionCount();
    const auto replay = callback(back, started.cookie);
    BOOST_TEST(replay.status == 400);
    BOOST_TEST(userCount() == users);
    BOOST_TEST(sessionCount() == sessions);
}

BOOST_AUTO_TEST_CASE(server_side_state_is_preferred_and_needs_no_cookie) {
    const auto started = startLogin();
    const auto r = callback(providerApproves(started.location), "");
    BOOST_TEST_REQUIRE(r.status == 302, r.body);
    BOOST_TEST(r.header("Location").find("code=") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(api_callback_resolves_the_identity_from_code_and_state) {
    const auto started = startLogin();
    const auto back = queryOf(providerApproves(started.location));
    const auto body = jsonOf({{"code", back.at("code")}, {"state", back.at("state")}});
    const auto r = app.post("/api/v1/sso/oidc/callback", body);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(r.header("Cache-Control") == "no-store");
    const auto out = parseJson(r.body);
    BOOST_TEST(out->getValue<std::string>("email") == "alice@example.org");
    BOOST_TEST(out->getValue<std::string>("name") == "Alice Upstream");
    BOOST_TEST(out->getValue<std::string>("subject") == "upstream-alice");
    BOOST_TEST(out->getValue<std::string>("connection_id") == connectionId);
    BOOST_TEST(out->getValue<bool>("jit_provisioned") == true);
    BOOST_TEST(!out->getValue<std::string>("user_id").empty());
    BOOST_TEST(app.post("/api/v1/sso/oidc/callback", body).status == 400); // the state is spent
}

BOOST_AUTO_TEST_CASE(connection_test_reads_discovery_and_jwks) {
    const auto r = testConnection(*this, connectionId);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    const auto out = parseJson(r.body);
    BOOST_TEST(out->getValue<bool>("success") == true, r.body);
    BOOST_TEST(out->getValue<std::string>("message").find("1 usable signing key") != std::string::npos);
    BOOST_TEST(out->has("response_time_ms"));

    const auto graphql = app.post("/graphql", R"({"query":"mutation { testSsoConnection(orgSlug: \"acme\", id: \")" +
                                                  connectionId + R"(\") { success message responseTimeMs } }"})",
                                  ownerAuth);
    BOOST_TEST(graphql.status == 200);
    BOOST_TEST(graphql.body.find("\"success\":true") != std::string::npos, graphql.body);
}

BOOST_AUTO_TEST_CASE(connection_test_fails_for_an_unreachable_provider) {
    const auto id = createConnection("acme-down", "http://127.0.0.1:" + std::to_string(test::freePort()), "[]");
    const auto r = testConnection(*this, id);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(parseJson(r.body)->getValue<bool>("success") == false);
    BOOST_TEST(r.body.find(test::UpstreamOp::kClientSecret) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(connection_test_fails_when_the_discovery_names_another_issuer) {
    // The provider is reached under another spelling of its address: discovery names the real issuer.
    const auto id = createConnection("acme-alias", "http://localhost:" + std::to_string(op.port()), "[]");
    const auto out = parseJson(testConnection(*this, id).body);
    BOOST_TEST(out->getValue<bool>("success") == false);
    BOOST_TEST(out->getValue<std::string>("message").find("another issuer") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(connection_test_fails_for_an_empty_jwks) {
    SsoOidcFixture f({.fault = "no-keys"});
    const auto out = parseJson(testConnection(f, f.connectionId).body);
    BOOST_TEST(out->getValue<bool>("success") == false);
    BOOST_TEST(out->getValue<std::string>("message").find("no usable signing key") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
