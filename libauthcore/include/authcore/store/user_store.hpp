// SPDX-License-Identifier: Apache-2.0
// UserStore: durable users. Throws authcore::Error (Conflict, StoreUnavailable).
#pragma once

#include <authcore/model/user.hpp>
#include <optional>
#include <string>
#include <vector>

namespace authcore {

class UserStore {
public:
    virtual ~UserStore() = default;
    /// Conflict when the email is taken.
    virtual void insert(const User& user) = 0;
    virtual std::optional<User> findById(const std::string& id) = 0;
    /// `email` is compared lower-cased.
    virtual std::optional<User> findByEmail(const std::string& email) = 0;
    /// Replaces every field but id and createdAt; NotFound when absent.
    virtual void update(const User& user) = 0;
    virtual long long count() = 0;
};

} // namespace authcore
