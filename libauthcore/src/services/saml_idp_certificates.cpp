// SPDX-License-Identifier: Apache-2.0
// SamlIdpService: signing certificates, generated, rolled over and read.
#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/services/saml_idp_service.hpp>

namespace authcore {
namespace {

constexpr std::size_t kMaxCommonName = 64; // X.509 upper bound of a CN

Error noCertificate(const char* which) {
    return Error(ErrorCode::NotFound, std::string("no ") + which + " SAML certificate");
}

/// `<org>/<svc>`, cut to what a CN may hold.
std::string commonNameOf(const ServiceCatalog::Target& target) {
    return (target.organization.slug + "/" + target.service.slug).substr(0, kMaxCommonName);
}

} // namespace

SamlCertificate SamlIdpService::issue(const Principal& actor, const std::string& orgSlug,
                                      const std::string& serviceSlug, SamlCertificateStatus status,
                                      const char* action) {
    const auto target = catalog_.access(actor, orgSlug, serviceSlug, Role::Admin, "write:service");
    const auto& serviceId = target.service.id;
    if (!saml_.findConfig(serviceId))
        throw Error(ErrorCode::InvalidInput, "SAML is not configured: configure the service's SAML IdP first");
    const auto generated = generator_(commonNameOf(target));
    SamlCertificate certificate;
    certificate.id = crypto::randomId("cert_");
    certificate.serviceId = serviceId;
    certificate.certificatePem = generated.certificatePem;
    // The id is the context: a sealed key cannot be moved to another certificate.
    certificate.sealedPrivateKey = envelope_.seal(generated.privateKeyPem, certificate.id);
    certificate.validFrom = generated.validFrom;
    certificate.validUntil = generated.validUntil;
    certificate.status = status;
    certificate.createdAt = clock_.now();
    saml_.insertCertificate(certificate);
    audit_.record(target.organization.id, actor.actor(), action, certificate.id, true);
    return certificate;
}

SamlCertificate SamlIdpService::requireCertificate(const std::string& serviceId, SamlCertificateStatus status) {
    auto certificate = saml_.findCertificate(serviceId, status);
    if (!certificate) throw noCertificate(status == SamlCertificateStatus::Next ? "staged (next)" : "active");
    return std::move(*certificate);
}

SamlCertificate SamlIdpService::generateCertificate(const Principal& actor, const std::string& orgSlug,
                                                    const std::string& serviceSlug) {
    return issue(actor, orgSlug, serviceSlug, SamlCertificateStatus::Active, "saml.certificate.generate");
}

SamlCertificate SamlIdpService::activeCertificate(const Principal& actor, const std::string& orgSlug,
                                                  const std::string& serviceSlug) {
    const auto service = catalog_.access(actor, orgSlug, serviceSlug, Role::Member, "read:service").service;
    return requireCertificate(service.id, SamlCertificateStatus::Active);
}

std::optional<SamlCertificate> SamlIdpService::tryActiveCertificate(const Principal& actor,
                                                                    const std::string& orgSlug,
                                                                    const std::string& serviceSlug) {
    const auto service = catalog_.access(actor, orgSlug, serviceSlug, Role::Member, "read:service").service;
    return saml_.findCertificate(service.id, SamlCertificateStatus::Active);
}

SamlCertificate SamlIdpService::stageNextCertificate(const Principal& actor, const std::string& orgSlug,
                                                     const std::string& serviceSlug) {
    return issue(actor, orgSlug, serviceSlug, SamlCertificateStatus::Next, "saml.certificate.stage");
}

SamlCertificate SamlIdpService::nextCertificate(const Principal& actor, const std::string& orgSlug,
                                                const std::string& serviceSlug) {
    const auto service = catalog_.access(actor, orgSlug, serviceSlug, Role::Member, "read:service").service;
    return requireCertificate(service.id, SamlCertificateStatus::Next);
}

SamlCertificate SamlIdpService::activateNextCertificate(const Principal& actor, const std::string& orgSlug,
                                                        const std::string& serviceSlug) {
    const auto [org, service] = catalog_.access(actor, orgSlug, serviceSlug, Role::Admin, "write:service");
    auto activated = saml_.activateNext(service.id);
    if (!activated) throw noCertificate("staged (next)");
    audit_.record(org.id, actor.actor(), "saml.certificate.activate", activated->id, true);
    return std::move(*activated);
}

} // namespace authcore
