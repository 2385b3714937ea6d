// SPDX-License-Identifier: Apache-2.0
// LoginPending: a /login/authorize request parked between the two redirects.
#pragma once

#include <authcore/services/upstream_provider.hpp>

#include <optional>
#include <string>

namespace authcore {

struct LoginPending {
    std::string clientId; ///< canonical (aliases resolved)
    std::string redirectUri;
    std::string codeChallenge;
    std::string state; ///< the client's, echoed back to it
    std::string scope;
    std::string nonce; ///< the client's, for our id_token
    UpstreamChallenge upstream;
    std::string sessionHash; ///< hex SHA-256 of the browser's sessionId cookie
};

std::string serialisePending(const LoginPending& pending);
/// nullopt for anything we did not write.
std::optional<LoginPending> parsePending(const std::string& json);

} // namespace authcore
