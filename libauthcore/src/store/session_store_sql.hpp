// SPDX-License-Identifier: Apache-2.0
// SessionStoreSql: SessionStore on the SQL executor.
#pragma once

#include "store/executor.hpp"

#include <authcore/store/session_store.hpp>

namespace authcore::sql {

class SessionStoreSql final : public SessionStore {
public:
    explicit SessionStoreSql(Executor& executor) : executor_(executor) {}

    void insert(const BrowserSession& session) override;
    std::optional<BrowserSession> find(const std::string& idHash) override;
    bool remove(const std::string& idHash) override;
    int removeForUser(const std::string& userId) override;
    int purgeExpired(Timestamp now) override;

private:
    Executor& executor_;
};

} // namespace authcore::sql
