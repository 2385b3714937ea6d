// SPDX-License-Identifier: Apache-2.0
// ServiceStoreSql: ServiceStore on the SQL executor (services here; plans,
// subscriptions and API keys in service_store_plans.cpp and service_store_keys.cpp).
#pragma once

#include "store/executor.hpp"

#include <authcore/store/service_store.hpp>

namespace authcore::sql {

class ServiceStoreSql final : public ServiceStore {
public:
    explicit ServiceStoreSql(Executor& executor) : executor_(executor) {}

    void insertWithClient(const Service& service, const Client& client, int maxServices) override;
    std::optional<Service> find(const std::string& organizationId, const std::string& slug) override;
    std::optional<Service> findById(const std::string& id) override;
    std::vector<Service> listForOrganization(const std::string& organizationId) override;
    int countForOrganization(const std::string& organizationId) override;
    void update(const Service& service) override;
    bool removeWithClient(const std::string& id) override;

    void insertPlan(const Plan& plan) override;
    std::optional<Plan> findPlan(const std::string& serviceId, const std::string& planId) override;
    std::vector<Plan> listPlans(const std::string& serviceId) override;
    void updatePlan(const Plan& plan) override;
    bool removePlanWithoutSubscriptions(const std::string& serviceId, const std::string& planId) override;
    int activeSubscriptionCount(const std::string& planId) override;

    void insertSubscription(const Subscription& subscription) override;
    std::optional<Subscription> findSubscription(const std::string& id) override;
    std::vector<Subscription> listSubscriptions(const std::string& planId) override;
    void updateSubscription(const Subscription& subscription) override;

    void insertApiKey(const ApiKey& key) override;
    std::optional<ApiKey> findApiKey(const std::string& serviceId, const std::string& id) override;
    std::optional<ApiKey> findApiKeyByPrefix(const std::string& prefix) override;
    std::vector<ApiKey> listApiKeys(const std::string& serviceId, int limit, int offset) override;
    int countApiKeys(const std::string& serviceId) override;
    bool removeApiKey(const std::string& serviceId, const std::string& id) override;
    void touchApiKey(const std::string& id, Timestamp now, Timestamp notBefore) override;

private:
    Executor& executor_;
};

/// COUNT(*) of `sql` with `parameters`.
int countRows(Executor& executor, const std::string& sql, const std::vector<std::string>& parameters);

} // namespace authcore::sql
