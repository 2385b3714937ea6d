// SPDX-License-Identifier: Apache-2.0
// ServiceStore: services with their clients, plans, subscriptions and API keys.
// Throws authcore::Error (Conflict, NotFound, LimitReached, StoreUnavailable).
#pragma once

#include <authcore/model/client.hpp>
#include <authcore/model/service.hpp>

#include <optional>
#include <string>
#include <vector>

namespace authcore {

class ServiceStore {
public:
    virtual ~ServiceStore() = default;

    /// In one transaction that holds the organization's row: LimitReached
    /// when it already has `maxServices`, Conflict when the slug or the
    /// client id is taken; else inserts the client, then the service.
    virtual void insertWithClient(const Service& service, const Client& client, int maxServices) = 0;
    virtual std::optional<Service> find(const std::string& organizationId, const std::string& slug) = 0;
    virtual std::optional<Service> findById(const std::string& id) = 0;
    /// By slug.
    virtual std::vector<Service> listForOrganization(const std::string& organizationId) = 0;
    virtual int countForOrganization(const std::string& organizationId) = 0;
    /// Updates the service and its client's redirect URIs together.
    virtual void update(const Service& service) = 0;
    /// Removes the service, its client, plans, subscriptions, API keys, SAML
    /// configuration and SAML certificates in one transaction. False when it did not exist.
    virtual bool removeWithClient(const std::string& id) = 0;

    /// Conflict when the name is taken within the service.
    virtual void insertPlan(const Plan& plan) = 0;
    virtual std::optional<Plan> findPlan(const std::string& serviceId, const std::string& planId) = 0;
    /// By name.
    virtual std::vector<Plan> listPlans(const std::string& serviceId) = 0;
    virtual void updatePlan(const Plan& plan) = 0;
    /// Deletes the plan unless it has active subscriptions (Conflict, nothing
    /// deleted), checked and done as one statement. False when absent.
    virtual bool removePlanWithoutSubscriptions(const std::string& serviceId, const std::string& planId) = 0;
    virtual int activeSubscriptionCount(const std::string& planId) = 0;

    virtual void insertSubscription(const Subscription& subscription) = 0;
    virtual std::optional<Subscription> findSubscription(const std::string& id) = 0;
    /// The plan's subscriptions, oldest first.
    virtual std::vector<Subscription> listSubscriptions(const std::string& planId) = 0;
    virtual void updateSubscription(const Subscription& subscription) = 0;

    virtual void insertApiKey(const ApiKey& key) = 0;
    virtual std::optional<ApiKey> findApiKey(const std::string& serviceId, const std::string& id) = 0;
    /// The key with this prefix, whatever its service (prefixes are unique).
    virtual std::optional<ApiKey> findApiKeyByPrefix(const std::string& prefix) = 0;
    /// Newest first.
    virtual std::vector<ApiKey> listApiKeys(const std::string& serviceId, int limit, int offset) = 0;
    virtual int countApiKeys(const std::string& serviceId) = 0;
    virtual bool removeApiKey(const std::string& serviceId, const std::string& id) = 0;
    /// Sets last_used_at to `now` unless it is already later than `notBefore`
    /// (so a busy key costs at most one write per interval).
    virtual void touchApiKey(const std::string& id, Timestamp now, Timestamp notBefore) = 0;
};

} // namespace authcore
