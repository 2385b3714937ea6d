// SPDX-License-Identifier: Apache-2.0
// SAML IdP configuration of a service and its signing certificates.
#pragma once

#include <authcore/time.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authcore {

/// One user field sent as a SAML attribute under another name.
struct SamlAttribute {
    std::string field;     ///< id, email, name, given_name, family_name, groups, roles
    std::string attribute; ///< the attribute name the SP expects
};

/// How a service acts as a SAML IdP for one Service Provider (seed 000).
struct SamlIdpConfig {
    std::string serviceId;
    bool enabled = false;
    std::string entityId;     ///< the SP's entity ID
    std::string acsUrl;       ///< the SP's Assertion Consumer Service URL
    std::string nameIdFormat; ///< one of the four NameID format URIs
    std::vector<SamlAttribute> attributeMapping; ///< in the order given
    bool signAssertions = true;
    bool signResponse = true;
    std::optional<std::string> sloUrl;
    std::optional<std::string> spCertificatePem;
    bool wantAuthnRequestsSigned = false;
    Timestamp createdAt{};
    Timestamp updatedAt{};
};

/// Active: signs. Next: staged for a rollover (published, not signing).
/// Inactive: replaced or deactivated, kept for the record.
enum class SamlCertificateStatus { Active, Next, Inactive };

/// `active`, `next`, `inactive`.
std::string_view samlCertificateStatusName(SamlCertificateStatus status) noexcept;
std::optional<SamlCertificateStatus> parseSamlCertificateStatus(std::string_view text) noexcept;

/// A signing certificate of a service's IdP (private key sealed).
struct SamlCertificate {
    std::string id; ///< `cert_...`
    std::string serviceId;
    std::string certificatePem;
    std::string sealedPrivateKey; ///< Envelope-sealed PKCS#8 PEM, context = id
    Timestamp validFrom{};
    Timestamp validUntil{};
    SamlCertificateStatus status = SamlCertificateStatus::Active;
    Timestamp createdAt{};
};

} // namespace authcore
