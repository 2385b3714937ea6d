// SPDX-License-Identifier: Apache-2.0
// ServiceCatalog: plans and subscriptions.
#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/services/service_catalog.hpp>

#include "services/service_rules.hpp"

namespace authcore {

PlanWithCount ServiceCatalog::withCount(Plan plan) {
    const auto count = services_.activeSubscriptionCount(plan.id);
    return {std::move(plan), count};
}

Plan ServiceCatalog::requirePlan(const Service& service, const std::string& planId) {
    auto plan = services_.findPlan(service.id, planId);
    if (!plan) throw Error(ErrorCode::NotFound, "plan not found");
    return *plan;
}

PlanWithCount ServiceCatalog::createPlan(const Principal& actor, const std::string& orgSlug,
                                         const std::string& serviceSlug, const NewPlan& request) {
    const auto [org, service] = access(actor, orgSlug, serviceSlug, Role::Admin, "write:service");
    rules::checkName(request.name, "name");
    rules::checkPrice(request.priceCents);
    rules::checkCurrency(request.currency);
    rules::checkFeatures(request.features);
    const auto now = clock_.now();
    Plan plan{crypto::randomId("plan_"), service.id, request.name, request.priceCents, request.currency,
              request.features, now, now};
    services_.insertPlan(plan);
    audit_.record(org.id, actor.actor(), "plan.create", plan.id, true);
    return {plan, 0};
}

std::vector<PlanWithCount> ServiceCatalog::plans(const Principal& actor, const std::string& orgSlug,
                                                 const std::string& serviceSlug) {
    const auto service = access(actor, orgSlug, serviceSlug, Role::Member, "read:service").service;
    std::vector<PlanWithCount> out;
    for (auto& plan : services_.listPlans(service.id)) out.push_back(withCount(std::move(plan)));
    return out;
}

PlanWithCount ServiceCatalog::updatePlan(const Principal& actor, const std::string& orgSlug,
                                         const std::string& serviceSlug, const std::string& planId,
                                         const PlanChanges& changes) {
    const auto [org, service] = access(actor, orgSlug, serviceSlug, Role::Admin, "write:service");
    auto plan = requirePlan(service, planId);
    if (changes.name) rules::checkName(*changes.name, "name");
    if (changes.priceCents) rules::checkPrice(*changes.priceCents);
    if (changes.currency) rules::checkCurrency(*changes.currency);
    if (changes.features) rules::checkFeatures(*changes.features);
    plan.name = changes.name.value_or(plan.name);
    plan.priceCents = changes.priceCents.value_or(plan.priceCents);
    plan.currency = changes.currency.value_or(plan.currency);
    plan.features = changes.features.value_or(plan.features);
    plan.updatedAt = clock_.now();
    services_.updatePlan(plan);
    audit_.record(org.id, actor.actor(), "plan.update", plan.id, true);
    return withCount(std::move(plan));
}

void ServiceCatalog::removePlan(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug,
                                const std::string& planId) {
    const auto [org, service] = access(actor, orgSlug, serviceSlug, Role::Admin, "write:service");
    try {
        if (!services_.removePlanWithoutSubscriptions(service.id, planId))
            throw Error(ErrorCode::NotFound, "plan not found");
    } catch (const Error& e) {
        if (e.code() == ErrorCode::Conflict) audit_.record(org.id, actor.actor(), "plan.delete", planId, false);
        throw;
    }
    audit_.record(org.id, actor.actor(), "plan.delete", planId, true);
}

Subscription ServiceCatalog::subscribe(const Principal& actor, const std::string& orgSlug,
                                       const std::string& serviceSlug, const std::string& planId,
                                       const std::string& userEmail) {
    const auto [org, service] = access(actor, orgSlug, serviceSlug, Role::Admin, "write:subscriptions");
    const auto plan = requirePlan(service, planId);
    const auto user = users_.findByEmail(userEmail);
    if (!user) throw Error(ErrorCode::NotFound, "no user with this email");
    const auto now = clock_.now();
    Subscription subscription{crypto::randomId("sub_"), plan.id, user->id, SubscriptionStatus::Active, now, now};
    services_.insertSubscription(subscription);
    audit_.record(org.id, actor.actor(), "subscription.create", subscription.id, true);
    return subscription;
}

Subscription ServiceCatalog::cancelSubscription(const Principal& actor, const std::string& orgSlug,
                                                const std::string& serviceSlug, const std::string& subscriptionId) {
    const auto [org, service] = access(actor, orgSlug, serviceSlug, Role::Admin, "write:subscriptions");
    auto subscription = services_.findSubscription(subscriptionId);
    // A subscription of another service's plan is not this service's to cancel.
    if (!subscription || !services_.findPlan(service.id, subscription->planId))
        throw Error(ErrorCode::NotFound, "subscription not found");
    subscription->status = SubscriptionStatus::Cancelled;
    subscription->updatedAt = clock_.now();
    services_.updateSubscription(*subscription);
    audit_.record(org.id, actor.actor(), "subscription.cancel", subscription->id, true);
    return *subscription;
}

std::vector<Subscription> ServiceCatalog::subscriptions(const Principal& actor, const std::string& orgSlug,
                                                        const std::string& serviceSlug) {
    const auto service = access(actor, orgSlug, serviceSlug, Role::Member, "read:subscriptions").service;
    std::vector<Subscription> out;
    for (const auto& plan : services_.listPlans(service.id))
        for (auto& subscription : services_.listSubscriptions(plan.id)) out.push_back(std::move(subscription));
    return out;
}

} // namespace authcore
