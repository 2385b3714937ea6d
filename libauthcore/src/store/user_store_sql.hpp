// SPDX-License-Identifier: Apache-2.0
// UserStoreSql: UserStore on the SQL executor.
#pragma once

#include "store/executor.hpp"

#include <authcore/store/user_store.hpp>

namespace authcore::sql {

/// The INSERT of one user on `session`, for stores that write a user inside their own transaction.
void insertUserRow(Session& session, const User& user);

class UserStoreSql final : public UserStore {
public:
    explicit UserStoreSql(Executor& executor) : executor_(executor) {}

    void insert(const User& user) override;
    std::optional<User> findById(const std::string& id) override;
    std::optional<User> findByEmail(const std::string& email) override;
    void update(const User& user) override;
    long long count() override;

private:
    std::optional<User> findWhere(const char* column, const std::string& value);

    Executor& executor_;
};

} // namespace authcore::sql
