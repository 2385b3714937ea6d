// SPDX-License-Identifier: Apache-2.0
// AuthorizationStore: which client may call which, with which scopes.
#pragma once

#include <authcore/model/authorization.hpp>
#include <optional>
#include <string>
#include <vector>

namespace authcore {

class AuthorizationStore {
public:
    virtual ~AuthorizationStore() = default;
    /// Conflict when (subject, audience) already exists; NotFound when either client does not.
    virtual void insert(const Authorization& authorization) = 0;
    virtual std::optional<Authorization> findById(const std::string& id) = 0;
    virtual std::optional<Authorization> find(const std::string& subjectClientId,
                                              const std::string& audienceClientId) = 0;
    /// Replaces the scopes; NotFound when absent.
    virtual void updateScopes(const std::string& id, const std::vector<std::string>& scopes) = 0;
    /// False when absent.
    virtual bool remove(const std::string& subjectClientId, const std::string& audienceClientId) = 0;
    /// Ordered by audience client id.
    virtual std::vector<Authorization> listBySubject(const std::string& subjectClientId) = 0;
    /// Ordered by subject client id.
    virtual std::vector<Authorization> listByAudience(const std::string& audienceClientId) = 0;
};

} // namespace authcore
