// SPDX-License-Identifier: Apache-2.0
// The legacy single OIDC config over real HTTP: PUT/GET/DELETE /sso/config,
// the connection it is underneath, validation, roles, and the login-url 404s.
#include "service_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Object.h>

#include <sstream>
#include <thread>

using namespace authcore;
using test::parseJson;

namespace {

const std::string kSecret = "legacy-secret-0123456789";

struct LegacyConfigFixture : test::ServiceFixture {
    const std::string kConfig = kOrg + "/sso/config";

    test::HttpResult put(const std::string& body, const test::Headers& headers) {
        return test::httpRequest(port, "PUT", kConfig, body, headers);
    }
    static std::string configJson(const std::map<std::string, std::string>& fields) {
        Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
        for (const auto& [k, v] : fields) body.set(k, v);
        std::ostringstream out;
        body.stringify(out);
        return out.str();
    }
    static std::string validJson() {
        return configJson({{"issuer_url", "https://idp.example.com"}, {"client_id", "legacy-client"},
                           {"client_secret", kSecret}});
    }
    std::vector<SsoConnection> connections() {
        return context->db->ssoConnections().listByOrganization(context->db->organizations().findBySlug("acme")->id);
    }
    std::string ourCallback(const std::string& slug) const {
        return context->config.publicUrl() + "/auth/sso/" + slug + "/oidc/callback";
    }
    std::size_t auditCount(const std::string& action, const std::string& target) {
        std::size_t n = 0;
        for (const auto& e : context->organizations->auditEvents(Principal::system(), "acme", 500, "").events)
            n += e.action == action && e.target == target && e.outcome == "success";
        return n;
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_sso_legacy_config, LegacyConfigFixture)

BOOST_AUTO_TEST_CASE(put_creates_one_legacy_oidc_connection_and_no_answer_carries_the_secret) {
    const auto r = put(validJson(), ownerAuth);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(r.header("Cache-Control") == "no-store");
    const auto out = parseJson(r.body);
    BOOST_TEST(out->getValue<std::string>("issuer_url") == "https://idp.example.com");
    BOOST_TEST(out->getValue<std::string>("client_id") == "legacy-client");
    BOOST_TEST(!out->has("client_secret"));
    BOOST_TEST(!out->getValue<std::string>("created_at").empty());
    BOOST_TEST(!out->getValue<std::string>("updated_at").empty());
    const auto id = out->getValue<std::string>("connection_id");

    const auto stored = connections();
    BOOST_TEST_REQUIRE(stored.size() == 1u);
    BOOST_TEST(stored[0].id == id);
    BOOST_TEST(stored[0].legacy);
    BOOST_TEST((stored[0].protocol == SsoProtocol::Oidc));
    BOOST_TEST(stored[0].name == "Legacy OIDC configuration");
    BOOST_TEST(stored[0].slug == "legacy-oidc-configuration");
    BOOST_TEST(stored[0].domains.empty());
    BOOST_TEST(!stored[0].oidc.sealedClientSecret.empty());
    BOOST_TEST(stored[0].oidc.sealedClientSecret.find(kSecret) == std::string::npos);
    // No redirect_uri given: the provider is to send the browser to our callback.
    BOOST_TEST(out->getValue<std::string>("redirect_uri") == ourCallback(stored[0].slug));
    BOOST_TEST(auditCount("sso_connection.create", id) == 1u);

    const auto got = get(kConfig, ownerAuth);
    BOOST_TEST_REQUIRE(got.status == 200, got.body);
    BOOST_TEST(got.body == r.body);
    const auto listed = get(kOrg + "/sso/connections", ownerAuth);
    BOOST_TEST_REQUIRE(listed.status == 200);
    BOOST_TEST(parseJson(listed.body)->getArray("connections")->size() == 1u);
    for (const auto* body : {&r.body, &got.body, &listed.body}) BOOST_TEST(body->find(kSecret) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_second_put_replaces_the_config_and_keeps_an_absent_secret) {
    const auto first = parseJson(expect(put(validJson(), ownerAuth), 200).body);
    const auto sealed = connections().at(0).oidc.sealedClientSecret;
    const auto r = put(configJson({{"issuer_url", "https://idp2.example.com"}, {"client_id", "client-2"},
                                   {"redirect_uri", "https://app.example.com/sso/callback"}}),
                       adminAuth);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    const auto out = parseJson(r.body);
    BOOST_TEST(out->getValue<std::string>("connection_id") == first->getValue<std::string>("connection_id"));
    BOOST_TEST(out->getValue<std::string>("created_at") == first->getValue<std::string>("created_at"));
    BOOST_TEST(out->getValue<std::string>("issuer_url") == "https://idp2.example.com");
    BOOST_TEST(out->getValue<std::string>("redirect_uri") == "https://app.example.com/sso/callback");
    const auto stored = connections();
    BOOST_TEST_REQUIRE(stored.size() == 1u);
    BOOST_TEST(stored[0].oidc.sealedClientSecret == sealed);
    BOOST_TEST(stored[0].oidc.clientId == "client-2");
    BOOST_TEST(auditCount("sso_connection.update", stored[0].id) == 1u);

    // PUT replaces the whole config: without redirect_uri it is our callback again.
    const auto back = parseJson(expect(put(validJson(), ownerAuth), 200).body);
    BOOST_TEST(back->getValue<std::string>("redirect_uri") == ourCallback(stored[0].slug));
    BOOST_TEST(connections().size() == 1u);
}

BOOST_AUTO_TEST_CASE(domains_and_jit_provisioning_are_accepted_and_kept_when_absent) {
    const auto body = R"({"issuer_url": "https://idp.example.com", "client_id": "c", "client_secret": "s3cret-value",
                          "domains": ["Legacy.Example.com"], "jit_provisioning": true})";
    const auto out = parseJson(expect(put(body, ownerAuth), 200).body);
    BOOST_TEST(out->getArray("domains")->getElement<std::string>(0) == "legacy.example.com");
    BOOST_TEST(out->getValue<bool>("jit_provisioning"));
    expect(put(configJson({{"issuer_url", "https://idp.example.com"}, {"client_id", "c"}}), ownerAuth), 200);
    BOOST_TEST((connections().at(0).domains == std::vector<std::string>{"legacy.example.com"}));
    BOOST_TEST(connections().at(0).jitProvisioning);
    // The domain routes to the legacy connection like any other.
    const auto url = get("/api/v1/sso/login-url?domain=legacy.example.com");
    BOOST_TEST_REQUIRE(url.status == 200, url.body);
    BOOST_TEST(parseJson(url.body)->getValue<std::string>("connection_id") == connections().at(0).id);
}

BOOST_AUTO_TEST_CASE(bad_input_is_400_and_writes_nothing) {
    const std::vector<std::string> bad = {
        configJson({{"issuer_url", "https://idp.example.com"}, {"client_id", "c"}}), // no secret on creation
        configJson({{"client_id", "c"}, {"client_secret", kSecret}}),
        configJson({{"issuer_url", "https://idp.example.com"}, {"client_secret", kSecret}}),
        configJson({{"issuer_url", "http://idp.example.com"}, {"client_id", "c"}, {"client_secret", kSecret}}),
        configJson({{"issuer_url", "https://idp.example.com"}, {"client_id", "c"}, {"client_secret", kSecret},
                    {"redirect_uri", "http://app.example.com/callback"}}),
        configJson({{"issuer_url", "https://idp.example.com"}, {"client_id", "c"}, {"client_secret", kSecret},
                    {"redirect_uri", "/relative/callback"}}),
        configJson({{"issuer_url", "https://idp.example.com"}, {"client_id", "c"}, {"client_secret", kSecret},
                    {"redirect_uri", "https://app.example.com/cb#frag"}}),
        R"({"issuer_url": "https://idp.example.com", "client_id": "c", "client_secret": "s", "domains": ["not a domain"]})",
        "not json",
    };
    for (const auto& body : bad) {
        const auto r = put(body, ownerAuth);
        BOOST_TEST(r.status == 400, body << " -> " << r.body);
    }
    BOOST_TEST(connections().empty());
    BOOST_TEST(get(kConfig, ownerAuth).status == 404);

    const auto good = expect(put(validJson(), ownerAuth), 200);
    for (std::size_t i = 3; i < bad.size(); ++i) BOOST_TEST(put(bad[i], ownerAuth).status == 400);
    BOOST_TEST(get(kConfig, ownerAuth).body == good.body); // unchanged, updated_at included
}

BOOST_AUTO_TEST_CASE(members_are_403_outsiders_and_other_organizations_404) {
    BOOST_TEST(put(validJson(), memberAuth).status == 403);
    BOOST_TEST(get(kConfig, memberAuth).status == 403);
    BOOST_TEST(del(kConfig, memberAuth).status == 403);
    BOOST_TEST(put(validJson(), outsiderAuth).status == 404);
    BOOST_TEST(get(kConfig).status == 401);
    BOOST_TEST(connections().empty());

    expect(put(validJson(), ownerAuth), 200);
    BOOST_TEST(get(kConfig, outsiderAuth).status == 404);
    BOOST_TEST(del(kConfig, outsiderAuth).status == 404);
    BOOST_TEST(del(kConfig, memberAuth).status == 403);
    // The owner of acme is nobody at another organization.
    const auto other = loginHeaders("outsider@example.com", "outsider-password");
    expect(post("/api/v1/organizations", R"({"slug":"other","name":"Other"})", other), 201);
    BOOST_TEST(get("/api/v1/organizations/other/sso/config", ownerAuth).status == 404);
    BOOST_TEST(test::httpRequest(port, "PUT", "/api/v1/organizations/other/sso/config", validJson(), ownerAuth).status ==
               404);
    BOOST_TEST(connections().size() == 1u);
}

BOOST_AUTO_TEST_CASE(delete_removes_the_connection_then_answers_404) {
    const auto id = parseJson(expect(put(validJson(), ownerAuth), 200).body)->getValue<std::string>("connection_id");
    const auto r = del(kConfig, ownerAuth);
    BOOST_TEST(r.status == 204, r.body);
    BOOST_TEST(connections().empty());
    BOOST_TEST(!context->db->ssoConnections().find(id));
    BOOST_TEST(get(kConfig, ownerAuth).status == 404);
    BOOST_TEST(del(kConfig, ownerAuth).status == 404);
    BOOST_TEST(auditCount("sso_connection.delete", id) == 1u);
}

BOOST_AUTO_TEST_CASE(ordinary_connections_are_not_the_legacy_config) {
    expect(post(kOrg + "/sso/connections", R"({"name": "Okta", "protocol": "oidc", "issuer_url": "https://okta.example.com",
        "client_id": "c", "client_secret": "s3cret-value"})", ownerAuth), 201);
    BOOST_TEST(get(kConfig, ownerAuth).status == 404);
    BOOST_TEST(del(kConfig, ownerAuth).status == 404);
    expect(put(validJson(), ownerAuth), 200);
    BOOST_TEST(connections().size() == 2u);
    BOOST_TEST(parseJson(get(kConfig, ownerAuth).body)->getValue<std::string>("client_id") == "legacy-client");
}

BOOST_AUTO_TEST_CASE(racing_first_puts_make_one_connection) {
    std::vector<std::thread> threads;
    std::vector<int> statuses(6);
    for (std::size_t i = 0; i < statuses.size(); ++i)
        threads.emplace_back([this, i, &statuses] { statuses[i] = put(validJson(), ownerAuth).status; });
    for (auto& t : threads) t.join();
    for (const int status : statuses) BOOST_TEST(status == 200);
    BOOST_TEST(connections().size() == 1u);
}

BOOST_AUTO_TEST_CASE(login_url_by_org_is_one_404_for_unknown_and_unconfigured_organizations) {
    const auto unknown = get("/api/v1/sso/login-url?org=no-such-org");
    const auto unknownId = get("/api/v1/sso/login-url?org=org_nope");
    const auto unconfigured = get("/api/v1/sso/login-url?org=acme");
    for (const auto* r : {&unknown, &unknownId, &unconfigured}) {
        BOOST_TEST(r->status == 404, r->body);
        BOOST_TEST(r->body == unknown.body);
    }
    BOOST_TEST(parseJson(unknown.body)->getValue<std::string>("error") == "not_found");
    BOOST_TEST(get("/api/v1/sso/login-url?org=acme&domain=example.org").status == 400);
    BOOST_TEST(get("/api/v1/sso/login-url").status == 400);
    // An inactive legacy connection serves no login either.
    const auto id = parseJson(expect(put(validJson(), ownerAuth), 200).body)->getValue<std::string>("connection_id");
    expect(patch(kOrg + "/sso/connections/" + id, R"({"status": "inactive"})", ownerAuth), 200);
    const auto inactive = get("/api/v1/sso/login-url?org=acme");
    BOOST_TEST(inactive.status == 404);
    BOOST_TEST(inactive.body == unknown.body);
}

BOOST_AUTO_TEST_SUITE_END()
