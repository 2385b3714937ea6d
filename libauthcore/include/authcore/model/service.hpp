// SPDX-License-Identifier: Apache-2.0
// Service: an organization's application, with its own OAuth client.
#pragma once

#include <authcore/time.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authcore {

enum class ServiceType { Web, Mobile, Cli, Api };

/// `web`, `mobile`, `cli`, `api`.
std::string_view serviceTypeName(ServiceType type) noexcept;
std::optional<ServiceType> parseServiceType(std::string_view text) noexcept;

struct Service {
    std::string id; ///< `svc_...`
    std::string organizationId;
    std::string slug; ///< unique within the organization
    std::string name;
    ServiceType type = ServiceType::Web;
    std::string clientId; ///< its OAuth client (type `service`), created and deleted with it
    std::vector<std::string> redirectUris;
    std::vector<std::string> githubScopes;
    std::vector<std::string> googleScopes;
    std::vector<std::string> microsoftScopes;
    Timestamp createdAt{};
    Timestamp updatedAt{};
};

/// A subscription plan of a service.
struct Plan {
    std::string id; ///< `plan_...`
    std::string serviceId;
    std::string name; ///< unique within the service
    long long priceCents = 0;
    std::string currency; ///< ISO 4217, lower case
    std::vector<std::string> features;
    Timestamp createdAt{};
    Timestamp updatedAt{};
};

enum class SubscriptionStatus { Active, Cancelled };

/// `active`, `cancelled`.
std::string_view subscriptionStatusName(SubscriptionStatus status) noexcept;
std::optional<SubscriptionStatus> parseSubscriptionStatus(std::string_view text) noexcept;

struct Subscription {
    std::string id; ///< `sub_...`
    std::string planId;
    std::string userId;
    SubscriptionStatus status = SubscriptionStatus::Active;
    Timestamp createdAt{};
    Timestamp updatedAt{};
};

/// A service's API key. The key is `ak_<prefix>_<secret>`; only the
/// HMAC of the secret is kept.
struct ApiKey {
    std::string id; ///< `key_...`
    std::string serviceId;
    std::string prefix; ///< 8 characters, shown in lists to recognise a key
    std::string name;
    std::vector<std::string> permissions;
    std::string secretHash;
    std::optional<Timestamp> expiresAt;
    std::optional<Timestamp> lastUsedAt;
    Timestamp createdAt{};
};

} // namespace authcore
