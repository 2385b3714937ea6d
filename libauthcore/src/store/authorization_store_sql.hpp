// SPDX-License-Identifier: Apache-2.0
// AuthorizationStoreSql: AuthorizationStore on the SQL executor.
#pragma once

#include "store/executor.hpp"

#include <authcore/store/authorization_store.hpp>

namespace authcore::sql {

class AuthorizationStoreSql final : public AuthorizationStore {
public:
    explicit AuthorizationStoreSql(Executor& executor) : executor_(executor) {}

    void insert(const Authorization& authorization) override;
    std::optional<Authorization> findById(const std::string& id) override;
    std::optional<Authorization> find(const std::string& subjectClientId,
                                      const std::string& audienceClientId) override;
    void updateScopes(const std::string& id, const std::vector<std::string>& scopes) override;
    bool remove(const std::string& subjectClientId, const std::string& audienceClientId) override;
    std::vector<Authorization> listBySubject(const std::string& subjectClientId) override;
    std::vector<Authorization> listByAudience(const std::string& audienceClientId) override;

private:
    std::vector<Authorization> authorizations(const std::string& sqlTail, const std::vector<std::string>& parameters);

    Executor& executor_;
};

} // namespace authcore::sql
