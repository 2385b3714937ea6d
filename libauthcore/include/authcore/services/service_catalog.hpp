// SPDX-License-Identifier: Apache-2.0
// ServiceCatalog: an organization's services with their OAuth clients, plans,
// subscriptions and API keys. REST and GraphQL both call this; every rule
// (roles, API-key permissions, limits, validation) is here once.
#pragma once

#include <authcore/crypto/secret_hasher.hpp>
#include <authcore/model/service.hpp>
#include <authcore/services/audit_log.hpp>
#include <authcore/services/client_directory.hpp>
#include <authcore/services/client_service.hpp>
#include <authcore/services/organization_service.hpp>
#include <authcore/services/principal.hpp>
#include <authcore/store/organization_store.hpp>
#include <authcore/store/service_store.hpp>
#include <authcore/store/user_store.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace authcore {

/// API key permissions (seed 000): exactly these strings.
const std::vector<std::string>& apiKeyPermissionNames();

struct NewService {
    std::string slug;
    std::string name;
    std::string serviceType; ///< web | mobile | cli | api
    std::vector<std::string> redirectUris;
    std::vector<std::string> githubScopes;
    std::vector<std::string> googleScopes;
    std::vector<std::string> microsoftScopes;
};

/// Absent fields stay as they are.
struct ServiceChanges {
    std::optional<std::string> name;
    std::optional<std::vector<std::string>> redirectUris;
    std::optional<std::vector<std::string>> githubScopes;
    std::optional<std::vector<std::string>> googleScopes;
    std::optional<std::vector<std::string>> microsoftScopes;
};

struct ServiceUsage {
    int currentServices = 0;
    int maxServices = 0;
};

/// One OAuth provider's scopes of a service (only providers that have some).
struct ProviderGrant {
    std::string provider; ///< github | google | microsoft
    std::vector<std::string> scopes;
};
std::vector<ProviderGrant> providerGrants(const Service& service);

struct PlanWithCount {
    Plan plan;
    int subscriptionCount = 0; ///< active subscriptions
};

struct NewPlan {
    std::string name;
    long long priceCents = 0;
    std::string currency;
    std::vector<std::string> features;
};

struct PlanChanges {
    std::optional<std::string> name;
    std::optional<long long> priceCents;
    std::optional<std::string> currency;
    std::optional<std::vector<std::string>> features;
};

struct NewApiKey {
    std::string name;
    std::vector<std::string> permissions;
    std::optional<int> expiresInDays;
};

struct CreatedApiKey {
    ApiKey key;
    std::string fullKey; ///< `ak_<prefix>_<secret>`, returned this once
};

struct ApiKeyPage {
    std::vector<ApiKey> keys;
    int total = 0;
};

struct ServiceClientSecret {
    std::string secret;
    int slot = 1;
};

class ServiceCatalog {
public:
    ServiceCatalog(ServiceStore& services, OrganizationService& organizations, OrganizationStore& orgStore,
                   UserStore& users, ClientService& clients, ClientDirectory& directory,
                   const crypto::SecretHasher& hasher, AuditLog& audit, const Clock& clock);

    // Services. Roles: members read, owners/admins create and update, owners delete.
    Service create(const Principal& actor, const std::string& orgSlug, const NewService& request);
    std::vector<Service> list(const Principal& actor, const std::string& orgSlug);
    ServiceUsage usage(const Principal& actor, const std::string& orgSlug);
    /// Also for an API key of this service with `read:service`.
    Service get(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug);
    /// Also for an API key of this service with `write:service`.
    Service update(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug,
                   const ServiceChanges& changes);
    void remove(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug);
    /// A system admin sets an organization's service limit (1..10000).
    void setMaxServices(const Principal& actor, const std::string& orgSlug, int maxServices);
    /// A new secret for the service's client: slot 1 when empty, else slot 2;
    /// Conflict when both are set (clear the older one through clearClientSecret).
    ServiceClientSecret generateClientSecret(const Principal& actor, const std::string& orgSlug,
                                             const std::string& serviceSlug);

    // Plans: members (and read:service keys) read; owners/admins (and write:service keys) change.
    PlanWithCount createPlan(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug,
                             const NewPlan& request);
    std::vector<PlanWithCount> plans(const Principal& actor, const std::string& orgSlug,
                                     const std::string& serviceSlug);
    PlanWithCount updatePlan(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug,
                             const std::string& planId, const PlanChanges& changes);
    /// Conflict while the plan has active subscriptions.
    void removePlan(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug,
                    const std::string& planId);

    // Subscriptions: owners/admins or write:subscriptions keys change; read:subscriptions keys and members read.
    Subscription subscribe(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug,
                           const std::string& planId, const std::string& userEmail);
    Subscription cancelSubscription(const Principal& actor, const std::string& orgSlug,
                                    const std::string& serviceSlug, const std::string& subscriptionId);
    std::vector<Subscription> subscriptions(const Principal& actor, const std::string& orgSlug,
                                            const std::string& serviceSlug);

    // API keys: owners/admins create and delete, members list and read. Keys never manage keys.
    CreatedApiKey createApiKey(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug,
                               const NewApiKey& request);
    ApiKeyPage apiKeys(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug,
                       int limit, int offset);
    ApiKey apiKey(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug,
                  const std::string& id);
    void removeApiKey(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug,
                      const std::string& id);
    /// The caller a presented key stands for; Unauthenticated for anything
    /// malformed, unknown, wrong, expired or deleted. Records last use (at
    /// most one write a minute per key).
    Principal authenticateApiKey(const std::string& presented);

    struct Target {
        Organization organization;
        Service service;
    };
    /// The service, when `actor` has `minimum` in its organization or is an
    /// API key of it holding `permission` (empty: keys refused). NotFound for
    /// an unknown or invisible service, Forbidden for too low a role or a key
    /// without the permission. Other services of a service (SAML) use it too.
    Target access(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug,
                  Role minimum, const std::string& permission);

private:
    PlanWithCount withCount(Plan plan);
    Plan requirePlan(const Service& service, const std::string& planId);

    ServiceStore& services_;
    OrganizationService& organizations_;
    OrganizationStore& orgStore_;
    UserStore& users_;
    ClientService& clients_;
    ClientDirectory& directory_;
    const crypto::SecretHasher& hasher_;
    AuditLog& audit_;
    const Clock& clock_;
    std::string dummyHash_;
};

} // namespace authcore
