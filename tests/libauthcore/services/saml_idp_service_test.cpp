// SPDX-License-Identifier: Apache-2.0
// SamlIdpService: validation, roles, API-key permissions, certificates and rollover.
#include "saml_test_certificate.hpp"
#include "token_fixture.hpp"

#include <authcore/services/organization_service.hpp>
#include <authcore/services/saml_idp_service.hpp>
#include <authcore/services/service_catalog.hpp>
#include <authcore/services/user_service.hpp>

#include "support/error_code.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::code;
using test::errorCodeOf;

namespace {

const std::string kEmailFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

struct SamlFixture : test::TokenFixture {
    SamlFixture() {
        owner = principalOf("owner@acme.test");
        admin = principalOf("admin@acme.test");
        member = principalOf("member@acme.test");
        orgs.create(owner, "acme", "Acme");
        orgs.addMember(owner, "acme", "admin@acme.test", Role::Admin);
        orgs.addMember(owner, "acme", "member@acme.test", Role::Member);
        catalog.create(owner, "acme", {"main-app", "Main", "web", {"https://app.acme.test/cb"}, {}, {}, {}});
        serviceId = catalog.get(owner, "acme", "main-app").id;
    }
    Principal principalOf(const std::string& email) {
        const auto user = users.create(Principal::system(), NewUser{email, "password-123", "", false});
        return Principal{user.id, user.email, false};
    }
    static SamlConfigInput valid() {
        SamlConfigInput input;
        input.enabled = true;
        input.entityId = "https://salesforce.example.com";
        input.acsUrl = "https://salesforce.example.com/saml/acs";
        input.nameIdFormat = kEmailFormat;
        input.attributeMapping = {{"email", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"},
                                  {"id", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"}};
        return input;
    }
    Principal keyWith(const std::vector<std::string>& permissions) {
        const auto created = catalog.createApiKey(owner, "acme", "main-app", NewApiKey{"k", permissions, std::nullopt});
        return catalog.authenticateApiKey(created.fullKey);
    }
    SamlCertificateStatus statusOf(const std::string& id) {
        for (const auto& c : db->saml().listCertificates(serviceId))
            if (c.id == id) return c.status;
        throw std::runtime_error("no certificate " + id);
    }
    int configureError(const SamlConfigInput& input) {
        return errorCodeOf([&] { saml.configure(owner, "acme", "main-app", input); });
    }

    crypto::PasswordHasher passwords{crypto::Argon2Params{1, 1024, 1}};
    UserService users{db->users(), db->sessions(), passwords, audit, clock};
    OrganizationService orgs{db->organizations(), db->users(), audit, clock};
    ServiceCatalog catalog{db->services(), orgs, db->organizations(), db->users(), clients, directory, hasher,
                           audit,          clock};
    int generated = 0;
    std::string lastCommonName;
    SamlIdpService saml{db->saml(),
                        catalog,
                        db->organizations(),
                        db->services(),
                        envelope,
                        [this](const std::string& cn) {
                            ++generated;
                            lastCommonName = cn;
                            return test::opensslTestCertificate(cn, clock.now());
                        },
                        audit,
                        clock,
                        "https://auth.example.com"};
    Principal owner, admin, member;
    std::string serviceId;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(services_saml_idp, SamlFixture)

BOOST_AUTO_TEST_CASE(admin_configures_and_members_read_the_configuration) {
    BOOST_TEST(errorCodeOf([&] { saml.config(member, "acme", "main-app"); }) == code(ErrorCode::NotFound));
    BOOST_TEST(!saml.tryConfig(member, "acme", "main-app").has_value());
    saml.configure(admin, "acme", "main-app", valid());
    const auto view = saml.config(member, "acme", "main-app");
    BOOST_TEST(view.config.entityId == "https://salesforce.example.com");
    BOOST_TEST(view.config.enabled);
    BOOST_TEST_REQUIRE(view.config.attributeMapping.size() == 2u);
    BOOST_TEST(view.config.attributeMapping[0].field == "email"); // order kept
    BOOST_TEST(view.config.attributeMapping[1].field == "id");
    BOOST_TEST(!view.config.sloUrl.has_value());
    BOOST_TEST(!view.hasCertificate);
    BOOST_TEST(saml.metadataUrl("acme", "main-app") == "https://auth.example.com/saml/acme/main-app/metadata");
    BOOST_TEST(saml.ssoUrl("acme", "main-app") == "https://auth.example.com/saml/acme/main-app/sso");
}

BOOST_AUTO_TEST_CASE(reconfiguring_replaces_everything_but_keeps_created_at) {
    saml.configure(owner, "acme", "main-app", valid());
    const auto created = saml.config(owner, "acme", "main-app").config.createdAt;
    clock.advance(std::chrono::seconds(100));
    auto changed = valid();
    changed.enabled = false;
    changed.acsUrl = "http://localhost:8000/acs";
    changed.sloUrl = "https://sp.example.com/slo";
    changed.attributeMapping = {{"groups", "memberOf"}};
    saml.configure(owner, "acme", "main-app", changed);
    const auto config = saml.config(owner, "acme", "main-app").config;
    BOOST_TEST(toUnix(config.createdAt) == toUnix(created));
    BOOST_TEST(toUnix(config.updatedAt) == toUnix(created) + 100);
    BOOST_TEST(!config.enabled);
    BOOST_TEST(config.acsUrl == "http://localhost:8000/acs");
    BOOST_TEST(*config.sloUrl == "https://sp.example.com/slo");
    BOOST_TEST(config.attributeMapping.size() == 1u);
}

BOOST_AUTO_TEST_CASE(bad_urls_are_refused_and_change_nothing) {
    saml.configure(owner, "acme", "main-app", valid());
    for (const auto* url : {"http://sp.example.com/acs", "/relative/acs", "ftp://sp.example.com/acs", "",
                            "https://sp.example.com/acs#frag", "https://sp.example.com/a cs", "https:///acs"}) {
        auto bad = valid();
        bad.acsUrl = url;
        BOOST_TEST(configureError(bad) == code(ErrorCode::InvalidInput), url);
        bad = valid();
        bad.sloUrl = url;
        BOOST_TEST(configureError(bad) == code(ErrorCode::InvalidInput), url);
    }
    for (const auto* url : {"http://127.0.0.1:9000/acs", "http://[::1]/acs", "https://sp.example.com:8443/acs?x=1"}) {
        auto local = valid();
        local.acsUrl = url;
        BOOST_TEST(configureError(local) == -1, url);
    }
    auto bad = valid();
    bad.acsUrl = "http://sp.example.com/acs";
    try {
        saml.configure(owner, "acme", "main-app", bad);
    } catch (const Error& e) {
        BOOST_TEST(std::string(e.what()).find("acs_url") != std::string::npos);
        BOOST_TEST(std::string(e.what()).find("localhost") != std::string::npos);
    }
    BOOST_TEST(saml.config(owner, "acme", "main-app").config.acsUrl == "https://sp.example.com:8443/acs?x=1");
}

BOOST_AUTO_TEST_CASE(bad_entity_ids_and_name_id_formats_are_refused) {
    for (const std::string& entity : {std::string(), std::string("no-scheme"), std::string("https://a b"),
                                     std::string(":nothing"), "https://sp.example.com/" + std::string(1100, 'a')}) {
        auto bad = valid();
        bad.entityId = entity;
        BOOST_TEST(configureError(bad) == code(ErrorCode::InvalidInput), entity);
    }
    auto urn = valid();
    urn.entityId = "urn:amazon:webservices";
    BOOST_TEST(configureError(urn) == -1);
    for (const auto* format : {"email", "urn:oasis:names:tc:SAML:2.0:nameid-format:emailAddress", ""}) {
        auto bad = valid();
        bad.nameIdFormat = format;
        BOOST_TEST(configureError(bad) == code(ErrorCode::InvalidInput), format);
    }
    for (const auto& format : samlNameIdFormats()) {
        auto good = valid();
        good.nameIdFormat = format;
        BOOST_TEST(configureError(good) == -1, format);
    }
}

BOOST_AUTO_TEST_CASE(attribute_mapping_names_known_fields_once_with_attribute_names) {
    auto bad = valid();
    bad.attributeMapping = {{"password", "pw"}};
    try {
        saml.configure(owner, "acme", "main-app", bad);
        BOOST_FAIL("an unknown field was accepted");
    } catch (const Error& e) {
        BOOST_TEST(std::string(e.what()).find("'password'") != std::string::npos);
    }
    bad.attributeMapping = {{"email", ""}};
    BOOST_TEST(configureError(bad) == code(ErrorCode::InvalidInput));
    bad.attributeMapping = {{"email", "a"}, {"email", "b"}};
    BOOST_TEST(configureError(bad) == code(ErrorCode::InvalidInput));
    auto all = valid();
    all.attributeMapping.clear();
    for (const auto& field : samlUserFields()) all.attributeMapping.push_back({field, "urn:attr:" + field});
    BOOST_TEST(configureError(all) == -1);
    BOOST_TEST(!db->saml().findConfig(serviceId)->attributeMapping.empty());
}

BOOST_AUTO_TEST_CASE(sp_certificate_must_parse_and_signed_requests_need_it) {
    auto bad = valid();
    bad.spCertificatePem = "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n";
    BOOST_TEST(configureError(bad) == code(ErrorCode::InvalidInput));
    bad.spCertificatePem = "just text";
    BOOST_TEST(configureError(bad) == code(ErrorCode::InvalidInput));
    bad = valid();
    bad.wantAuthnRequestsSigned = true;
    BOOST_TEST(configureError(bad) == code(ErrorCode::InvalidInput));
    BOOST_TEST(!db->saml().findConfig(serviceId).has_value());

    auto good = valid();
    good.spCertificatePem = test::opensslTestCertificate("sp.example.com", clock.now()).certificatePem;
    good.wantAuthnRequestsSigned = true;
    BOOST_TEST(configureError(good) == -1);
    const auto config = *db->saml().findConfig(serviceId);
    BOOST_TEST(config.wantAuthnRequestsSigned);
    BOOST_TEST(*config.spCertificatePem == *good.spCertificatePem);
}

BOOST_AUTO_TEST_CASE(members_cannot_configure_delete_or_generate) {
    BOOST_TEST(errorCodeOf([&] { saml.configure(member, "acme", "main-app", valid()); }) == code(ErrorCode::Forbidden));
    saml.configure(owner, "acme", "main-app", valid());
    BOOST_TEST(errorCodeOf([&] { saml.generateCertificate(member, "acme", "main-app"); }) ==
               code(ErrorCode::Forbidden));
    BOOST_TEST(errorCodeOf([&] { saml.stageNextCertificate(member, "acme", "main-app"); }) ==
               code(ErrorCode::Forbidden));
    BOOST_TEST(errorCodeOf([&] { saml.deleteConfig(member, "acme", "main-app"); }) == code(ErrorCode::Forbidden));
    BOOST_TEST(errorCodeOf([&] { saml.config(member, "acme", "ghost"); }) == code(ErrorCode::NotFound));
    BOOST_TEST(generated == 0);
    BOOST_TEST(db->saml().listCertificates(serviceId).empty());
}

BOOST_AUTO_TEST_CASE(api_keys_read_with_read_service_and_change_with_write_service) {
    const auto reader = keyWith({"read:service"});
    const auto writer = keyWith({"write:service"});
    const auto other = keyWith({"read:users"});
    BOOST_TEST(errorCodeOf([&] { saml.configure(reader, "acme", "main-app", valid()); }) == code(ErrorCode::Forbidden));
    saml.configure(writer, "acme", "main-app", valid());
    BOOST_TEST(saml.config(reader, "acme", "main-app").config.enabled);
    BOOST_TEST(errorCodeOf([&] { saml.config(other, "acme", "main-app"); }) == code(ErrorCode::Forbidden));
    BOOST_TEST(errorCodeOf([&] { saml.generateCertificate(reader, "acme", "main-app"); }) ==
               code(ErrorCode::Forbidden));
    const auto certificate = saml.generateCertificate(writer, "acme", "main-app");
    BOOST_TEST(saml.activeCertificate(reader, "acme", "main-app").id == certificate.id);
    BOOST_TEST(errorCodeOf([&] { saml.deleteConfig(reader, "acme", "main-app"); }) == code(ErrorCode::Forbidden));
    saml.deleteConfig(writer, "acme", "main-app");
}

BOOST_AUTO_TEST_CASE(generate_without_configuration_is_invalid_input_and_makes_no_key) {
    try {
        saml.generateCertificate(owner, "acme", "main-app");
        BOOST_FAIL("generated without a configuration");
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::InvalidInput));
        BOOST_TEST(std::string(e.what()).find("SAML is not configured") != std::string::npos);
    }
    BOOST_TEST(generated == 0);
    BOOST_TEST(errorCodeOf([&] { saml.activeCertificate(owner, "acme", "main-app"); }) == code(ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(generate_replaces_the_active_certificate_and_seals_its_key) {
    saml.configure(owner, "acme", "main-app", valid());
    const auto first = saml.generateCertificate(owner, "acme", "main-app");
    BOOST_TEST(first.id.rfind("cert_", 0) == 0u);
    BOOST_TEST(lastCommonName == "acme/main-app");
    BOOST_TEST(first.sealedPrivateKey.rfind("v1.", 0) == 0u);
    BOOST_TEST(first.sealedPrivateKey.find("PRIVATE KEY") == std::string::npos);
    BOOST_TEST(saml.config(owner, "acme", "main-app").hasCertificate);
    const auto second = saml.generateCertificate(admin, "acme", "main-app");
    BOOST_TEST(saml.activeCertificate(member, "acme", "main-app").id == second.id);
    BOOST_TEST(db->saml().listCertificates(serviceId).size() == 2u);
    BOOST_TEST((statusOf(first.id) == SamlCertificateStatus::Inactive));
    BOOST_TEST((statusOf(second.id) == SamlCertificateStatus::Active));
}

BOOST_AUTO_TEST_CASE(rollover_stages_a_next_certificate_then_activates_it) {
    saml.configure(owner, "acme", "main-app", valid());
    BOOST_TEST(errorCodeOf([&] { saml.activateNextCertificate(owner, "acme", "main-app"); }) ==
               code(ErrorCode::NotFound));
    const auto active = saml.generateCertificate(owner, "acme", "main-app");
    const auto staged = saml.stageNextCertificate(owner, "acme", "main-app");
    const auto restaged = saml.stageNextCertificate(owner, "acme", "main-app");
    BOOST_TEST(saml.nextCertificate(member, "acme", "main-app").id == restaged.id);
    BOOST_TEST((statusOf(staged.id) == SamlCertificateStatus::Inactive));
    BOOST_TEST(saml.activeCertificate(member, "acme", "main-app").id == active.id);
    // A generate while a Next one is staged leaves it staged.
    const auto regenerated = saml.generateCertificate(owner, "acme", "main-app");
    BOOST_TEST(saml.nextCertificate(member, "acme", "main-app").id == restaged.id);
    const auto activated = saml.activateNextCertificate(admin, "acme", "main-app");
    BOOST_TEST(activated.id == restaged.id);
    BOOST_TEST((activated.status == SamlCertificateStatus::Active));
    BOOST_TEST(saml.activeCertificate(member, "acme", "main-app").id == restaged.id);
    BOOST_TEST(errorCodeOf([&] { saml.nextCertificate(member, "acme", "main-app"); }) == code(ErrorCode::NotFound));
    for (const auto& c : db->saml().listCertificates(serviceId))
        if (c.id != restaged.id) BOOST_TEST((c.status == SamlCertificateStatus::Inactive), c.id);
    BOOST_TEST(staged.id != regenerated.id);
}

BOOST_AUTO_TEST_CASE(delete_removes_the_configuration_and_deactivates_every_certificate) {
    BOOST_TEST(errorCodeOf([&] { saml.deleteConfig(owner, "acme", "main-app"); }) == code(ErrorCode::NotFound));
    saml.configure(owner, "acme", "main-app", valid());
    saml.generateCertificate(owner, "acme", "main-app");
    saml.stageNextCertificate(owner, "acme", "main-app");
    saml.deleteConfig(admin, "acme", "main-app");
    BOOST_TEST(!saml.tryConfig(owner, "acme", "main-app").has_value());
    const auto all = db->saml().listCertificates(serviceId);
    BOOST_TEST(all.size() == 2u);
    for (const auto& c : all) BOOST_TEST((c.status == SamlCertificateStatus::Inactive));
    BOOST_TEST(!saml.tryActiveCertificate(owner, "acme", "main-app").has_value());
}

BOOST_AUTO_TEST_CASE(runtime_opens_the_active_key_and_knows_the_next_certificate) {
    BOOST_TEST(errorCodeOf([&] { saml.runtimeFor("acme", "ghost"); }) == code(ErrorCode::NotFound));
    BOOST_TEST(errorCodeOf([&] { saml.runtimeFor("ghost", "main-app"); }) == code(ErrorCode::NotFound));
    BOOST_TEST(!saml.runtimeFor("acme", "main-app").has_value());
    saml.configure(owner, "acme", "main-app", valid());
    auto runtime = saml.runtimeFor("acme", "main-app");
    BOOST_TEST_REQUIRE(runtime.has_value());
    BOOST_TEST(!runtime->active.has_value());
    BOOST_TEST(runtime->serviceSlug == "main-app");
    BOOST_TEST(runtime->organizationSlug == "acme");
    const auto certificate = saml.generateCertificate(owner, "acme", "main-app");
    const auto next = saml.stageNextCertificate(owner, "acme", "main-app");
    runtime = saml.runtimeFor("acme", "main-app");
    BOOST_TEST_REQUIRE(runtime->active.has_value());
    BOOST_TEST(runtime->active->certificateId == certificate.id);
    BOOST_TEST(runtime->active->certificatePem == certificate.certificatePem);
    BOOST_TEST(runtime->active->privateKeyPem.rfind("-----BEGIN PRIVATE KEY-----", 0) == 0u);
    BOOST_TEST(*runtime->nextCertificatePem == next.certificatePem);
    BOOST_TEST(runtime->config.acsUrl == valid().acsUrl);
}

BOOST_AUTO_TEST_CASE(a_key_sealed_for_another_certificate_does_not_open) {
    saml.configure(owner, "acme", "main-app", valid());
    auto moved = saml.generateCertificate(owner, "acme", "main-app");
    moved.id = "cert_swapped";
    moved.sealedPrivateKey = envelope.seal("-----BEGIN PRIVATE KEY-----", "cert_other");
    db->saml().insertCertificate(moved);
    BOOST_TEST(errorCodeOf([&] { saml.runtimeFor("acme", "main-app"); }) == code(ErrorCode::Internal));
}

BOOST_AUTO_TEST_CASE(service_deletion_takes_its_saml_rows) {
    saml.configure(owner, "acme", "main-app", valid());
    saml.generateCertificate(owner, "acme", "main-app");
    catalog.remove(owner, "acme", "main-app");
    BOOST_TEST(!db->saml().findConfig(serviceId).has_value());
    BOOST_TEST(db->saml().listCertificates(serviceId).empty());
}

BOOST_AUTO_TEST_SUITE_END()
