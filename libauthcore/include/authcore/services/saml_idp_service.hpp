// SPDX-License-Identifier: Apache-2.0
// SamlIdpService: a service acting as a SAML 2.0 IdP for one Service Provider:
// its configuration, its signing certificates (generation and rollover), and
// what the public SAML endpoints need. REST and GraphQL both call this.
#pragma once

#include <authcore/crypto/envelope.hpp>
#include <authcore/model/saml.hpp>
#include <authcore/services/audit_log.hpp>
#include <authcore/services/principal.hpp>
#include <authcore/services/service_catalog.hpp>
#include <authcore/store/organization_store.hpp>
#include <authcore/store/saml_store.hpp>
#include <authcore/store/service_store.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace authcore {

/// A new key pair and its certificate, both PEM (the key unencrypted).
struct GeneratedSigningCertificate {
    std::string certificatePem;
    std::string privateKeyPem;
    Timestamp validFrom{};
    Timestamp validUntil{};
};

/// Makes a signing certificate for `commonName`; throws on failure. The
/// appliance wires libsaml's generator; libauthcore knows only this.
using SigningCertificateGenerator = std::function<GeneratedSigningCertificate(const std::string& commonName)>;

/// What configure() takes (the REST ConfigureSamlPayload, the GraphQL
/// SamlConfigInput). The whole configuration is replaced.
struct SamlConfigInput {
    bool enabled = false;
    std::string entityId;
    std::string acsUrl;
    std::string nameIdFormat;
    std::vector<SamlAttribute> attributeMapping;
    bool signAssertions = true;
    bool signResponse = true;
    std::optional<std::string> sloUrl;
    std::optional<std::string> spCertificatePem;
    std::optional<bool> wantAuthnRequestsSigned; ///< absent: false
};

struct SamlConfigView {
    SamlIdpConfig config;
    bool hasCertificate = false; ///< an Active certificate exists
};

/// The signing material of the Active certificate.
struct SamlSigningMaterial {
    std::string certificateId;
    std::string certificatePem;
    std::string privateKeyPem; ///< opened from the Envelope; never log it
};

/// Everything the public SAML endpoints of one service need.
struct SamlRuntime {
    std::string organizationId;
    std::string organizationSlug;
    std::string serviceId;
    std::string serviceSlug;
    std::string serviceName;
    SamlIdpConfig config;
    std::optional<SamlSigningMaterial> active;     ///< absent until a certificate is generated
    std::optional<std::string> nextCertificatePem; ///< a staged rollover certificate
};

/// The four NameID formats a configuration may name.
const std::vector<std::string>& samlNameIdFormats();
/// The user fields an attribute mapping may send.
const std::vector<std::string>& samlUserFields();

class SamlIdpService {
public:
    /// `publicUrl` without a trailing '/': the base of the IdP URLs.
    SamlIdpService(SamlStore& saml, ServiceCatalog& catalog, OrganizationStore& organizations, ServiceStore& services,
                   const crypto::Envelope& envelope, SigningCertificateGenerator generator, AuditLog& audit,
                   const Clock& clock, std::string publicUrl);

    // Roles: members (and read:service keys) read; owners/admins (and
    // write:service keys) change. InvalidInput names the bad field and
    // changes nothing.

    /// Creates or replaces the configuration (createdAt kept).
    void configure(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug,
                   const SamlConfigInput& input);
    /// NotFound when SAML is not configured.
    SamlConfigView config(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug);
    /// config(), or nullopt when SAML is not configured.
    std::optional<SamlConfigView> tryConfig(const Principal& actor, const std::string& orgSlug,
                                            const std::string& serviceSlug);
    /// Removes the configuration and marks every certificate Inactive, in one
    /// transaction. NotFound when SAML is not configured.
    void deleteConfig(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug);

    /// A new Active certificate; the previous Active one becomes Inactive, a
    /// staged Next one stays staged. InvalidInput when SAML is not configured.
    SamlCertificate generateCertificate(const Principal& actor, const std::string& orgSlug,
                                        const std::string& serviceSlug);
    /// NotFound when there is none.
    SamlCertificate activeCertificate(const Principal& actor, const std::string& orgSlug,
                                      const std::string& serviceSlug);
    std::optional<SamlCertificate> tryActiveCertificate(const Principal& actor, const std::string& orgSlug,
                                                        const std::string& serviceSlug);
    /// A new Next certificate for a rollover; an earlier Next one becomes
    /// Inactive. InvalidInput when SAML is not configured.
    SamlCertificate stageNextCertificate(const Principal& actor, const std::string& orgSlug,
                                         const std::string& serviceSlug);
    /// NotFound when none is staged.
    SamlCertificate nextCertificate(const Principal& actor, const std::string& orgSlug,
                                    const std::string& serviceSlug);
    /// The Next certificate becomes Active, the Active one Inactive. NotFound
    /// when none is staged.
    SamlCertificate activateNextCertificate(const Principal& actor, const std::string& orgSlug,
                                            const std::string& serviceSlug);

    /// For the public SAML endpoints (no caller): NotFound for an unknown
    /// organization or service, nullopt when SAML is not configured.
    /// Internal when a stored private key cannot be opened.
    std::optional<SamlRuntime> runtimeFor(const std::string& orgSlug, const std::string& serviceSlug);

    /// `{public_url}/saml/{org}/{svc}/metadata`: the IdP's entity ID and metadata URL.
    std::string metadataUrl(const std::string& orgSlug, const std::string& serviceSlug) const;
    /// `{public_url}/saml/{org}/{svc}/sso`.
    std::string ssoUrl(const std::string& orgSlug, const std::string& serviceSlug) const;

private:
    /// A new certificate with `status` for an owner/admin (or write:service key), audited as `action`.
    SamlCertificate issue(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug,
                          SamlCertificateStatus status, const char* action);
    SamlCertificate requireCertificate(const std::string& serviceId, SamlCertificateStatus status);

    SamlStore& saml_;
    ServiceCatalog& catalog_;
    OrganizationStore& organizations_;
    ServiceStore& services_;
    const crypto::Envelope& envelope_;
    SigningCertificateGenerator generator_;
    AuditLog& audit_;
    const Clock& clock_;
    std::string publicUrl_;
};

} // namespace authcore
