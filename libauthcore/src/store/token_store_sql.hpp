// SPDX-License-Identifier: Apache-2.0
// TokenStoreSql: TokenStore on the SQL executor.
#pragma once

#include "store/executor.hpp"

#include <authcore/store/token_store.hpp>

namespace authcore::sql {

class TokenStoreSql final : public TokenStore {
public:
    explicit TokenStoreSql(Executor& executor) : executor_(executor) {}

    void insertRefreshToken(const RefreshToken& token) override;
    std::optional<RefreshToken> findRefreshToken(const std::string& idHash) override;
    bool markRefreshTokenUsed(const std::string& idHash, Timestamp now) override;
    int revokeFamily(const std::string& familyId) override;

    void revokeAccessToken(const std::string& jti, Timestamp expiresAt) override;
    bool isAccessTokenRevoked(const std::string& jti) override;

    int purgeExpired(Timestamp now) override;

private:
    Executor& executor_;
};

} // namespace authcore::sql
