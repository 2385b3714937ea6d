// SPDX-License-Identifier: Apache-2.0
// Organization: the tenant that owns services, clients and SSO connections.
#pragma once

#include <authcore/time.hpp>
#include <string>

namespace authcore {

struct Organization {
    std::string id;   ///< `org_...`
    std::string slug; ///< unique, URL-safe: [a-z0-9-], 2..63 chars
    std::string name;
    int maxServices = 10; ///< plan limit checked when creating services
    Timestamp createdAt{};
    Timestamp updatedAt{};
};

} // namespace authcore
