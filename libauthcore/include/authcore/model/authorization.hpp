// SPDX-License-Identifier: Apache-2.0
// Authorization: a subject client may obtain tokens for an audience client.
#pragma once

#include <authcore/time.hpp>
#include <string>
#include <vector>

namespace authcore {

struct Authorization {
    std::string id; ///< `authz_...`
    std::string subjectClientId;
    std::string audienceClientId;
    std::vector<std::string> scopes; ///< a subset of the audience's available scopes, sorted, unique
    Timestamp createdAt{};
};

} // namespace authcore
