// SPDX-License-Identifier: Apache-2.0
// BrowserSession: the authcore_session cookie's server side.
#pragma once

#include <authcore/time.hpp>
#include <string>

namespace authcore {

struct BrowserSession {
    std::string idHash; ///< SHA-256 hex of the cookie value; the value itself is never stored
    std::string userId;
    Timestamp createdAt{};
    Timestamp expiresAt{};
};

} // namespace authcore
