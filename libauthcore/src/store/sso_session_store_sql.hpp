// SPDX-License-Identifier: Apache-2.0
// SsoSessionStoreSql: SsoSessionStore on the SQL executor.
#pragma once

#include "store/executor.hpp"

#include <authcore/store/sso_session_store.hpp>

namespace authcore::sql {

class SsoSessionStoreSql final : public SsoSessionStore {
public:
    explicit SsoSessionStoreSql(Executor& executor) : executor_(executor) {}

    void insert(const SsoSession& session) override;
    std::optional<SsoSession> find(const std::string& id) override;
    std::vector<SsoSession> listActive(const std::string& organizationId, Timestamp now) override;
    std::vector<SsoSession> findBySubject(const std::string& connectionId, const std::string& subject,
                                          const std::string& sessionIndex) override;
    std::vector<SsoSession> findBySessionIndex(const std::string& connectionId,
                                               const std::string& sessionIndex) override;
    std::optional<SsoSession> findByRefreshFamily(const std::string& userId,
                                                  const std::string& refreshFamilyId) override;
    bool remove(const std::string& id) override;
    int purgeExpired(Timestamp now) override;

private:
    Executor& executor_;
};

} // namespace authcore::sql
