// SPDX-License-Identifier: Apache-2.0
// SSO connections over real HTTP: CRUD with roles, the JSON shape, domain and
// slug conflicts, and the public login-url and protocol look-ups.
#include "service_fixture.hpp"

#include "http/exchange.hpp"

#include <boost/test/unit_test.hpp>

#include <tuple>

using namespace authcore;
using test::parseJson;

namespace {

const std::string kOidc = R"({"name": "Okta Production", "protocol": "oidc", "domains": ["MyCompany.com"],
  "jit_provisioning": true, "default_role": "admin",
  "attribute_mapping": {"email": "email", "name": "name", "groups": "groups"},
  "issuer_url": "https://mycompany.okta.com", "client_id": "0oa1client",
  "client_secret": "oidc-secret-never-returned"})";

const std::string kLdap = R"({"name": "Corporate LDAP", "protocol": "ldap", "slug": "corp-ldap",
  "domains": ["corp.example.org"], "ldap_url": "ldap://ldap.corp.example.org",
  "bind_dn": "cn=svc,dc=corp,dc=example,dc=org", "bind_password": "ldap-bind-secret-never-returned",
  "user_base_dn": "ou=people,dc=corp,dc=example,dc=org",
  "group_scope_mapping": {"cn=engineers,ou=groups,dc=corp,dc=example,dc=org": "member"}})";

const std::string kSaml = R"({"name": "ADFS", "protocol": "saml",
  "idp_metadata_url": "https://adfs.example.net/FederationMetadata/2007-06/FederationMetadata.xml"})";

struct SsoFixture : test::ServiceFixture {
    Poco::JSON::Object::Ptr create(const std::string& body, const test::Headers& who = {}) {
        return parseJson(expect(post(kConnections, body, who.empty() ? ownerAuth : who), 201).body);
    }
    std::string publicUrl() const { return context->config.publicUrl(); }

    const std::string kConnections = kOrg + "/sso/connections";
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_sso_connections, SsoFixture)

BOOST_AUTO_TEST_CASE(create_answers_the_connection_without_secrets) {
    const auto r = post(kConnections, kOidc, adminAuth);
    BOOST_TEST_REQUIRE(r.status == 201, r.body);
    BOOST_TEST(r.header("Cache-Control") == "no-store");
    const auto c = parseJson(r.body);
    BOOST_TEST(c->getValue<std::string>("id").rfind("sso_conn_", 0) == 0);
    BOOST_TEST(c->getValue<std::string>("slug") == "okta-production");
    BOOST_TEST(c->getValue<std::string>("protocol") == "oidc");
    BOOST_TEST(c->getValue<std::string>("status") == "active");
    BOOST_TEST(c->getArray("domains")->getElement<std::string>(0) == "mycompany.com");
    BOOST_TEST(c->getValue<bool>("jit_provisioning"));
    BOOST_TEST(c->getValue<std::string>("default_role") == "admin");
    BOOST_TEST(c->getObject("attribute_mapping")->getValue<std::string>("groups") == "groups");
    BOOST_TEST(c->getValue<std::string>("issuer_url") == "https://mycompany.okta.com");
    BOOST_TEST(c->getValue<std::string>("client_id") == "0oa1client");
    BOOST_TEST(!c->has("client_secret"));
    BOOST_TEST(r.body.find("oidc-secret-never-returned") == std::string::npos);
    BOOST_TEST(c->has("created_at"));
    BOOST_TEST(c->has("updated_at"));
}

BOOST_AUTO_TEST_CASE(list_get_patch_and_delete) {
    const auto id = create(kLdap)->getValue<std::string>("id");
    create(kSaml);
    const auto list = parseJson(expect(get(kConnections, adminAuth), 200).body)->getArray("connections");
    BOOST_TEST_REQUIRE(list->size() == 2u);
    const auto ldap = list->getObject(0);
    BOOST_TEST(ldap->getValue<std::string>("slug") == "corp-ldap");
    BOOST_TEST(ldap->getValue<bool>("start_tls"));
    BOOST_TEST(ldap->getValue<std::string>("user_filter") == "(|(uid={username})(mail={username}))");
    const auto saml = list->getObject(1);
    BOOST_TEST(saml->getValue<std::string>("acs_url") == publicUrl() + "/auth/sso/adfs/saml/acs");
    BOOST_TEST(saml->getValue<std::string>("sp_entity_id") == publicUrl() + "/auth/sso/adfs/saml/metadata");
    BOOST_TEST(saml->isNull("idp_metadata_xml"));
    const auto patched = patch(kConnections + "/" + id, R"({"name": "LDAP", "status": "inactive",
        "domains": ["corp.example.org", "corp.example.com"], "start_tls": false})", ownerAuth);
    BOOST_TEST_REQUIRE(patched.status == 200, patched.body);
    const auto read = parseJson(expect(get(kConnections + "/" + id, ownerAuth), 200).body);
    BOOST_TEST(read->getValue<std::string>("name") == "LDAP");
    BOOST_TEST(read->getValue<std::string>("status") == "inactive");
    BOOST_TEST(!read->getValue<bool>("start_tls"));
    BOOST_TEST(read->getArray("domains")->size() == 2u);
    BOOST_TEST(del(kConnections + "/" + id, adminAuth).status == 204);
    BOOST_TEST(get(kConnections + "/" + id, ownerAuth).status == 404);
    BOOST_TEST(del(kConnections + "/" + id, ownerAuth).status == 404);
}

BOOST_AUTO_TEST_CASE(members_are_403_outsiders_404_and_anonymous_401) {
    const auto id = create(kOidc)->getValue<std::string>("id");
    BOOST_TEST(post(kConnections, kSaml, memberAuth).status == 403);
    BOOST_TEST(get(kConnections, memberAuth).status == 403);
    BOOST_TEST(get(kConnections + "/" + id, memberAuth).status == 403);
    BOOST_TEST(get(kConnections, outsiderAuth).status == 404);
    BOOST_TEST(get(kConnections, {{"X-Nobody", "1"}}).status == 401);
    BOOST_TEST(get(kConnections, rootAuth).status == 200);
}

BOOST_AUTO_TEST_CASE(bad_fields_are_400_naming_the_field_and_write_nothing) {
    for (const auto& [from, to, field] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"\"oidc\"", "\"kerberos\"", "protocol"},
             {"\"admin\"", "\"owner\"", "default_role"},
             {"\"MyCompany.com\"", "\"not a domain\"", "domains"},
             {"https://mycompany.okta.com", "http://mycompany.okta.com", "issuer_url"},
             {"\"client_id\": \"0oa1client\",", "", "client_id"},
             {"\"email\": \"email\"", "\"password\": \"email\"", "attribute_mapping"},
             {"\"jit_provisioning\": true", "\"jit_provisioning\": \"yes\"", "jit_provisioning"},
             {"\"jit_provisioning\": true", "\"jit_provisioning\": true, \"bind_dn\": \"cn=x\"", "bind_dn"},
         }) {
        auto body = kOidc;
        body.replace(body.find(from), from.size(), to);
        const auto r = post(kConnections, body, ownerAuth);
        BOOST_TEST(r.status == 400, to << ": " << r.body);
        BOOST_TEST(parseJson(r.body)->getValue<std::string>("message").find(field) != std::string::npos, r.body);
    }
    BOOST_TEST(parseJson(get(kConnections, ownerAuth).body)->getArray("connections")->size() == 0u);
    const auto id = create(kOidc)->getValue<std::string>("id");
    BOOST_TEST(patch(kConnections + "/" + id, R"({"protocol": "saml"})", ownerAuth).status == 400);
    BOOST_TEST(patch(kConnections + "/" + id, R"({"default_role": "owner"})", ownerAuth).status == 400);
}

BOOST_AUTO_TEST_CASE(taken_domains_and_slugs_are_409) {
    create(kOidc);
    expect(post("/api/v1/organizations", R"({"slug":"globex","name":"Globex"})", outsiderAuth), 201);
    const std::string other = "/api/v1/organizations/globex/sso/connections";
    auto body = kOidc;
    body.replace(body.find("MyCompany.com"), 13, "mycompany.COM");
    BOOST_TEST(post(other, body, outsiderAuth).status == 409);
    auto slug = kSaml;
    slug.replace(slug.find("\"ADFS\""), 6, R"("ADFS", "slug": "okta-production")");
    BOOST_TEST(post(other, slug, outsiderAuth).status == 409);
    BOOST_TEST(parseJson(get(other, outsiderAuth).body)->getArray("connections")->size() == 0u);
}

BOOST_AUTO_TEST_CASE(login_url_routes_a_domain_to_its_active_connection) {
    const auto id = create(kOidc)->getValue<std::string>("id");
    const auto r = get("/api/v1/sso/login-url?domain=MYCOMPANY.com");
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    const auto answer = parseJson(r.body);
    BOOST_TEST(answer->getValue<std::string>("url") == publicUrl() + "/auth/sso/okta-production/oidc/login");
    BOOST_TEST(answer->getValue<std::string>("connection_id") == id);
    BOOST_TEST(answer->getValue<std::string>("protocol") == "oidc");
    const auto frontend = context->config.frontendUrl();
    const auto back = get("/api/v1/sso/login-url?domain=mycompany.com&redirect_uri=" +
                          appliance::urlEncode(frontend + "/after?x=1"));
    BOOST_TEST(parseJson(back.body)->getValue<std::string>("url") ==
               publicUrl() + "/auth/sso/okta-production/oidc/login?return_url=" +
                   appliance::urlEncode(frontend + "/after?x=1"));
    BOOST_TEST(get("/api/v1/sso/login-url?domain=mycompany.com&redirect_uri=https%3A%2F%2Fevil.test%2F").status == 400);
    BOOST_TEST(get("/api/v1/sso/login-url?domain=other.com").status == 404);
    BOOST_TEST(get("/api/v1/sso/login-url").status == 400);
    expect(patch(kConnections + "/" + id, R"({"status": "inactive"})", ownerAuth), 200);
    BOOST_TEST(get("/api/v1/sso/login-url?domain=mycompany.com").status == 404);
}

BOOST_AUTO_TEST_CASE(protocol_of_a_slug) {
    create(kSaml);
    const auto r = get("/auth/sso/adfs/protocol");
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(r.body == R"({"protocol":"saml"})");
    BOOST_TEST(get("/auth/sso/nobody/protocol").status == 404);
}

BOOST_AUTO_TEST_SUITE_END()
