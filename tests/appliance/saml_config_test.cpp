// SPDX-License-Identifier: Apache-2.0
// A service's SAML IdP configuration and certificates over real HTTP, with
// libsaml's real certificate generator.
#include "service_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

using namespace authcore;
using test::parseJson;

namespace {

const std::string kConfigure = R"({
  "enabled": true,
  "entity_id": "https://salesforce.example.com",
  "acs_url": "https://salesforce.example.com/saml/acs",
  "name_id_format": "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
  "attribute_mapping": {
    "email": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    "id": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"
  },
  "sign_assertions": true,
  "sign_response": true
})";

/// The RSA key size of a PEM certificate; 0 when it does not parse or is not RSA.
int rsaBitsOf(const std::string& pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                  BIO_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr),
                                                     X509_free);
    if (!cert) return 0;
    const EVP_PKEY* key = X509_get0_pubkey(cert.get());
    if (!key || EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) return 0;
    return EVP_PKEY_get_bits(key);
}

struct SamlFixture : test::ServiceFixture {
    SamlFixture() { createService("main-app"); }
    test::HttpResult put(const std::string& target, const std::string& body, const test::Headers& headers) {
        return test::httpRequest(port, "PUT", target, body, headers);
    }
    test::HttpResult configure(const std::string& body = kConfigure, const test::Headers& auth = {}) {
        return put(kSaml, body, auth.empty() ? ownerAuth : auth);
    }
    Poco::JSON::Object::Ptr certificate(const std::string& path, const test::Headers& auth = {}) {
        return parseJson(expect(post(path, "", auth.empty() ? ownerAuth : auth), 200).body);
    }
    std::string serviceId() {
        const auto org = context->db->organizations().findBySlug("acme");
        return context->db->services().find(org->id, "main-app")->id;
    }
    std::string statusOf(const std::string& certificateId) {
        for (const auto& c : context->db->saml().listCertificates(serviceId()))
            if (c.id == certificateId) return std::string(samlCertificateStatusName(c.status));
        return "missing";
    }

    const std::string kSaml = kOrg + "/services/main-app/saml";
    const std::string kCertificate = kSaml + "/certificate";
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_saml_config, SamlFixture)

BOOST_AUTO_TEST_CASE(configure_then_read_the_configuration) {
    BOOST_TEST(get(kSaml, memberAuth).status == 404);
    const auto r = configure(kConfigure, adminAuth);
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(parseJson(r.body)->getValue<std::string>("message") == "SAML configuration updated successfully");
    const auto read = get(kSaml, memberAuth);
    BOOST_TEST_REQUIRE(read.status == 200, read.body);
    BOOST_TEST(read.header("Cache-Control") == "no-store");
    const auto config = parseJson(read.body);
    BOOST_TEST(config->getValue<bool>("enabled"));
    BOOST_TEST(config->getValue<std::string>("entity_id") == "https://salesforce.example.com");
    BOOST_TEST(config->getValue<std::string>("acs_url") == "https://salesforce.example.com/saml/acs");
    BOOST_TEST(!config->getValue<bool>("has_certificate"));
    BOOST_TEST(config->isNull("slo_url"));
    BOOST_TEST(!config->getValue<bool>("want_authn_requests_signed"));
    const auto mapping = config->getObject("attribute_mapping");
    BOOST_TEST(mapping->getValue<std::string>("id") == "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name");
    // The order given is kept: email first.
    BOOST_TEST(read.body.find("\"email\"") < read.body.find("\"id\":\"http"));
    const auto base = context->config.publicUrl();
    BOOST_TEST(config->getValue<std::string>("metadata_url") == base + "/saml/acme/main-app/metadata");
    BOOST_TEST(config->getValue<std::string>("sso_url") == base + "/saml/acme/main-app/sso");
}

BOOST_AUTO_TEST_CASE(invalid_configurations_are_400_and_change_nothing) {
    expect(configure(), 200);
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"https://salesforce.example.com/saml/acs", "http://salesforce.example.com/saml/acs"},
             {"\"https://salesforce.example.com\"", "\"not a uri\""},
             {"nameid-format:emailAddress", "nameid-format:email"},
             {"\"id\": \"http", "\"password\": \"http"},
             {"\"enabled\": true", "\"enabled\": \"yes\""},
             {"\"sign_response\": true", "\"sign_response\": true, \"want_authn_requests_signed\": true"},
             {"\"sign_response\": true", "\"sign_response\": true, \"sp_certificate_pem\": \"junk\""},
             {"\"sign_response\": true", "\"sign_response\": true, \"slo_url\": \"ftp://sp.example.com/slo\""},
             {"\"attribute_mapping\": {", "\"attribute_mapping\": {\"groups\": 7, "},
         }) {
        auto body = kConfigure;
        body.replace(body.find(from), from.size(), to);
        const auto r = configure(body);
        BOOST_TEST(r.status == 400, to << ": " << r.body);
        BOOST_TEST(parseJson(r.body)->getValue<std::string>("error") == "invalid_request");
    }
    const auto after = parseJson(get(kSaml, ownerAuth).body);
    BOOST_TEST(after->getValue<std::string>("acs_url") == "https://salesforce.example.com/saml/acs");
    BOOST_TEST(after->getObject("attribute_mapping")->size() == 2u);
}

BOOST_AUTO_TEST_CASE(members_are_403_outsiders_and_unknown_services_404) {
    BOOST_TEST(configure(kConfigure, memberAuth).status == 403);
    BOOST_TEST(configure(kConfigure, outsiderAuth).status == 404);
    BOOST_TEST(put(kOrg + "/services/ghost/saml", kConfigure, ownerAuth).status == 404);
    BOOST_TEST(configure(kConfigure, {{"X-Nobody", "1"}}).status == 401);
    expect(configure(), 200);
    BOOST_TEST(post(kCertificate, "", memberAuth).status == 403);
    BOOST_TEST(post(kCertificate + "/next", "", memberAuth).status == 403);
    BOOST_TEST(del(kSaml, memberAuth).status == 403);
    BOOST_TEST(get(kOrg + "/services/ghost/saml/certificate", ownerAuth).status == 404);
    BOOST_TEST(context->db->saml().listCertificates(serviceId()).empty());
}

BOOST_AUTO_TEST_CASE(generate_without_configuration_is_400) {
    const auto r = post(kCertificate, "", ownerAuth);
    BOOST_TEST(r.status == 400, r.body);
    BOOST_TEST(parseJson(r.body)->getValue<std::string>("message").find("SAML is not configured") !=
               std::string::npos);
    BOOST_TEST(get(kCertificate, ownerAuth).status == 404);
}

BOOST_AUTO_TEST_CASE(generated_certificate_is_rsa_3072_and_replaces_the_active_one) {
    expect(configure(), 200);
    const auto first = certificate(kCertificate);
    BOOST_TEST(first->getValue<std::string>("id").rfind("cert_", 0) == 0u);
    BOOST_TEST(first->getValue<bool>("is_active"));
    BOOST_TEST(rsaBitsOf(first->getValue<std::string>("public_key")) == 3072);
    const auto from = parseTimestamp(first->getValue<std::string>("valid_from"));
    const auto until = parseTimestamp(first->getValue<std::string>("valid_until"));
    BOOST_TEST_REQUIRE((from && until));
    BOOST_TEST((*until - *from) / std::chrono::hours(24) == 1095);
    BOOST_TEST(parseJson(get(kSaml, memberAuth).body)->getValue<bool>("has_certificate"));

    const auto second = certificate(kCertificate, adminAuth);
    const auto active = parseJson(expect(get(kCertificate, memberAuth), 200).body);
    BOOST_TEST(active->getValue<std::string>("id") == second->getValue<std::string>("id"));
    BOOST_TEST(statusOf(first->getValue<std::string>("id")) == "inactive");
    BOOST_TEST(active->getValue<std::string>("public_key") != first->getValue<std::string>("public_key"));
}

BOOST_AUTO_TEST_CASE(rollover_stages_then_activates_the_next_certificate) {
    expect(configure(), 200);
    BOOST_TEST(post(kCertificate + "/next/activate", "", ownerAuth).status == 404);
    const auto active = certificate(kCertificate)->getValue<std::string>("id");
    const auto next = certificate(kCertificate + "/next");
    BOOST_TEST(!next->getValue<bool>("is_active"));
    BOOST_TEST(next->getValue<std::string>("status") == "next");
    const auto nextId = next->getValue<std::string>("id");
    BOOST_TEST(parseJson(expect(get(kCertificate + "/next", memberAuth), 200).body)->getValue<std::string>("id") ==
               nextId);
    BOOST_TEST(parseJson(get(kCertificate, memberAuth).body)->getValue<std::string>("id") == active);
    const auto activated = certificate(kCertificate + "/next/activate", adminAuth);
    BOOST_TEST(activated->getValue<std::string>("id") == nextId);
    BOOST_TEST(activated->getValue<bool>("is_active"));
    BOOST_TEST(statusOf(active) == "inactive");
    BOOST_TEST(get(kCertificate + "/next", memberAuth).status == 404);
}

BOOST_AUTO_TEST_CASE(delete_deactivates_every_certificate) {
    BOOST_TEST(del(kSaml, ownerAuth).status == 404);
    expect(configure(), 200);
    const auto active = certificate(kCertificate)->getValue<std::string>("id");
    const auto next = certificate(kCertificate + "/next")->getValue<std::string>("id");
    const auto r = expect(del(kSaml, adminAuth), 200);
    BOOST_TEST(parseJson(r.body)->has("message"));
    BOOST_TEST(get(kSaml, ownerAuth).status == 404);
    BOOST_TEST(get(kCertificate, ownerAuth).status == 404);
    BOOST_TEST(statusOf(active) == "inactive");
    BOOST_TEST(statusOf(next) == "inactive");
    BOOST_TEST(post(kCertificate, "", ownerAuth).status == 400);
}

BOOST_AUTO_TEST_CASE(service_delete_removes_its_saml_rows) {
    expect(configure(), 200);
    certificate(kCertificate);
    const auto id = serviceId();
    expect(del(kOrg + "/services/main-app", ownerAuth), 204);
    BOOST_TEST(!context->db->saml().findConfig(id).has_value());
    BOOST_TEST(context->db->saml().listCertificates(id).empty());
}

BOOST_AUTO_TEST_CASE(api_keys_need_read_or_write_service) {
    const auto reader = createKey("main-app", R"(["read:service"])")->getValue<std::string>("key");
    const auto writer = createKey("main-app", R"(["write:service"])")->getValue<std::string>("key");
    BOOST_TEST(configure(kConfigure, {{"X-API-Key", reader}}).status == 403);
    BOOST_TEST(configure(kConfigure, {{"X-API-Key", writer}}).status == 200);
    BOOST_TEST(get(kSaml, {{"X-API-Key", reader}}).status == 200);
    BOOST_TEST(post(kCertificate, "", {{"X-API-Key", reader}}).status == 403);
    BOOST_TEST(post(kCertificate, "", {{"X-API-Key", writer}}).status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
