// SPDX-License-Identifier: Apache-2.0
// SamlIdpService: configuration of a service as a SAML IdP, and what the
// public SAML endpoints read (certificates in saml_idp_certificates.cpp).
#include <authcore/error.hpp>
#include <authcore/services/saml_idp_service.hpp>

#include "services/saml_rules.hpp"

namespace authcore {
namespace {

Error notConfigured() { return Error(ErrorCode::NotFound, "SAML is not configured for this service"); }

SamlIdpConfig configFrom(const SamlConfigInput& input, const std::string& serviceId, Timestamp now) {
    SamlIdpConfig config;
    config.serviceId = serviceId;
    config.enabled = input.enabled;
    config.entityId = input.entityId;
    config.acsUrl = input.acsUrl;
    config.nameIdFormat = input.nameIdFormat;
    config.attributeMapping = input.attributeMapping;
    config.signAssertions = input.signAssertions;
    config.signResponse = input.signResponse;
    config.sloUrl = input.sloUrl;
    config.spCertificatePem = input.spCertificatePem;
    config.wantAuthnRequestsSigned = input.wantAuthnRequestsSigned.value_or(false);
    config.createdAt = now;
    config.updatedAt = now;
    return config;
}

} // namespace

SamlIdpService::SamlIdpService(SamlStore& saml, ServiceCatalog& catalog, OrganizationStore& organizations,
                               ServiceStore& services, const crypto::Envelope& envelope,
                               SigningCertificateGenerator generator, AuditLog& audit, const Clock& clock,
                               std::string publicUrl)
    : saml_(saml), catalog_(catalog), organizations_(organizations), services_(services), envelope_(envelope),
      generator_(std::move(generator)), audit_(audit), clock_(clock), publicUrl_(std::move(publicUrl)) {}

void SamlIdpService::configure(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug,
                               const SamlConfigInput& input) {
    const auto [org, service] = catalog_.access(actor, orgSlug, serviceSlug, Role::Admin, "write:service");
    try {
        rules::checkSamlConfig(input);
    } catch (const Error&) {
        audit_.record(org.id, actor.actor(), "saml.configure", service.id, false);
        throw;
    }
    // An existing configuration keeps its created_at (SamlStore::upsertConfig).
    saml_.upsertConfig(configFrom(input, service.id, clock_.now()));
    audit_.record(org.id, actor.actor(), "saml.configure", service.id, true);
}

SamlConfigView SamlIdpService::config(const Principal& actor, const std::string& orgSlug,
                                      const std::string& serviceSlug) {
    auto view = tryConfig(actor, orgSlug, serviceSlug);
    if (!view) throw notConfigured();
    return std::move(*view);
}

std::optional<SamlConfigView> SamlIdpService::tryConfig(const Principal& actor, const std::string& orgSlug,
                                                        const std::string& serviceSlug) {
    const auto service = catalog_.access(actor, orgSlug, serviceSlug, Role::Member, "read:service").service;
    auto config = saml_.findConfig(service.id);
    if (!config) return std::nullopt;
    const bool hasCertificate = saml_.findCertificate(service.id, SamlCertificateStatus::Active).has_value();
    return SamlConfigView{std::move(*config), hasCertificate};
}

void SamlIdpService::deleteConfig(const Principal& actor, const std::string& orgSlug,
                                  const std::string& serviceSlug) {
    const auto [org, service] = catalog_.access(actor, orgSlug, serviceSlug, Role::Admin, "write:service");
    if (!saml_.removeConfig(service.id)) throw notConfigured();
    audit_.record(org.id, actor.actor(), "saml.delete", service.id, true);
}

std::optional<SamlRuntime> SamlIdpService::runtimeFor(const std::string& orgSlug, const std::string& serviceSlug) {
    const auto org = organizations_.findBySlug(orgSlug);
    const auto service = org ? services_.find(org->id, serviceSlug) : std::nullopt;
    if (!service) throw Error(ErrorCode::NotFound, "service not found");
    auto config = saml_.findConfig(service->id);
    if (!config) return std::nullopt;
    SamlRuntime runtime{org->id, org->slug, service->id, service->slug, service->name, std::move(*config), {}, {}};
    if (const auto active = saml_.findCertificate(service->id, SamlCertificateStatus::Active)) {
        auto key = envelope_.open(active->sealedPrivateKey, active->id);
        // The reason stays generic: it must not hint at key material.
        if (!key) throw Error(ErrorCode::Internal, "the SAML signing key of this service cannot be opened");
        runtime.active = SamlSigningMaterial{active->id, active->certificatePem, std::move(*key)};
    }
    if (const auto next = saml_.findCertificate(service->id, SamlCertificateStatus::Next))
        runtime.nextCertificatePem = next->certificatePem;
    return runtime;
}

std::string SamlIdpService::metadataUrl(const std::string& orgSlug, const std::string& serviceSlug) const {
    return publicUrl_ + "/saml/" + orgSlug + "/" + serviceSlug + "/metadata";
}

std::string SamlIdpService::ssoUrl(const std::string& orgSlug, const std::string& serviceSlug) const {
    return publicUrl_ + "/saml/" + orgSlug + "/" + serviceSlug + "/sso";
}

} // namespace authcore
