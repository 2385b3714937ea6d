// SPDX-License-Identifier: Apache-2.0
// User: a person who signs in (password, upstream provider or SSO).
#pragma once

#include <authcore/time.hpp>
#include <string>

namespace authcore {

struct User {
    std::string id;    ///< `usr_...`
    std::string email; ///< unique, stored lower-cased
    std::string name;
    std::string passwordHash; ///< argon2id encoded string; empty: no password login
    bool emailVerified = false;
    bool systemAdmin = false; ///< may manage every organization and client
    Timestamp createdAt{};
    Timestamp updatedAt{};
};

} // namespace authcore
