// SPDX-License-Identifier: Apache-2.0
// /v1/token, /v1/introspect, /v1/revoke over HTTP, and real OAuth peers:
// requests-oauthlib as the client, jwcrypto as a jwt-bearer issuer.
#include "appliance_fixture.hpp"
#include "support/tls_files.hpp"

#include <authcore/crypto/encoding.hpp>

#include "support/shell.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <sstream>

using namespace authcore;
using test::parseJson;

namespace {

struct TokenEndpointFixture : test::ApplianceFixture {
    explicit TokenEndpointFixture(std::map<std::string, std::string> env = {}) : test::ApplianceFixture(std::move(env)) {
        auto& clients = *context->clients;
        const auto system = Principal::system();
        clients.create(system, NewClient{"orders-api", "Orders", ClientType::Application, "", "", {}, false,
                                         {{"orders:read", ""}, {"orders:write", ""}}});
        clients.create(system, NewClient{"worker", "Worker", ClientType::Application, "", "", {}, false, {}});
        clients.authorize(system, "worker", "orders-api", {"orders:read", "orders:write"});
        secret = clients.generateSecret(system, "worker", 1);
    }
    test::HttpResult token(const std::string& form, const std::map<std::string, std::string>& headers = {}) {
        return test::httpRequest(port, "POST", "/v1/token", form, headers, "application/x-www-form-urlencoded");
    }
    std::map<std::string, std::string> basic(const std::string& id, const std::string& pw) {
        return {{"Authorization", "Basic " + crypto::base64Encode(id + ":" + pw)}};
    }
    std::string secret;
};


std::string script(const std::string& name) {
    return "/usr/bin/python3 " + std::string(std::getenv("AUTHCORE_SOURCE_ROOT")) + "/tests/interop/" + name;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_token_endpoint, TokenEndpointFixture)

BOOST_AUTO_TEST_CASE(basic_auth_client_credentials_returns_a_bearer_token_not_cached) {
    auto r = token("grant_type=client_credentials&audience=orders-api", basic("worker", secret));
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.header("Cache-Control") == "no-store");
    auto body = parseJson(r.body);
    BOOST_TEST(body->getValue<std::string>("token_type") == "Bearer");
    BOOST_TEST(body->getValue<int>("expires_in") == 3600);
    BOOST_TEST(body->getValue<std::string>("scope") == "orders:read orders:write");
}

BOOST_AUTO_TEST_CASE(form_credentials_and_a_narrower_scope_work) {
    auto r = token("grant_type=client_credentials&audience=orders-api&scope=orders%3Aread&client_id=worker&client_secret=" +
                   secret);
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(parseJson(r.body)->getValue<std::string>("scope") == "orders:read");
}

BOOST_AUTO_TEST_CASE(bad_secret_is_401_invalid_client_with_www_authenticate) {
    auto r = token("grant_type=client_credentials&audience=orders-api", basic("worker", "wrong"));
    BOOST_TEST(r.status == 401);
    BOOST_TEST(r.header("WWW-Authenticate").rfind("Basic", 0) == 0);
    BOOST_TEST(parseJson(r.body)->getValue<std::string>("error") == "invalid_client");
}

BOOST_AUTO_TEST_CASE(rfc6749_errors_for_bad_requests) {
    auto both = token("grant_type=client_credentials&audience=orders-api&client_secret=" + secret, basic("worker", secret));
    BOOST_TEST(both.status == 400);
    BOOST_TEST(parseJson(both.body)->getValue<std::string>("error") == "invalid_request");
    auto json = test::httpRequest(port, "POST", "/v1/token", R"({"grant_type":"client_credentials"})", basic("worker", secret));
    BOOST_TEST(json.status == 400);
    auto scope = token("grant_type=client_credentials&audience=orders-api&scope=admin", basic("worker", secret));
    BOOST_TEST(parseJson(scope.body)->getValue<std::string>("error") == "invalid_scope");
    auto grant = token("grant_type=password&username=a&password=b", basic("worker", secret));
    BOOST_TEST(parseJson(grant.body)->getValue<std::string>("error") == "unsupported_grant_type");
}

BOOST_AUTO_TEST_CASE(issued_tokens_are_counted_per_grant) {
    token("grant_type=client_credentials&audience=orders-api", basic("worker", secret));
    BOOST_TEST(get("/metrics").body.find("authcore_tokens_issued_total{grant=\"client_credentials\"} 1") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(introspect_then_revoke_over_http) {
    const auto access = parseJson(token("grant_type=client_credentials&audience=orders-api", basic("worker", secret)).body)
                            ->getValue<std::string>("access_token");
    const auto form = "token=" + access;
    auto active = test::httpRequest(port, "POST", "/v1/introspect", form, basic("worker", secret),
                                    "application/x-www-form-urlencoded");
    BOOST_TEST(parseJson(active.body)->getValue<bool>("active"));
    BOOST_TEST(test::httpRequest(port, "POST", "/v1/revoke", form, basic("worker", secret),
                                 "application/x-www-form-urlencoded").status == 200);
    auto inactive = test::httpRequest(port, "POST", "/v1/introspect", form, basic("worker", secret),
                                      "application/x-www-form-urlencoded");
    BOOST_TEST(inactive.body == R"({"active":false})");
    BOOST_TEST(test::httpRequest(port, "POST", "/v1/introspect", form, {}, "application/x-www-form-urlencoded").status ==
               401);
}

BOOST_AUTO_TEST_CASE(a_client_credentials_token_cannot_manage_anything) {
    const auto access = parseJson(token("grant_type=client_credentials&audience=orders-api", basic("worker", secret)).body)
                            ->getValue<std::string>("access_token");
    BOOST_TEST(get("/api/v1/me", {{"Authorization", "Bearer " + access}}).status == 401);
}

BOOST_AUTO_TEST_SUITE_END()

// oauthlib refuses plain HTTP, as it should: the server speaks TLS here.
struct HttpsTokenFixture {
    test::TlsFiles tls;
    TokenEndpointFixture app{{{"AUTHCORE_TLS_CERT", tls.cert()}, {"AUTHCORE_TLS_KEY", tls.key()}}};
};

BOOST_FIXTURE_TEST_SUITE(interop_oauthlib, HttpsTokenFixture)

BOOST_AUTO_TEST_CASE(requests_oauthlib_backend_client_gets_a_token_jwcrypto_verifies) {
    int status = 0;
    const auto out = test::runCommand(script("oauthlib_client_credentials.py") + " " + app.context->config.publicUrl() + " worker " +
                             app.secret + " orders-api " + tls.cert(),
                         status);
    BOOST_TEST(status == 0, out);
    BOOST_TEST(out.find(R"("sub": "worker")") != std::string::npos, out);
    BOOST_TEST(out.find(R"("scope": "orders:read orders:write")") != std::string::npos, out);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(interop_jwt_bearer, TokenEndpointFixture)

BOOST_AUTO_TEST_CASE(assertions_from_a_local_jwks_issuer_accepted_only_when_valid) {
    const auto jwksPort = test::freePort();
    const auto jwksUrl = "http://127.0.0.1:" + std::to_string(jwksPort) + "/jwks";
    context->clients->addJwtBearer(Principal::system(), "worker", jwksUrl, "https://ci.example", "repo:acme/orders",
                                   context->config.publicUrl());
    int status = 0;
    const auto out = test::runCommand(script("jwt_bearer_assertions.py") + " " + context->config.publicUrl() + " " +
                             std::to_string(jwksPort) + " worker orders-api https://ci.example repo:acme/orders " +
                             context->config.publicUrl(),
                         status);
    BOOST_TEST(status == 0, out);
    BOOST_TEST(out.find("valid 200 Bearer") != std::string::npos, out);
    BOOST_TEST(out.find("other_key 400 invalid_grant") != std::string::npos, out);
    BOOST_TEST(out.find("expired 400 invalid_grant") != std::string::npos, out);
    BOOST_TEST(out.find("wrong_aud 400 invalid_grant") != std::string::npos, out);
}

BOOST_AUTO_TEST_SUITE_END()
