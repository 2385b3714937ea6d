// SPDX-License-Identifier: Apache-2.0
// Health, readiness, metrics, JWKS and discovery over real HTTP.
#include "appliance_fixture.hpp"

#include <authcore/crypto/jwt.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::parseJson;

BOOST_FIXTURE_TEST_SUITE(appliance_operations, test::ApplianceFixture)

BOOST_AUTO_TEST_CASE(healthz_and_readyz_answer_ok) {
    BOOST_TEST(get("/healthz").status == 200);
    auto ready = get("/readyz");
    BOOST_TEST(ready.status == 200);
    BOOST_TEST(parseJson(ready.body)->getValue<std::string>("store") == "ok");
}

BOOST_AUTO_TEST_CASE(metrics_count_requests_per_route_and_status) {
    get("/healthz");
    get("/api/v1/organizations/nope");
    auto r = get("/metrics");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.header("Content-Type").find("text/plain") == 0);
    BOOST_TEST(r.body.find("authcore_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1") !=
               std::string::npos);
    BOOST_TEST(r.body.find("route=\"/api/v1/organizations/{org}\",status=\"401\"") != std::string::npos);
    BOOST_TEST(r.body.find("authcore_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"+Inf\"} 1") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(jwks_is_served_at_both_paths_and_verifies_our_tokens) {
    auto jwks = get("/v1/jwks");
    BOOST_TEST(jwks.status == 200);
    BOOST_TEST(get("/.well-known/jwks.json").body == jwks.body);
    auto set = crypto::KeySet::fromJwks(jwks.body);
    BOOST_REQUIRE(set.has_value());
    BOOST_TEST(set->size() == 2u);
    BOOST_TEST(jwks.body.find("\"d\"") == std::string::npos); // no private parts
    createUser("ops@example.com", "ops-password");
    auto login = post("/api/v1/auth/login", R"({"email":"ops@example.com","password":"ops-password"})");
    const auto token = parseJson(login.body)->getValue<std::string>("access_token");
    crypto::VerifyOptions options;
    options.now = context->clock.now();
    options.issuer = context->config.publicUrl();
    options.audience = context->config.publicUrl();
    BOOST_TEST(crypto::verifyJwt(token, *set, options).has_value());
}

BOOST_AUTO_TEST_CASE(discovery_names_issuer_and_jwks_uri) {
    auto doc = parseJson(get("/.well-known/openid-configuration").body);
    BOOST_TEST(doc->getValue<std::string>("issuer") == context->config.publicUrl());
    BOOST_TEST(doc->getValue<std::string>("jwks_uri") == context->config.publicUrl() + "/.well-known/jwks.json");
    BOOST_TEST(doc->getValue<std::string>("token_endpoint") == context->config.publicUrl() + "/v1/token");
    BOOST_TEST(doc->getArray("code_challenge_methods_supported")->size() == 1u);
    BOOST_TEST(doc->getArray("code_challenge_methods_supported")->getElement<std::string>(0) == "S256");
    // Every advertised endpoint answers (none is a 404).
    for (const char* key : {"authorization_endpoint", "userinfo_endpoint", "introspection_endpoint",
                            "revocation_endpoint", "jwks_uri"}) {
        const auto url = doc->getValue<std::string>(key);
        const auto path = url.substr(context->config.publicUrl().size());
        BOOST_TEST(get(path).status != 404, key);
    }
}

BOOST_AUTO_TEST_CASE(rotation_publishes_three_keys_and_old_tokens_still_work) {
    createUser("ops@example.com", "ops-password");
    auto headers = loginHeaders("ops@example.com", "ops-password");
    context->keys->rotate();
    BOOST_TEST(crypto::KeySet::fromJwks(get("/v1/jwks").body)->size() == 3u);
    BOOST_TEST(get("/api/v1/me", headers).status == 200);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(appliance_status_lines, test::ApplianceFixture)

BOOST_AUTO_TEST_CASE(error_statuses_carry_their_reason_phrase) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    Poco::Net::HTTPRequest request("GET", "/api/v1/me", Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    session.receiveResponse(response);
    BOOST_TEST(static_cast<int>(response.getStatus()) == 401);
    BOOST_TEST(response.getReason() == "Unauthorized");
}

BOOST_AUTO_TEST_SUITE_END()
