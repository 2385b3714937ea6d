// SPDX-License-Identifier: Apache-2.0
// RefreshToken: one member of a rotating refresh-token family (user sessions).
#pragma once

#include <authcore/time.hpp>
#include <optional>
#include <string>

namespace authcore {

struct RefreshToken {
    std::string idHash;   ///< SHA-256 hex of the token value; the value is never stored
    std::string familyId; ///< shared by every rotation of one login; reuse revokes it
    std::string userId;
    std::string clientId;
    std::string audience;
    std::string scope;
    std::string email;                  ///< the user's at login, for refreshed tokens
    std::optional<Timestamp> authTime; ///< when the user authenticated, for refreshed id_tokens
    Timestamp createdAt{};
    Timestamp expiresAt{};
    std::optional<Timestamp> usedAt; ///< set when exchanged; a second use is a replay
    bool revoked = false;
};

} // namespace authcore
