// SPDX-License-Identifier: Apache-2.0
// A real relying party (python3-authlib's OAuth client) logs in through
// AuthCore, which logs in upstream at a real OpenID Provider (authlib's
// server), and validates our id_token against our discovery document and JWKS.
#include "login_fixture.hpp"
#include "support/shell.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::LoginFixture;
using test::parseJson;

namespace {

constexpr const char* kRedirect = "https://app.example/callback";

struct RelyingPartyRun {
    int status = 0;
    std::string output;
    Poco::JSON::Object::Ptr result() const { return parseJson(output.substr(0, output.find('\n'))); }
};

RelyingPartyRun runRelyingParty(LoginFixture& f, const std::string& clientId, const std::string& secret,
                                const std::string& redirectUri, const std::string& scope,
                                const std::string& expectError = "") {
    std::string command = "/usr/bin/python3 '" + std::string(std::getenv("AUTHCORE_SOURCE_ROOT")) +
                          "/tests/interop/oidc_relying_party.py' --authcore '" + f.app.context->config.publicUrl() +
                          "' --client-id '" + clientId + "' --redirect-uri '" + redirectUri + "' --scope '" + scope + "'";
    if (!secret.empty()) command += " --client-secret '" + secret + "'";
    if (!expectError.empty()) command += " --expect-error " + expectError;
    RelyingPartyRun run;
    run.output = test::runCommand(command, run.status);
    return run;
}

void addService(LoginFixture& f, const std::string& clientId, bool publicClient) {
    f.app.context->clients->create(Principal::system(), NewClient{clientId, clientId, ClientType::Service, "", "",
                                                                  {kRedirect}, publicClient, {}});
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(interop_authlib_login, LoginFixture)

BOOST_AUTO_TEST_CASE(authlib_relying_party_validates_our_id_token_for_a_confidential_service) {
    addService(*this, "orders-web", false);
    const auto secret = app.context->clients->generateSecret(Principal::system(), "orders-web", 1);
    const auto run = runRelyingParty(*this, "orders-web", secret, kRedirect, "openid email profile");
    BOOST_TEST_REQUIRE(run.status == 0, run.output);
    const auto result = run.result();
    const auto id = result->getObject("id_token_claims");
    BOOST_TEST(id->getValue<std::string>("aud") == "orders-web");
    BOOST_TEST(id->getValue<std::string>("email") == "alice@example.org");
    BOOST_TEST(id->has("auth_time"));
    BOOST_TEST(id->getValue<std::string>("sub").rfind("usr_", 0) == 0u);
    BOOST_TEST(result->getObject("userinfo")->getValue<std::string>("sub") == id->getValue<std::string>("sub"));
    BOOST_TEST(result->getObject("access_token_claims")->getValue<std::string>("aud") == "orders-web");
    BOOST_TEST(result->getValue<bool>("refreshed"));
    // The upstream really was asked, with PKCE and a nonce.
    const auto sent = op.stats()->getObject("last_authorize_params");
    BOOST_TEST(sent->getValue<std::string>("code_challenge_method") == "S256");
    BOOST_TEST(sent->getValue<std::string>("nonce").size() >= 22u);
}

BOOST_AUTO_TEST_CASE(authlib_public_client_logs_in_with_pkce_alone) {
    addService(*this, "orders-cli", true);
    const auto run = runRelyingParty(*this, "orders-cli", "", kRedirect, "openid email");
    BOOST_TEST_REQUIRE(run.status == 0, run.output);
    BOOST_TEST(run.result()->getObject("id_token_claims")->getValue<std::string>("aud") == "orders-cli");
}

BOOST_AUTO_TEST_CASE(authlib_console_login_gets_a_management_token) {
    const auto run = runRelyingParty(*this, "authcore-console", "", LoginFixture::kConsoleRedirect, "openid email");
    BOOST_TEST_REQUIRE(run.status == 0, run.output);
    BOOST_TEST(run.result()->getObject("access_token_claims")->getValue<std::string>("aud") ==
               app.context->config.publicUrl());
}

BOOST_AUTO_TEST_CASE(authlib_sees_an_unoffered_scope_refused) {
    addService(*this, "orders-cli", true);
    const auto run = runRelyingParty(*this, "orders-cli", "", kRedirect, "openid admin:all", "invalid_scope");
    BOOST_TEST(run.status == 0, run.output);
    BOOST_TEST(op.stats()->getValue<int>("authorize_requests") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
