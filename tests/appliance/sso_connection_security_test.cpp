// SPDX-License-Identifier: Apache-2.0
// SSO connection secrets are write-only and sealed at rest; unknown slugs are
// indistinguishable. Each case tries to read what must not be readable.
#include "service_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <iterator>
#include <sstream>

using namespace authcore;
using test::parseJson;

namespace {

const std::string kClientSecret = "S3cr3t-OIDC-client-secret-for-sso-test";
const std::string kBindPassword = "S3cr3t-LDAP-bind-password-for-sso-test";

struct SsoSecurityFixture : test::ServiceFixture {
    SsoSecurityFixture() {
        oidcId = parseJson(expect(post(kConnections, R"({"name": "Okta", "protocol": "oidc", "domains": ["acme.test"],
            "issuer_url": "https://acme.okta.com", "client_id": "client-1", "client_secret": ")" + kClientSecret + R"("})",
                                       ownerAuth), 201).body)->getValue<std::string>("id");
        ldapId = parseJson(expect(post(kConnections, R"({"name": "LDAP", "protocol": "ldap",
            "ldap_url": "ldaps://ldap.acme.test", "bind_dn": "cn=svc,dc=acme,dc=test",
            "bind_password": ")" + kBindPassword + R"(", "user_base_dn": "ou=people,dc=acme,dc=test"})",
                                       ownerAuth), 201).body)->getValue<std::string>("id");
    }
    /// Every byte of the SQLite database and its WAL.
    std::string storedBytes() {
        std::string all;
        for (const auto& name : {"data/authcore.db", "data/authcore.db-wal"}) {
            std::ifstream in(dir.file(name), std::ios::binary);
            all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        return all;
    }
    static bool leaks(const std::string& text) {
        return text.find(kClientSecret) != std::string::npos || text.find(kBindPassword) != std::string::npos;
    }

    const std::string kConnections = kOrg + "/sso/connections";
    std::string oidcId, ldapId;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_security_sso_connections, SsoSecurityFixture)

BOOST_AUTO_TEST_CASE(no_rest_or_graphql_response_carries_a_secret) {
    std::vector<test::HttpResult> responses{
        get(kConnections, ownerAuth), get(kConnections + "/" + oidcId, ownerAuth),
        get(kConnections + "/" + ldapId, rootAuth),
        patch(kConnections + "/" + oidcId, R"({"client_secret": ")" + kClientSecret + R"(", "name": "Okta 2"})", ownerAuth),
        patch(kConnections + "/" + ldapId, R"({"bind_password": "", "name": "x"})", ownerAuth), // refused: its message
        get("/api/v1/sso/login-url?domain=acme.test"), get("/auth/sso/okta/protocol")};
    const std::string query = R"({"query": "{ organization(slug: \"acme\") { ssoConnections { id name slug protocol )"
                              R"(status domains jitProvisioning defaultRole attributeMapping { field attribute } )"
                              R"(createdAt updatedAt } } }"})";
    responses.push_back(test::httpRequest(port, "POST", "/graphql", query, ownerAuth));
    for (const auto& r : responses) BOOST_TEST(!leaks(r.body), r.body);
    BOOST_TEST(responses[4].status == 400);
    // The schema has no field that could reach a secret.
    const auto probe = test::httpRequest(port, "POST", "/graphql",
        R"({"query": "{ organization(slug: \"acme\") { ssoConnections { clientSecret } } }"})", ownerAuth);
    BOOST_TEST(probe.body.find("errors") != std::string::npos);
    BOOST_TEST(!leaks(probe.body));
}

BOOST_AUTO_TEST_CASE(secrets_are_stored_sealed_to_their_connection) {
    BOOST_TEST(!leaks(storedBytes()));
    const auto oidc = context->db->ssoConnections().find(oidcId);
    const auto ldap = context->db->ssoConnections().find(ldapId);
    BOOST_TEST(oidc->oidc.sealedClientSecret.rfind("v1.", 0) == 0);
    BOOST_TEST(*context->envelope->open(oidc->oidc.sealedClientSecret, oidcId) == kClientSecret);
    BOOST_TEST(*context->envelope->open(ldap->ldap.sealedBindPassword, ldapId) == kBindPassword);
    // Sealed values cannot be moved between connections.
    BOOST_TEST(!context->envelope->open(oidc->oidc.sealedClientSecret, ldapId).has_value());
}

BOOST_AUTO_TEST_CASE(unknown_and_inactive_slugs_answer_the_same_404) {
    expect(patch(kConnections + "/" + ldapId, R"({"status": "inactive"})", ownerAuth), 200);
    const auto reference = get("/auth/sso/no-such-tenant/protocol");
    BOOST_TEST(reference.status == 404);
    for (const auto* slug : {"ldap", "acme", "a", "x-very-long-slug-that-is-not-there", "OKTA"}) {
        const auto r = get(std::string("/auth/sso/") + slug + "/protocol");
        BOOST_TEST(r.status == 404, slug);
        BOOST_TEST(r.body == reference.body, slug);
        BOOST_TEST(r.header("Content-Type") == reference.header("Content-Type"), slug);
    }
    BOOST_TEST(get("/auth/sso/okta/protocol").status == 200);
}

BOOST_AUTO_TEST_CASE(a_member_cannot_create_or_read_and_nothing_is_written) {
    const auto r = post(kConnections, R"({"name": "Evil", "protocol": "oidc", "domains": ["evil.test"],
        "issuer_url": "https://evil.test", "client_id": "c", "client_secret": "s"})", memberAuth);
    BOOST_TEST(r.status == 403);
    BOOST_TEST(get("/api/v1/sso/login-url?domain=evil.test").status == 404);
    BOOST_TEST(get(kConnections + "/" + oidcId, memberAuth).status == 403);
    BOOST_TEST(get(kConnections + "/" + oidcId, outsiderAuth).status == 404);
}

BOOST_AUTO_TEST_SUITE_END()
