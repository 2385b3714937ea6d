// SPDX-License-Identifier: Apache-2.0
// SAML IdP configurations and signing certificates in the SQL store.
#include "store/saml_store_sql.hpp"

#include "store/rows.hpp"
#include "store/text_list.hpp"

#include <authcore/error.hpp>

namespace authcore::sql {
namespace {

const std::string kSelectConfig =
    "SELECT service_id, enabled, entity_id, acs_url, name_id_format, attribute_mapping, sign_assertions, "
    "sign_response, slo_url, sp_certificate_pem, want_authn_requests_signed, created_at, updated_at "
    "FROM saml_idp_configs ";
const std::string kSelectCertificates = "SELECT id, service_id, certificate_pem, sealed_private_key, valid_from, "
                                        "valid_until, status, created_at FROM saml_certificates ";

std::optional<std::string> optionalAt(const RecordSet& rows, std::size_t column, std::size_t row) {
    if (rows.isNull(column, row)) return std::nullopt;
    return textAt(rows, column, row);
}

SamlIdpConfig configAt(const RecordSet& rows, std::size_t row) {
    SamlIdpConfig c;
    c.serviceId = textAt(rows, 0, row);
    c.enabled = integerAt(rows, 1, row) != 0;
    c.entityId = textAt(rows, 2, row);
    c.acsUrl = textAt(rows, 3, row);
    c.nameIdFormat = textAt(rows, 4, row);
    c.attributeMapping = pairsAt<SamlAttribute>(rows, 5, row, "saml_idp_configs.attribute_mapping");
    c.signAssertions = integerAt(rows, 6, row) != 0;
    c.signResponse = integerAt(rows, 7, row) != 0;
    c.sloUrl = optionalAt(rows, 8, row);
    c.spCertificatePem = optionalAt(rows, 9, row);
    c.wantAuthnRequestsSigned = integerAt(rows, 10, row) != 0;
    c.createdAt = timeAt(rows, 11, row);
    c.updatedAt = timeAt(rows, 12, row);
    return c;
}

SamlCertificate certificateAt(const RecordSet& rows, std::size_t row) {
    SamlCertificate c;
    c.id = textAt(rows, 0, row);
    c.serviceId = textAt(rows, 1, row);
    c.certificatePem = textAt(rows, 2, row);
    c.sealedPrivateKey = textAt(rows, 3, row);
    c.validFrom = timeAt(rows, 4, row);
    c.validUntil = timeAt(rows, 5, row);
    c.status = parsedAt(rows, 6, row, "saml_certificates.status", parseSamlCertificateStatus);
    c.createdAt = timeAt(rows, 7, row);
    return c;
}

Poco::Nullable<std::string> nullable(const std::optional<std::string>& text) {
    if (!text) return {};
    return *text;
}

Poco::Int64 flag(bool value) { return value ? 1 : 0; }

std::string statusText(SamlCertificateStatus status) { return std::string(samlCertificateStatusName(status)); }

/// Marks the service's certificates with status `from` Inactive.
void deactivate(Session& session, const std::string& serviceId, SamlCertificateStatus from) {
    session << "UPDATE saml_certificates SET status = ? WHERE service_id = ? AND status = ?",
        kw::bind(statusText(SamlCertificateStatus::Inactive)), kw::bind(serviceId), kw::bind(statusText(from)),
        kw::now;
}

void updateConfigRow(Session& session, const SamlIdpConfig& c) {
    session << "UPDATE saml_idp_configs SET enabled = ?, entity_id = ?, acs_url = ?, name_id_format = ?, "
               "attribute_mapping = ?, sign_assertions = ?, sign_response = ?, slo_url = ?, sp_certificate_pem = ?, "
               "want_authn_requests_signed = ?, updated_at = ? WHERE service_id = ?",
        kw::bind(flag(c.enabled)), kw::bind(c.entityId), kw::bind(c.acsUrl), kw::bind(c.nameIdFormat),
        kw::bind(encodePairs(c.attributeMapping)), kw::bind(flag(c.signAssertions)), kw::bind(flag(c.signResponse)),
        kw::bind(nullable(c.sloUrl)), kw::bind(nullable(c.spCertificatePem)), kw::bind(flag(c.wantAuthnRequestsSigned)),
        kw::bind(unixSeconds(c.updatedAt)), kw::bind(c.serviceId), kw::now;
}

void insertConfigRow(Session& session, const SamlIdpConfig& c) {
    session << "INSERT INTO saml_idp_configs (service_id, enabled, entity_id, acs_url, name_id_format, "
               "attribute_mapping, sign_assertions, sign_response, slo_url, sp_certificate_pem, "
               "want_authn_requests_signed, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        kw::bind(c.serviceId), kw::bind(flag(c.enabled)), kw::bind(c.entityId), kw::bind(c.acsUrl),
        kw::bind(c.nameIdFormat), kw::bind(encodePairs(c.attributeMapping)), kw::bind(flag(c.signAssertions)),
        kw::bind(flag(c.signResponse)), kw::bind(nullable(c.sloUrl)), kw::bind(nullable(c.spCertificatePem)),
        kw::bind(flag(c.wantAuthnRequestsSigned)), kw::bind(unixSeconds(c.createdAt)),
        kw::bind(unixSeconds(c.updatedAt)), kw::now;
}

} // namespace

void SamlStoreSql::upsertConfig(const SamlIdpConfig& config) {
    executor_.transact("SAML configuration", [&](Session& session) {
        // The service row is locked (MySQL) so that a concurrent delete waits.
        Poco::Int64 services = 0;
        session << "SELECT COUNT(*) FROM services WHERE id = ?" + std::string(executor_.dialect().lockingRead()),
            kw::bind(config.serviceId), kw::into(services), kw::now;
        if (services == 0) throw Error(ErrorCode::NotFound, "service not found");
        Poco::Int64 existing = 0;
        session << "SELECT COUNT(*) FROM saml_idp_configs WHERE service_id = ?", kw::bind(config.serviceId),
            kw::into(existing), kw::now;
        if (existing > 0)
            updateConfigRow(session, config);
        else
            insertConfigRow(session, config);
    });
}

std::optional<SamlIdpConfig> SamlStoreSql::findConfig(const std::string& serviceId) {
    return selectOne(executor_, kSelectConfig + "WHERE service_id = ?", {serviceId}, configAt);
}

bool SamlStoreSql::removeConfig(const std::string& serviceId) {
    bool removed = false;
    executor_.transact("SAML configuration", [&](Session& session) {
        Statement remove(session);
        remove << "DELETE FROM saml_idp_configs WHERE service_id = ?", kw::bind(serviceId);
        if (remove.execute() == 0) return;
        deactivate(session, serviceId, SamlCertificateStatus::Active);
        deactivate(session, serviceId, SamlCertificateStatus::Next);
        removed = true;
    });
    return removed;
}

void SamlStoreSql::insertCertificate(const SamlCertificate& c) {
    executor_.transact("a SAML certificate with this id", [&](Session& session) {
        requireRow(session, "saml_idp_configs", "service_id", c.serviceId, "SAML configuration");
        deactivate(session, c.serviceId, c.status);
        session << "INSERT INTO saml_certificates (id, service_id, certificate_pem, sealed_private_key, valid_from, "
                   "valid_until, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            kw::bind(c.id), kw::bind(c.serviceId), kw::bind(c.certificatePem), kw::bind(c.sealedPrivateKey),
            kw::bind(unixSeconds(c.validFrom)), kw::bind(unixSeconds(c.validUntil)), kw::bind(statusText(c.status)),
            kw::bind(unixSeconds(c.createdAt)), kw::now;
    });
}

std::optional<SamlCertificate> SamlStoreSql::findCertificate(const std::string& serviceId,
                                                             SamlCertificateStatus status) {
    auto all = selectRows(executor_,
                          kSelectCertificates + "WHERE service_id = ? AND status = ? ORDER BY created_at DESC, id DESC",
                          {serviceId, statusText(status)}, certificateAt);
    if (all.empty()) return std::nullopt;
    return std::move(all.front());
}

std::optional<SamlCertificate> SamlStoreSql::activateNext(const std::string& serviceId) {
    bool activated = false;
    executor_.transact("SAML certificate", [&](Session& session) {
        Poco::Int64 staged = 0;
        session << "SELECT COUNT(*) FROM saml_certificates WHERE service_id = ? AND status = ?" +
                       std::string(executor_.dialect().lockingRead()),
            kw::bind(serviceId), kw::bind(statusText(SamlCertificateStatus::Next)), kw::into(staged), kw::now;
        if (staged == 0) return;
        deactivate(session, serviceId, SamlCertificateStatus::Active);
        session << "UPDATE saml_certificates SET status = ? WHERE service_id = ? AND status = ?",
            kw::bind(statusText(SamlCertificateStatus::Active)), kw::bind(serviceId),
            kw::bind(statusText(SamlCertificateStatus::Next)), kw::now;
        activated = true;
    });
    if (!activated) return std::nullopt;
    return findCertificate(serviceId, SamlCertificateStatus::Active);
}

std::vector<SamlCertificate> SamlStoreSql::listCertificates(const std::string& serviceId) {
    return selectRows(executor_, kSelectCertificates + "WHERE service_id = ? ORDER BY created_at, id", {serviceId},
                      certificateAt);
}

} // namespace authcore::sql
