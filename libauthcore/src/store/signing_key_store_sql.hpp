// SPDX-License-Identifier: Apache-2.0
// SigningKeyStoreSql: SigningKeyStore on the SQL executor.
#pragma once

#include "store/executor.hpp"

#include <authcore/store/signing_key_store.hpp>

namespace authcore::sql {

class SigningKeyStoreSql final : public SigningKeyStore {
public:
    explicit SigningKeyStoreSql(Executor& executor) : executor_(executor) {}

    std::vector<SigningKey> list() override;
    void apply(const std::vector<SigningKey>& added, const std::vector<SigningKey>& changed) override;

private:
    Executor& executor_;
};

} // namespace authcore::sql
