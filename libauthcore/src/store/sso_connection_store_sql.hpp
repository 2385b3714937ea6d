// SPDX-License-Identifier: Apache-2.0
// SsoConnectionStoreSql: SsoConnectionStore on the SQL executor.
#pragma once

#include "store/executor.hpp"

#include <authcore/store/sso_connection_store.hpp>

namespace authcore::sql {

class SsoConnectionStoreSql final : public SsoConnectionStore {
public:
    explicit SsoConnectionStoreSql(Executor& executor) : executor_(executor) {}

    void insert(const SsoConnection& connection) override;
    void update(const SsoConnection& connection) override;
    bool remove(const std::string& id) override;
    std::optional<SsoConnection> find(const std::string& id) override;
    std::optional<SsoConnection> findBySlug(const std::string& slug) override;
    std::optional<SsoConnection> findByDomain(const std::string& domain) override;
    std::vector<SsoConnection> listByOrganization(const std::string& organizationId) override;
    std::optional<SsoSpCredential> findSpCredential(const std::string& connectionId) override;
    bool insertSpCredential(const SsoSpCredential& credential) override;
    std::optional<SsoEnforcement> findEnforcement(const std::string& organizationId) override;
    void putEnforcement(const SsoEnforcement& enforcement) override;

private:
    /// The connections the SELECT `where` finds, each with its domains.
    std::vector<SsoConnection> select(const std::string& where, const std::vector<std::string>& parameters);
    std::optional<SsoConnection> selectOne(const std::string& where, const std::string& parameter);

    Executor& executor_;
};

} // namespace authcore::sql
