// SPDX-License-Identifier: Apache-2.0
// /login/authorize, /login/callback and /v1/userinfo against a real upstream
// OpenID Provider (authlib) on loopback.
#include "login_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::LoginFixture;
using test::parseJson;
using test::Pkce;
using test::queryOf;

namespace {

constexpr const char* kServiceRedirect = "https://orders.example/callback";

/// A confidential service client with redirect URIs; returns its secret.
std::string addServiceClient(LoginFixture& f, const std::string& clientId = "orders-web", bool publicClient = false) {
    auto& clients = *f.app.context->clients;
    clients.create(Principal::system(), NewClient{clientId, "Orders web", ClientType::Service, "", "",
                                                  {kServiceRedirect}, publicClient, {{"orders:read", "Read"}}});
    return publicClient ? "" : clients.generateSecret(Principal::system(), clientId, 1);
}

std::map<std::string, std::string> bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

std::string accessTokenOf(const test::HttpResult& r) { return parseJson(r.body)->getValue<std::string>("access_token"); }

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_login_flow, LoginFixture)

BOOST_AUTO_TEST_CASE(console_login_yields_a_management_token_and_id_token) {
    Pkce pkce;
    const auto landing = login(authorizeTarget(pkce));
    BOOST_TEST(landing.rfind(kConsoleRedirect, 0) == 0);
    auto params = queryOf(landing);
    BOOST_TEST(params["state"] == "client-state-1");
    BOOST_TEST(params["iss"] == app.context->config.publicUrl());
    BOOST_TEST(params.count("error") == 0u);

    const auto tokens = redeem(params["code"], pkce);
    BOOST_TEST_REQUIRE(tokens.status == 200, tokens.body);
    BOOST_TEST(tokens.header("Cache-Control") == "no-store");
    const auto body = parseJson(tokens.body);
    BOOST_TEST(body->has("id_token"));
    BOOST_TEST(body->has("refresh_token"));
    const auto me = app.get("/api/v1/me", bearer(accessTokenOf(tokens)));
    BOOST_TEST_REQUIRE(me.status == 200, me.body);
    BOOST_TEST(parseJson(me.body)->getObject("user")->getValue<std::string>("email") == "alice@example.org");

    // The person now has a local user with no membership, its identity and its user client.
    const auto user = app.context->db->users().findByEmail("alice@example.org");
    BOOST_TEST_REQUIRE(user.has_value());
    BOOST_TEST(user->emailVerified);
    BOOST_TEST(app.context->db->organizations().listMembershipsOfUser(user->id).empty());
    const auto identities = app.context->db->identities().listForUser(user->id);
    BOOST_TEST_REQUIRE(identities.size() == 1u);
    BOOST_TEST(identities[0].provider == "oidc:" + op.issuer());
    BOOST_TEST(identities[0].subject == "upstream-alice");
    const auto own = app.context->db->clients().findById(user->id);
    BOOST_TEST_REQUIRE(own.has_value());
    BOOST_TEST((own->type == ClientType::User));
}

BOOST_AUTO_TEST_CASE(upstream_receives_state_nonce_and_pkce_s256) {
    Pkce pkce;
    const auto started = authorize(authorizeTarget(pkce));
    BOOST_TEST_REQUIRE(started.status == 302);
    auto upstream = queryOf(started.header("Location"));
    BOOST_TEST(upstream["client_id"] == test::UpstreamOp::kClientId);
    BOOST_TEST(upstream["redirect_uri"] == LoginFixture::callbackUrl(appPort));
    BOOST_TEST(upstream["code_challenge_method"] == "S256");
    BOOST_TEST(upstream["code_challenge"].size() == 43u);
    BOOST_TEST(upstream["state"].size() >= 22u); // 128 bits, base64url
    BOOST_TEST(upstream["nonce"].size() >= 22u);
    BOOST_TEST(upstream["state"] != "client-state-1"); // ours, not the client's
    BOOST_TEST(upstream["code_challenge"] != pkce.challenge);
    // The cookie that binds the callback to this browser.
    std::string setCookie;
    for (const auto& header : started.all("Set-Cookie"))
        if (header.rfind("sessionId=", 0) == 0) setCookie = header;
    BOOST_TEST(setCookie.find("HttpOnly") != std::string::npos);
    BOOST_TEST(setCookie.find("SameSite=Lax") != std::string::npos);
    BOOST_TEST(setCookie.find("Secure") == std::string::npos); // public_url is http here
    BOOST_TEST(started.header("Cache-Control") == "no-store");
}

BOOST_AUTO_TEST_CASE(unknown_client_or_unregistered_redirect_uri_get_a_400_page_never_a_redirect) {
    Pkce pkce;
    for (const auto& target : {authorizeTarget(pkce, "no-such-client"),
                               authorizeTarget(pkce, "authcore-console", "http://127.0.0.1:1/elsewhere"),
                               authorizeTarget(pkce, "authcore-console", "")}) {
        const auto r = authorize(target);
        BOOST_TEST(r.status == 400, target);
        BOOST_TEST(r.header("Location").empty());
        BOOST_TEST(r.header("Content-Type").find("text/html") == 0u);
    }
    // A user client is a person, not something people log in to.
    const auto user = app.createUser("bob@example.com", "bob-password-123");
    app.context->db->clients().insert(Client{user.id, "", ClientType::User, "", user.id, {}, {}, {kConsoleRedirect},
                                             true, {}});
    BOOST_TEST(authorize(authorizeTarget(pkce, user.id)).status == 400);
    BOOST_TEST(op.stats()->getValue<int>("authorize_requests") == 0);
}

BOOST_AUTO_TEST_CASE(bad_requests_with_a_valid_redirect_uri_redirect_back_with_the_error_and_state) {
    Pkce pkce;
    const std::string base = "/login/authorize?client_id=authcore-console&redirect_uri=" +
                             test::urlEncode(kConsoleRedirect) + "&state=s-42";
    const std::vector<std::pair<std::string, std::string>> cases{
        {base + "&response_type=code", "invalid_request"},                                        // no PKCE
        {base + "&response_type=code&code_challenge=" + pkce.challenge, "invalid_request"},      // no method
        {base + "&response_type=code&code_challenge=" + pkce.challenge + "&code_challenge_method=plain",
         "invalid_request"},
        {base + "&response_type=code&code_challenge=short&code_challenge_method=S256", "invalid_request"},
        {base + "&response_type=token&code_challenge=" + pkce.challenge + "&code_challenge_method=S256",
         "invalid_request"},
        {base + "&response_type=code&code_challenge=" + pkce.challenge + "&code_challenge_method=S256&scope=admin",
         "invalid_scope"},
    };
    for (const auto& [target, error] : cases) {
        const auto r = authorize(target);
        BOOST_TEST_REQUIRE(r.status == 302, target);
        const auto location = r.header("Location");
        BOOST_TEST(location.rfind(kConsoleRedirect, 0) == 0);
        auto params = queryOf(location);
        BOOST_TEST(params["error"] == error, target);
        BOOST_TEST(params["state"] == "s-42");
        BOOST_TEST(params.count("code") == 0u);
    }
    BOOST_TEST(op.stats()->getValue<int>("authorize_requests") == 0);
}

BOOST_AUTO_TEST_CASE(callback_from_another_browser_is_refused_and_burns_the_state) {
    Pkce pkce;
    const auto started = authorize(authorizeTarget(pkce));
    const auto callbackUrl = upstreamApproves(started.header("Location"));
    const auto attacker = crypto::randomToken(32);
    const auto foreign = callback(callbackUrl, attacker);
    BOOST_TEST(foreign.status == 400);
    BOOST_TEST(foreign.header("Location").empty());
    BOOST_TEST(callback(callbackUrl, "").status == 400);
    // The state was taken by the first attempt: the rightful browser starts again.
    BOOST_TEST(callback(callbackUrl, cookie).status == 400);
    BOOST_TEST(userCount() == 0);
}

BOOST_AUTO_TEST_CASE(a_callback_is_good_once) {
    Pkce pkce;
    const auto started = authorize(authorizeTarget(pkce));
    const auto callbackUrl = upstreamApproves(started.header("Location"));
    BOOST_TEST(callback(callbackUrl, cookie).status == 302);
    const auto replay = callback(callbackUrl, cookie);
    BOOST_TEST(replay.status == 400);
    BOOST_TEST(replay.body.find("expired or was already used") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(callback_with_unknown_state_is_a_400_page) {
    authorize(authorizeTarget(Pkce{}));
    BOOST_TEST(callback(LoginFixture::callbackUrl(appPort) + "?code=x&state=forged", cookie).status == 400);
    BOOST_TEST(callback(LoginFixture::callbackUrl(appPort) + "?code=x", cookie).status == 400);
}

BOOST_AUTO_TEST_CASE(upstream_refusal_reaches_the_client_as_access_denied) {
    Pkce pkce;
    const auto started = authorize(authorizeTarget(pkce));
    const auto state = queryOf(started.header("Location"))["state"];
    const auto r = callback(LoginFixture::callbackUrl(appPort) + "?error=access_denied&state=" + state, cookie);
    BOOST_TEST_REQUIRE(r.status == 302);
    auto params = queryOf(r.header("Location"));
    BOOST_TEST(params["error"] == "access_denied");
    BOOST_TEST(params["state"] == "client-state-1");
    BOOST_TEST(userCount() == 0);
}

BOOST_AUTO_TEST_CASE(verified_email_links_an_existing_user_and_the_identity_matches_next_time) {
    const auto existing = app.createUser("Alice@Example.org", "alice-password-1");
    Pkce first;
    const auto code = queryOf(login(authorizeTarget(first)))["code"];
    const auto tokens = redeem(code, first);
    BOOST_TEST_REQUIRE(tokens.status == 200, tokens.body);
    const auto me = parseJson(app.get("/api/v1/me", bearer(accessTokenOf(tokens))).body);
    BOOST_TEST(me->getObject("user")->getValue<std::string>("id") == existing.id);
    BOOST_TEST(app.context->db->identities().find("oidc:" + op.issuer(), "upstream-alice")->userId == existing.id);
    BOOST_TEST(app.context->db->clients().findById(existing.id).has_value());
    // The password still works: linking added a way in, it took none away.
    BOOST_TEST(app.post("/api/v1/auth/login", R"({"email":"alice@example.org","password":"alice-password-1"})").status ==
               200);

    Pkce second;
    const auto again = redeem(queryOf(login(authorizeTarget(second)))["code"], second);
    BOOST_TEST(parseJson(app.get("/api/v1/me", bearer(accessTokenOf(again))).body)
                   ->getObject("user")
                   ->getValue<std::string>("id") == existing.id);
    BOOST_TEST(userCount() == 1);
}

BOOST_AUTO_TEST_CASE(service_login_tokens_are_for_the_service_not_the_management_plane) {
    const auto secret = addServiceClient(*this);
    Pkce pkce;
    const auto landing = login(authorizeTarget(pkce, "orders-web", kServiceRedirect, "openid email orders:read"));
    BOOST_TEST(landing.rfind(kServiceRedirect, 0) == 0);
    const auto code = queryOf(landing)["code"];
    // A confidential client must authenticate.
    BOOST_TEST(redeem(code, pkce, "orders-web", kServiceRedirect).status == 401);
    Pkce again;
    const auto code2 = queryOf(login(authorizeTarget(again, "orders-web", kServiceRedirect, "openid orders:read")))["code"];
    const auto tokens = redeem(code2, again, "orders-web", kServiceRedirect,
                               {{"Authorization", "Basic " + crypto::base64Encode("orders-web:" + secret)}});
    BOOST_TEST_REQUIRE(tokens.status == 200, tokens.body);
    const auto access = accessTokenOf(tokens);
    const auto claims = crypto::peekJwtPart(access, 1);
    BOOST_TEST(claims->audience().front() == "orders-web");
    BOOST_TEST(claims->string("scope").value_or("") == "openid orders:read");
    BOOST_TEST(app.get("/api/v1/me", bearer(access)).status == 401);
    const auto info = app.get("/v1/userinfo", bearer(access));
    BOOST_TEST_REQUIRE(info.status == 200, info.body);
    BOOST_TEST(parseJson(info.body)->getValue<std::string>("email") == "alice@example.org");
    BOOST_TEST(parseJson(info.body)->getValue<bool>("email_verified"));
}

BOOST_AUTO_TEST_CASE(console_alias_provider_type_is_the_console) {
    Pkce pkce;
    const auto code = queryOf(login(authorizeTarget(pkce, "provider:oidc")))["code"];
    const auto tokens = redeem(code, pkce, "provider:oidc");
    BOOST_TEST_REQUIRE(tokens.status == 200, tokens.body);
    const auto id = crypto::peekJwtPart(parseJson(tokens.body)->getValue<std::string>("id_token"), 1);
    BOOST_TEST(id->audience().front() == "provider:oidc");
    BOOST_TEST(app.get("/api/v1/me", bearer(accessTokenOf(tokens))).status == 200);
}

BOOST_AUTO_TEST_CASE(userinfo_refuses_missing_foreign_scopeless_and_revoked_tokens) {
    const auto none = app.get("/v1/userinfo");
    BOOST_TEST(none.status == 401);
    BOOST_TEST(none.header("WWW-Authenticate").rfind("Bearer", 0) == 0u);
    BOOST_TEST(app.get("/v1/userinfo", bearer("not-a-jwt")).status == 401);

    // A user token granted without the openid scope.
    Pkce narrow;
    const auto emailOnly = redeem(queryOf(login(authorizeTarget(narrow, "authcore-console", kConsoleRedirect,
                                                                "email")))["code"], narrow);
    BOOST_TEST_REQUIRE(emailOnly.status == 200, emailOnly.body);
    BOOST_TEST(!parseJson(emailOnly.body)->has("id_token"));
    const auto scopeless = app.get("/v1/userinfo", bearer(accessTokenOf(emailOnly)));
    BOOST_TEST(scopeless.status == 403);
    BOOST_TEST(scopeless.header("WWW-Authenticate").find("insufficient_scope") != std::string::npos);

    // A client's own token is not a user's.
    auto& clients = *app.context->clients;
    clients.create(Principal::system(), NewClient{"api", "API", ClientType::Application, "", "", {}, false,
                                                  {{"openid", ""}}});
    clients.create(Principal::system(), NewClient{"bot", "Bot", ClientType::Application, "", "", {}, false, {}});
    clients.authorize(Principal::system(), "bot", "api", {"openid"});
    const auto botSecret = clients.generateSecret(Principal::system(), "bot", 1);
    const auto cc = test::httpRequest(app.port, "POST", "/v1/token",
                                      "grant_type=client_credentials&audience=api&client_id=bot&client_secret=" + botSecret,
                                      {}, "application/x-www-form-urlencoded");
    BOOST_TEST_REQUIRE(cc.status == 200, cc.body);
    BOOST_TEST(app.get("/v1/userinfo", bearer(accessTokenOf(cc))).status == 401);

    // A revoked user token stops working at once.
    Pkce pkce;
    const auto tokens = redeem(queryOf(login(authorizeTarget(pkce)))["code"], pkce);
    const auto access = accessTokenOf(tokens);
    BOOST_TEST(app.get("/v1/userinfo", bearer(access)).status == 200);
    const auto jti = crypto::peekJwtPart(access, 1)->string("jti").value_or("");
    app.context->db->tokens().revokeAccessToken(jti, app.context->clock.now() + std::chrono::hours(1));
    BOOST_TEST(app.get("/v1/userinfo", bearer(access)).status == 401);
}

BOOST_AUTO_TEST_CASE(discovery_lists_the_openid_provider_endpoints) {
    const auto doc = parseJson(app.get("/.well-known/openid-configuration").body);
    const auto base = app.context->config.publicUrl();
    BOOST_TEST(doc->getValue<std::string>("authorization_endpoint") == base + "/login/authorize");
    BOOST_TEST(doc->getValue<std::string>("userinfo_endpoint") == base + "/v1/userinfo");
    BOOST_TEST(doc->getArray("response_types_supported")->size() == 1u);
    BOOST_TEST(doc->getArray("response_types_supported")->getElement<std::string>(0) == "code");
    BOOST_TEST(doc->getArray("scopes_supported")->getElement<std::string>(0) == "openid");
    BOOST_TEST(doc->getArray("code_challenge_methods_supported")->size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

// The upstream asserts an address it did not verify, and a local account has it.
struct UnverifiedEmailFixture : LoginFixture {
    UnverifiedEmailFixture() : LoginFixture(test::UpstreamUserSpec{"mallory-sub", "victim@example.org", false}) {}
};

BOOST_FIXTURE_TEST_SUITE(appliance_security_login, UnverifiedEmailFixture)

BOOST_AUTO_TEST_CASE(unverified_email_cannot_take_over_an_existing_account) {
    const auto victim = app.createUser("victim@example.org", "victim-password-1");
    Pkce pkce;
    const auto landing = login(authorizeTarget(pkce));
    auto params = queryOf(landing);
    BOOST_TEST(params["error"] == "access_denied");
    BOOST_TEST(params.count("code") == 0u);
    BOOST_TEST(app.context->db->identities().listForUser(victim.id).empty());
    BOOST_TEST(!app.context->db->identities().find("oidc:" + op.issuer(), "mallory-sub").has_value());
    BOOST_TEST(!app.context->db->clients().findById(victim.id).has_value());
    BOOST_TEST(userCount() == 1);
}

BOOST_AUTO_TEST_CASE(unverified_email_of_nobody_creates_an_unverified_user) {
    Pkce pkce;
    const auto params = queryOf(login(authorizeTarget(pkce)));
    BOOST_TEST(params.count("code") == 1u);
    const auto user = app.context->db->users().findByEmail("victim@example.org");
    BOOST_TEST_REQUIRE(user.has_value());
    BOOST_TEST(!user->emailVerified);
}

BOOST_AUTO_TEST_SUITE_END()

// Each forged or stale id_token from the upstream is refused before anything is written.
BOOST_AUTO_TEST_SUITE(appliance_security_login_id_token)

BOOST_AUTO_TEST_CASE(forged_or_stale_upstream_id_tokens_are_refused_and_nothing_is_written) {
    for (const std::string fault : {"bad-nonce", "wrong-aud", "bad-signature", "expired"}) {
        test::UpstreamUserSpec spec;
        spec.fault = fault;
        LoginFixture f(spec);
        Pkce pkce;
        auto params = queryOf(f.login(f.authorizeTarget(pkce)));
        BOOST_TEST(params["error"] == "access_denied", fault);
        BOOST_TEST(params["state"] == "client-state-1");
        BOOST_TEST(params.count("code") == 0u, fault);
        BOOST_TEST(f.userCount() == 0, fault);
        BOOST_TEST(f.op.stats()->getValue<int>("token_requests") == 1, fault);
    }
}

BOOST_AUTO_TEST_SUITE_END()
