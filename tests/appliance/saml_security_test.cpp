// SPDX-License-Identifier: Apache-2.0
// SECURITY.md, secrets at rest: a service's SAML signing key is stored sealed
// under the master key and never appears in a REST or GraphQL response.
#include "service_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <Poco/Data/Session.h>
#include <Poco/Data/SQLite/Connector.h>

using namespace authcore;
using test::parseJson;

namespace {

const std::string kConfigure =
    R"({"enabled":true,"entity_id":"https://sp.example.com","acs_url":"https://sp.example.com/acs",
        "name_id_format":"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress","attribute_mapping":{},
        "sign_assertions":true,"sign_response":true})";

struct SamlSecurityFixture : test::ServiceFixture {
    SamlSecurityFixture() { createService("main-app"); }
    /// Every response body the SAML features give, REST and GraphQL.
    std::vector<std::string> everyResponse() {
        const auto saml = kOrg + "/services/main-app/saml";
        std::vector<std::string> bodies;
        for (const auto& path : {saml, saml + "/certificate", saml + "/certificate/next", kOrg + "/services/main-app"})
            bodies.push_back(get(path, ownerAuth).body);
        const std::string query = R"({"query":"{ service(orgSlug: \"acme\", serviceSlug: \"main-app\") { )"
                                  R"(samlConfig { entityId hasCertificate } samlCertificate { id publicKey } } }"})";
        bodies.push_back(post("/graphql", query, ownerAuth).body);
        return bodies;
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_security_saml, SamlSecurityFixture)

BOOST_AUTO_TEST_CASE(private_keys_are_never_returned_and_stored_sealed) {
    const auto saml = kOrg + "/services/main-app/saml";
    BOOST_TEST_REQUIRE(test::httpRequest(port, "PUT", saml, kConfigure, ownerAuth).status == 200);
    std::vector<std::string> bodies;
    bodies.push_back(expect(post(saml + "/certificate", "", ownerAuth), 200).body);
    bodies.push_back(expect(post(saml + "/certificate/next", "", ownerAuth), 200).body);
    bodies.push_back(expect(post(saml + "/certificate", "", adminAuth), 200).body);
    const std::string generate = R"({"query":"mutation { generateSamlCertificate(orgSlug: \"acme\", )"
                                 R"(serviceSlug: \"main-app\") { id publicKey } }"})";
    bodies.push_back(post("/graphql", generate, ownerAuth).body);
    for (const auto& body : everyResponse()) bodies.push_back(body);

    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session raw("SQLite", dir.file("data/authcore.db"));
    std::vector<std::string> sealed;
    raw << "SELECT sealed_private_key FROM saml_certificates", Poco::Data::Keywords::into(sealed),
        Poco::Data::Keywords::now;
    BOOST_TEST_REQUIRE(sealed.size() == 4u);
    const auto runtime = context->samlIdp->runtimeFor("acme", "main-app");
    BOOST_TEST_REQUIRE((runtime && runtime->active));
    const auto& key = runtime->active->privateKeyPem;
    BOOST_TEST(key.find("PRIVATE KEY-----") != std::string::npos);
    // A recognisable slice of the key's base64 body.
    const auto keyBody = key.substr(key.find('\n') + 1, 48);
    for (const auto& value : sealed) {
        BOOST_TEST(value.rfind("v1.", 0) == 0u);
        BOOST_TEST(value.find("PRIVATE KEY") == std::string::npos);
        BOOST_TEST(value.find(keyBody) == std::string::npos);
    }
    for (const auto& body : bodies) {
        BOOST_TEST(body.find("PRIVATE KEY") == std::string::npos, body.substr(0, 200));
        BOOST_TEST(body.find(keyBody) == std::string::npos);
        BOOST_TEST(body.find("v1.") == std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
