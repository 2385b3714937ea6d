// SPDX-License-Identifier: Apache-2.0
// IdentityStoreSql: IdentityStore on the SQL executor.
#pragma once

#include "store/executor.hpp"

#include <authcore/store/identity_store.hpp>

namespace authcore::sql {

class IdentityStoreSql final : public IdentityStore {
public:
    explicit IdentityStoreSql(Executor& executor) : executor_(executor) {}

    std::optional<ExternalIdentity> find(const std::string& provider, const std::string& subject) override;
    std::vector<ExternalIdentity> listForUser(const std::string& userId) override;
    void link(const IdentityLink& link) override;

private:
    Executor& executor_;
};

} // namespace authcore::sql
