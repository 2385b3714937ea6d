// SPDX-License-Identifier: Apache-2.0
// OIDC SSO connection options against the authlib OpenID Provider: the scopes
// of the authorization request and the token endpoint's client
// authentication, as the provider saw them, and a change taking effect at
// the next login.
#include "sso_oidc_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::parseJson;
using test::queryOf;

namespace {

/// A provider that accepts client_secret_post only.
struct PostOnlyFixture : test::SsoOidcFixture {
    PostOnlyFixture() : SsoOidcFixture(postOnly()) {}
    static test::UpstreamUserSpec postOnly() {
        test::UpstreamUserSpec spec;
        spec.authMethod = "client_secret_post";
        return spec;
    }
    std::string connection() const { return kConnections + "/" + connectionId; }
    test::HttpResult patch(const std::string& target, const std::string& body) {
        return test::httpRequest(appPort, "PATCH", target, body, ownerAuth);
    }
    std::string authorizeScope() { return op.stats()->getObject("last_authorize_params")->getValue<std::string>("scope"); }
    std::string tokenAuthMethod() { return op.stats()->getValue<std::string>("last_token_auth_method"); }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_sso_oidc_options, PostOnlyFixture)

BOOST_AUTO_TEST_CASE(defaults_are_the_base_scopes_and_http_basic) {
    const auto shown = parseJson(expect(app.get(connection(), ownerAuth), 200).body);
    BOOST_TEST(shown->getValue<std::string>("scopes") == "openid email profile");
    BOOST_TEST(shown->getValue<std::string>("token_auth_method") == "client_secret_basic");
    const auto refused = login(); // this provider wants client_secret_post
    BOOST_TEST(refused.status == 502, refused.body);
    BOOST_TEST(authorizeScope() == "openid email profile");
    BOOST_TEST(tokenAuthMethod() == "client_secret_basic");
    BOOST_TEST(sessionCount() == 0u);
}

BOOST_AUTO_TEST_CASE(a_change_takes_effect_at_the_next_login) {
    BOOST_TEST(login().status == 502); // the provider made and cached with the defaults
    const auto patched = expect(patch(connection(), R"({"scopes": "openid email groups",
        "token_auth_method": "client_secret_post"})"), 200);
    BOOST_TEST(parseJson(patched.body)->getValue<std::string>("scopes") == "openid email groups");
    const auto r = login();
    BOOST_TEST_REQUIRE(r.status == 302, r.body);
    BOOST_TEST(queryOf(r.header("Location")).count("code") == 1u);
    BOOST_TEST(authorizeScope() == "openid email groups");
    BOOST_TEST(tokenAuthMethod() == "client_secret_post");
    BOOST_TEST(sessionCount() == 1u);
}

BOOST_AUTO_TEST_CASE(the_authorization_request_carries_the_connections_scopes) {
    const auto id = createConnection("acme-post", op.issuer(), R"(["example.net"])");
    expect(patch(kConnections + "/" + id, R"({"token_auth_method": "client_secret_post", "scopes": "openid groups"})"),
           200);
    const auto started = expect(app.get("/auth/sso/acme-post/oidc/login"), 302);
    BOOST_TEST(queryOf(started.header("Location"))["scope"] == "openid groups");
}

BOOST_AUTO_TEST_CASE(invalid_options_are_400_and_change_nothing) {
    for (const auto* body : {R"({"scopes": "email profile"})", R"({"scopes": "openid caf\u00e9"})",
                             R"({"token_auth_method": "private_key_jwt"})", R"({"session_lifetime_seconds": 299})",
                             R"({"session_lifetime_seconds": "3600"})", R"({"ldap_timeout_ms": 1000})"}) {
        const auto r = patch(connection(), body);
        BOOST_TEST(r.status == 400, body << ": " << r.body);
        BOOST_TEST(parseJson(r.body)->getValue<std::string>("error") == "invalid_request");
    }
    const auto shown = parseJson(expect(app.get(connection(), ownerAuth), 200).body);
    BOOST_TEST(shown->getValue<std::string>("scopes") == "openid email profile");
    BOOST_TEST(shown->getValue<long long>("session_lifetime_seconds") == 28800);
    BOOST_TEST(!shown->has("ldap_timeout_ms"));
}

BOOST_AUTO_TEST_SUITE_END()
