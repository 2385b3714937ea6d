// SPDX-License-Identifier: Apache-2.0
// TokenStore: refresh-token families and revoked access-token ids, durable so
// that a restart neither logs users out nor revives a revoked token.
#pragma once

#include <authcore/model/refresh_token.hpp>
#include <optional>
#include <string>

namespace authcore {

class TokenStore {
public:
    virtual ~TokenStore() = default;
    virtual void insertRefreshToken(const RefreshToken& token) = 0;
    virtual std::optional<RefreshToken> findRefreshToken(const std::string& idHash) = 0;
    /// Marks the token used at `now` only if it was unused and not revoked;
    /// true when this call won (exactly one concurrent caller wins).
    virtual bool markRefreshTokenUsed(const std::string& idHash, Timestamp now) = 0;
    /// Revokes every token of the family; returns how many changed.
    virtual int revokeFamily(const std::string& familyId) = 0;

    /// Remembers an access token id as revoked until `expiresAt` (idempotent).
    virtual void revokeAccessToken(const std::string& jti, Timestamp expiresAt) = 0;
    virtual bool isAccessTokenRevoked(const std::string& jti) = 0;

    /// Drops refresh tokens and revocations past their expiry; returns how many.
    virtual int purgeExpired(Timestamp now) = 0;
};

} // namespace authcore
