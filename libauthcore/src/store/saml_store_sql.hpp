// SPDX-License-Identifier: Apache-2.0
// SamlStoreSql: SamlStore on the SQL executor.
#pragma once

#include "store/executor.hpp"

#include <authcore/store/saml_store.hpp>

namespace authcore::sql {

class SamlStoreSql final : public SamlStore {
public:
    explicit SamlStoreSql(Executor& executor) : executor_(executor) {}

    void upsertConfig(const SamlIdpConfig& config) override;
    std::optional<SamlIdpConfig> findConfig(const std::string& serviceId) override;
    bool removeConfig(const std::string& serviceId) override;

    void insertCertificate(const SamlCertificate& certificate) override;
    std::optional<SamlCertificate> findCertificate(const std::string& serviceId,
                                                   SamlCertificateStatus status) override;
    std::optional<SamlCertificate> activateNext(const std::string& serviceId) override;
    std::vector<SamlCertificate> listCertificates(const std::string& serviceId) override;

private:
    Executor& executor_;
};

} // namespace authcore::sql
