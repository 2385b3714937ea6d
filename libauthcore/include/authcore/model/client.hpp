// SPDX-License-Identifier: Apache-2.0
// Client: an OAuth client with two independent secret slots.
#pragma once

#include <authcore/time.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace authcore {

/// `application` (registered by hand), `user` (a person via /login), `service`
/// (a service's own client).
enum class ClientType { Application, User, Service };

std::string_view clientTypeName(ClientType type) noexcept;
std::optional<ClientType> parseClientType(std::string_view text) noexcept;

/// One secret slot: only the HMAC of the secret is kept.
struct SecretSlot {
    std::string hash; ///< hex HMAC-SHA-256 under the server pepper; empty when unset
    std::optional<Timestamp> updatedAt;
    bool isSet() const { return !hash.empty(); }
};

struct Client {
    std::string clientId; ///< globally unique
    std::string description;
    ClientType type = ClientType::Application;
    std::string ownerOrganizationId; ///< empty for clients owned by no organization
    std::string ownerUserId;         ///< for `user` clients: the person
    SecretSlot secret1;
    SecretSlot secret2;
    Timestamp createdAt{};
};

} // namespace authcore
