// SPDX-License-Identifier: Apache-2.0
// SamlStore: a service's SAML IdP configuration and signing certificates.
// Throws authcore::Error (Conflict, NotFound, StoreUnavailable). Both go with
// their service (ServiceStore::removeWithClient).
#pragma once

#include <authcore/model/saml.hpp>

#include <optional>
#include <string>
#include <vector>

namespace authcore {

class SamlStore {
public:
    virtual ~SamlStore() = default;

    /// Inserts the service's configuration or replaces it (created_at of an
    /// existing one is kept). NotFound when the service does not exist.
    virtual void upsertConfig(const SamlIdpConfig& config) = 0;
    virtual std::optional<SamlIdpConfig> findConfig(const std::string& serviceId) = 0;
    /// In one transaction: deletes the configuration and marks every
    /// certificate of the service Inactive. False (nothing changed) when
    /// there was no configuration.
    virtual bool removeConfig(const std::string& serviceId) = 0;

    /// In one transaction: marks the service's certificates that have the
    /// new one's status Inactive, then inserts it (an Active one replaces
    /// the Active one, a Next one the Next one). NotFound (nothing written)
    /// when the service has no configuration.
    virtual void insertCertificate(const SamlCertificate& certificate) = 0;
    /// The newest certificate of the service with `status`.
    virtual std::optional<SamlCertificate> findCertificate(const std::string& serviceId,
                                                           SamlCertificateStatus status) = 0;
    /// In one transaction: the Active certificate becomes Inactive and the
    /// Next one Active; the new Active one, or nullopt (nothing changed)
    /// when there is no Next one.
    virtual std::optional<SamlCertificate> activateNext(const std::string& serviceId) = 0;
    /// Every certificate of the service, oldest first.
    virtual std::vector<SamlCertificate> listCertificates(const std::string& serviceId) = 0;
};

} // namespace authcore
