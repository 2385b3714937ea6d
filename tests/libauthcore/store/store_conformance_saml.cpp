// SPDX-License-Identifier: Apache-2.0
// Conformance: SAML IdP configurations and signing certificates of services.
#include "store/store_conformance.hpp"

#include "store/store_samples.hpp"

#include <authcore/model/saml.hpp>

namespace authcore::test::conformance {
namespace {

void prepareService(Database& db) {
    db.migrate();
    db.users().insert(samples::user("usr_alice", "alice@example.com"));
    db.organizations().insertWithOwner(samples::organization("org_1", "acme"),
                                       samples::membership("", "usr_alice", Role::Owner));
    Service s;
    s.id = "svc_1";
    s.organizationId = "org_1";
    s.slug = "web";
    s.name = "Web";
    s.clientId = "acme.web";
    s.createdAt = samples::at(1);
    s.updatedAt = samples::at(1);
    db.services().insertWithClient(s, samples::client("acme.web", "org_1"), 10);
}

SamlIdpConfig config(const std::string& serviceId) {
    SamlIdpConfig c;
    c.serviceId = serviceId;
    c.enabled = true;
    c.entityId = "https://sp.example.com";
    c.acsUrl = "https://sp.example.com/acs";
    c.nameIdFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
    c.attributeMapping = {{"email", "mail"}, {"groups", "memberOf"}, {"id", "uid"}};
    c.signAssertions = true;
    c.signResponse = false;
    c.createdAt = samples::at(10);
    c.updatedAt = samples::at(10);
    return c;
}

SamlCertificate certificate(const std::string& id, SamlCertificateStatus status, long long created) {
    SamlCertificate c;
    c.id = id;
    c.serviceId = "svc_1";
    c.certificatePem = "-----BEGIN CERTIFICATE-----\n" + std::string(3000, 'c') + "\n-----END CERTIFICATE-----\n";
    c.sealedPrivateKey = "v1." + std::string(4000, 's'); // longer than a VARCHAR would hold comfortably
    c.validFrom = samples::at(created);
    c.validUntil = samples::at(created + 1000);
    c.status = status;
    c.createdAt = samples::at(created);
    return c;
}

SamlCertificateStatus statusOf(Database& db, const std::string& id) {
    for (const auto& c : db.saml().listCertificates("svc_1"))
        if (c.id == id) return c.status;
    BOOST_FAIL("no certificate " + id);
    return SamlCertificateStatus::Inactive;
}

} // namespace

void samlConfigsUpsertAndKeepFields(Database& db) {
    prepareService(db);
    auto& saml = db.saml();
    BOOST_TEST(!saml.findConfig("svc_1").has_value());
    BOOST_CHECK_EXCEPTION(saml.upsertConfig(config("svc_ghost")), Error, hasCode(ErrorCode::NotFound));
    saml.upsertConfig(config("svc_1"));
    auto found = saml.findConfig("svc_1");
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->entityId == "https://sp.example.com");
    BOOST_TEST(!found->signResponse);
    BOOST_TEST(!found->sloUrl.has_value());
    BOOST_TEST(!found->spCertificatePem.has_value());
    BOOST_TEST_REQUIRE(found->attributeMapping.size() == 3u);
    BOOST_TEST(found->attributeMapping[1].field == "groups"); // order kept
    BOOST_TEST(found->attributeMapping[1].attribute == "memberOf");

    auto changed = config("svc_1");
    changed.enabled = false;
    changed.sloUrl = "https://sp.example.com/slo";
    changed.spCertificatePem = "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n";
    changed.wantAuthnRequestsSigned = true;
    changed.attributeMapping = {};
    changed.updatedAt = samples::at(20);
    saml.upsertConfig(changed);
    found = saml.findConfig("svc_1");
    BOOST_TEST(!found->enabled);
    BOOST_TEST(*found->sloUrl == "https://sp.example.com/slo");
    BOOST_TEST(*found->spCertificatePem == *changed.spCertificatePem);
    BOOST_TEST(found->wantAuthnRequestsSigned);
    BOOST_TEST(found->attributeMapping.empty());
    BOOST_TEST(toUnix(found->updatedAt) == toUnix(samples::at(20)));
}

void samlCertificatesRotateActivateAndDeactivate(Database& db) {
    prepareService(db);
    auto& saml = db.saml();
    BOOST_CHECK_EXCEPTION(saml.insertCertificate(certificate("cert_0", SamlCertificateStatus::Active, 1)), Error,
                          hasCode(ErrorCode::NotFound));
    BOOST_TEST(saml.listCertificates("svc_1").empty());
    saml.upsertConfig(config("svc_1"));
    saml.insertCertificate(certificate("cert_1", SamlCertificateStatus::Active, 1));
    saml.insertCertificate(certificate("cert_2", SamlCertificateStatus::Active, 2));
    saml.insertCertificate(certificate("cert_3", SamlCertificateStatus::Next, 3));
    BOOST_CHECK_EXCEPTION(saml.insertCertificate(certificate("cert_3", SamlCertificateStatus::Next, 4)), Error,
                          hasCode(ErrorCode::Conflict));
    BOOST_TEST((statusOf(db, "cert_3") == SamlCertificateStatus::Next)); // the failed insert changed nothing
    BOOST_TEST((statusOf(db, "cert_1") == SamlCertificateStatus::Inactive));
    const auto active = saml.findCertificate("svc_1", SamlCertificateStatus::Active);
    BOOST_TEST_REQUIRE(active.has_value());
    BOOST_TEST(active->id == "cert_2");
    BOOST_TEST(active->sealedPrivateKey.size() == 4003u);
    BOOST_TEST(toUnix(active->validUntil) == toUnix(samples::at(1002)));

    const auto activated = saml.activateNext("svc_1");
    BOOST_TEST_REQUIRE(activated.has_value());
    BOOST_TEST(activated->id == "cert_3");
    BOOST_TEST((statusOf(db, "cert_2") == SamlCertificateStatus::Inactive));
    BOOST_TEST(!saml.activateNext("svc_1").has_value());
    BOOST_TEST(saml.findCertificate("svc_1", SamlCertificateStatus::Active)->id == "cert_3");

    saml.insertCertificate(certificate("cert_4", SamlCertificateStatus::Next, 5));
    BOOST_TEST(saml.removeConfig("svc_1"));
    BOOST_TEST(!saml.findConfig("svc_1").has_value());
    BOOST_TEST(saml.listCertificates("svc_1").size() == 4u);
    BOOST_TEST(!saml.findCertificate("svc_1", SamlCertificateStatus::Active).has_value());
    BOOST_TEST(!saml.findCertificate("svc_1", SamlCertificateStatus::Next).has_value());
    BOOST_TEST(!saml.removeConfig("svc_1"));
}

void samlRowsGoWithTheirService(Database& db) {
    prepareService(db);
    db.saml().upsertConfig(config("svc_1"));
    db.saml().insertCertificate(certificate("cert_1", SamlCertificateStatus::Active, 1));
    BOOST_TEST(db.services().removeWithClient("svc_1"));
    BOOST_TEST(!db.saml().findConfig("svc_1").has_value());
    BOOST_TEST(db.saml().listCertificates("svc_1").empty());
}

} // namespace authcore::test::conformance
