// SPDX-License-Identifier: Apache-2.0
// GraphQL: Service.samlConfig, Service.samlCertificate and the SAML mutations,
// through the same SamlIdpService as REST.
#include "graphql_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::GraphqlFixture;

namespace {

const char* kConfigure = R"(mutation($input: SamlConfigInput!) {
  configureSaml(orgSlug: "acme", serviceSlug: "main-app", input: $input) { success }
})";

const char* kRead = R"({ service(orgSlug: "acme", serviceSlug: "main-app") {
  samlConfig { enabled entityId acsUrl nameIdFormat attributeMapping { field attribute } signAssertions signResponse
               hasCertificate sloUrl wantAuthnRequestsSigned metadataUrl ssoUrl }
  samlCertificate { id publicKey validFrom validUntil isActive } } })";

const char* kGenerate = R"(mutation { generateSamlCertificate(orgSlug: "acme", serviceSlug: "main-app") {
  id publicKey validFrom validUntil isActive } })";

std::string input(const std::string& acsUrl = "https://sp.example.com/acs") {
    return R"({"input": {"enabled": true, "entityId": "urn:example:sp", "acsUrl": ")" + acsUrl +
           R"(", "nameIdFormat": "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
           "attributeMapping": [{"field": "groups", "attribute": "memberOf"}, {"field": "email", "attribute": "mail"}],
           "signAssertions": true, "signResponse": false, "sloUrl": "https://sp.example.com/slo"}})";
}

struct SamlFixture : GraphqlFixture {
    SamlFixture() {
        const auto created = gql(owner, R"(mutation { createService(orgSlug: "acme", input: {slug: "main-app",
            name: "Main", serviceType: WEB, redirectUris: ["https://app.acme.test/cb"]}) { clientId } })");
        if (!errorCode(created).empty()) throw std::runtime_error(last.body);
    }
    Poco::JSON::Object::Ptr service(const Headers& who) {
        const auto r = gql(who, kRead);
        if (!errorCode(r).empty()) throw std::runtime_error(last.body);
        return data(r)->getObject("service");
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_graphql_saml, SamlFixture)

BOOST_AUTO_TEST_CASE(unconfigured_service_has_null_saml_fields) {
    const auto s = service(member);
    BOOST_TEST(s->isNull("samlConfig"));
    BOOST_TEST(s->isNull("samlCertificate"));
}

BOOST_AUTO_TEST_CASE(configure_read_generate_and_delete) {
    const auto configured = gql(owner, kConfigure, input());
    BOOST_TEST_REQUIRE(errorCode(configured).empty(), last.body);
    BOOST_TEST(data(configured)->getObject("configureSaml")->getValue<bool>("success"));
    auto config = service(member)->getObject("samlConfig");
    BOOST_TEST(config->getValue<std::string>("entityId") == "urn:example:sp");
    BOOST_TEST(!config->getValue<bool>("signResponse"));
    BOOST_TEST(!config->getValue<bool>("hasCertificate"));
    BOOST_TEST(config->getValue<std::string>("sloUrl") == "https://sp.example.com/slo");
    const auto mapping = config->getArray("attributeMapping");
    BOOST_TEST_REQUIRE(mapping->size() == 2u);
    BOOST_TEST(mapping->getObject(0)->getValue<std::string>("field") == "groups");
    BOOST_TEST(config->getValue<std::string>("metadataUrl") ==
               context->config.publicUrl() + "/saml/acme/main-app/metadata");
    BOOST_TEST(config->getValue<std::string>("ssoUrl") == context->config.publicUrl() + "/saml/acme/main-app/sso");

    const auto generated = gql(owner, kGenerate);
    BOOST_TEST_REQUIRE(errorCode(generated).empty(), last.body);
    const auto certificate = data(generated)->getObject("generateSamlCertificate");
    BOOST_TEST(certificate->getValue<bool>("isActive"));
    BOOST_TEST(certificate->getValue<std::string>("publicKey").rfind("-----BEGIN CERTIFICATE-----", 0) == 0u);
    const auto s = service(member);
    BOOST_TEST(s->getObject("samlConfig")->getValue<bool>("hasCertificate"));
    BOOST_TEST(s->getObject("samlCertificate")->getValue<std::string>("id") ==
               certificate->getValue<std::string>("id"));

    BOOST_TEST(errorCode(gql(member, R"(mutation { deleteSamlConfig(orgSlug: "acme", serviceSlug: "main-app") {
        success } })")) == "FORBIDDEN");
    const auto deleted = gql(owner, R"(mutation { deleteSamlConfig(orgSlug: "acme", serviceSlug: "main-app") { success } })");
    BOOST_TEST_REQUIRE(errorCode(deleted).empty(), last.body);
    BOOST_TEST(service(owner)->isNull("samlConfig"));
    BOOST_TEST(service(owner)->isNull("samlCertificate"));
}

BOOST_AUTO_TEST_CASE(bad_input_member_and_missing_configuration_are_refused) {
    BOOST_TEST(errorCode(gql(owner, kConfigure, input("http://sp.example.com/acs"))) == "BAD_USER_INPUT");
    BOOST_TEST(last.body.find("acs_url") != std::string::npos, last.body);
    BOOST_TEST(errorCode(gql(member, kConfigure, input())) == "FORBIDDEN");
    BOOST_TEST(errorCode(gql(owner, kGenerate)) == "BAD_USER_INPUT");
    BOOST_TEST(last.body.find("SAML is not configured") != std::string::npos, last.body);
    BOOST_TEST(errorCode(gql(outsider, kConfigure, input())) == "NOT_FOUND");
    BOOST_TEST(errorCode(gql(owner, R"(mutation { generateSamlCertificate(orgSlug: "acme", serviceSlug: "ghost") {
        id } })")) == "NOT_FOUND");
    BOOST_TEST(service(owner)->isNull("samlConfig"));
    gql(owner, kConfigure, input());
    BOOST_TEST(errorCode(gql(member, kGenerate)) == "FORBIDDEN");
    BOOST_TEST(service(owner)->isNull("samlCertificate"));
}

BOOST_AUTO_TEST_SUITE_END()
