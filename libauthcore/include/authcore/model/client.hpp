// SPDX-License-Identifier: Apache-2.0
// Client: an OAuth client with two independent secret slots.
#pragma once

#include <authcore/time.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
    /// Exact-match redirect URIs for the authorization_code flow.
    std::vector<std::string> redirectUris;
    /// A public client (mobile/cli service) authenticates with PKCE alone.
    bool publicClient = false;
    Timestamp createdAt{};
};

/// A scope an audience client offers to the clients authorized to call it.
struct ClientScope {
    std::string scope;
    std::string description;
};

/// A jwt-bearer (RFC 7523) trust entry: assertions with these iss/sub/aud,
/// signed by a key from jwksUrl, authenticate as the client.
struct JwtBearer {
    std::string id; ///< `jwtb_...`
    std::string clientId;
    std::string jwksUrl;
    std::string iss;
    std::string sub;
    std::string aud;
    Timestamp createdAt{};
};

} // namespace authcore
