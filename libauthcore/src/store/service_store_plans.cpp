// SPDX-License-Identifier: Apache-2.0
// Plans and subscriptions in the SQL store.
#include "store/rows.hpp"
#include "store/service_store_sql.hpp"
#include "store/text_list.hpp"

#include <authcore/error.hpp>

namespace authcore::sql {
namespace {

const std::string kSelectPlans =
    "SELECT id, service_id, name, price_cents, currency, features, created_at, updated_at FROM plans ";
const std::string kSelectSubscriptions =
    "SELECT id, plan_id, user_id, status, created_at, updated_at FROM subscriptions ";

Plan planAt(const RecordSet& rows, std::size_t row) {
    return {textAt(rows, 0, row),  textAt(rows, 1, row),
            textAt(rows, 2, row),  integerAt(rows, 3, row),
            textAt(rows, 4, row),  textListAt(rows, 5, row, "plans.features"),
            timeAt(rows, 6, row),  timeAt(rows, 7, row)};
}

Subscription subscriptionAt(const RecordSet& rows, std::size_t row) {
    return {textAt(rows, 0, row), textAt(rows, 1, row),
            textAt(rows, 2, row), parsedAt(rows, 3, row, "subscriptions.status", parseSubscriptionStatus),
            timeAt(rows, 4, row), timeAt(rows, 5, row)};
}

} // namespace

void ServiceStoreSql::insertPlan(const Plan& plan) {
    executor_.transact("a plan with this name", [&](Session& session) {
        requireRow(session, "services", "id", plan.serviceId, "service");
        session << "INSERT INTO plans (id, service_id, name, price_cents, currency, features, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            kw::bind(plan.id), kw::bind(plan.serviceId), kw::bind(plan.name),
            kw::bind(static_cast<Poco::Int64>(plan.priceCents)), kw::bind(plan.currency),
            kw::bind(encodeTextList(plan.features)), kw::bind(unixSeconds(plan.createdAt)),
            kw::bind(unixSeconds(plan.updatedAt)), kw::now;
    });
}

std::optional<Plan> ServiceStoreSql::findPlan(const std::string& serviceId, const std::string& planId) {
    return selectOne(executor_, kSelectPlans + "WHERE service_id = ? AND id = ?", {serviceId, planId}, planAt);
}

std::vector<Plan> ServiceStoreSql::listPlans(const std::string& serviceId) {
    return selectRows(executor_, kSelectPlans + "WHERE service_id = ? ORDER BY name", {serviceId}, planAt);
}

void ServiceStoreSql::updatePlan(const Plan& plan) {
    executor_.run("a plan with this name", [&](Session& session) {
        Statement statement(session);
        statement << "UPDATE plans SET name = ?, price_cents = ?, currency = ?, features = ?, updated_at = ? "
                     "WHERE id = ? AND service_id = ?",
            kw::bind(plan.name), kw::bind(static_cast<Poco::Int64>(plan.priceCents)), kw::bind(plan.currency),
            kw::bind(encodeTextList(plan.features)), kw::bind(unixSeconds(plan.updatedAt)), kw::bind(plan.id),
            kw::bind(plan.serviceId);
        if (statement.execute() == 0) throw Error(ErrorCode::NotFound, "plan not found");
    });
}

bool ServiceStoreSql::removePlanWithoutSubscriptions(const std::string& serviceId, const std::string& planId) {
    bool removed = false;
    executor_.transact("plan", [&](Session& session) {
        // One statement decides: a subscription created concurrently either
        // lands first (and the delete changes nothing) or fails on the plan's
        // foreign key after it.
        Statement remove(session);
        remove << "DELETE FROM plans WHERE id = ? AND service_id = ? AND NOT EXISTS "
                  "(SELECT 1 FROM subscriptions WHERE plan_id = ? AND status = 'active')",
            kw::bind(planId), kw::bind(serviceId), kw::bind(planId);
        if (remove.execute() > 0) {
            removed = true;
            return;
        }
        Poco::Int64 exists = 0;
        session << "SELECT COUNT(*) FROM plans WHERE id = ? AND service_id = ?", kw::bind(planId),
            kw::bind(serviceId), kw::into(exists), kw::now;
        if (exists > 0) throw Error(ErrorCode::Conflict, "the plan has active subscriptions");
    });
    return removed;
}

int ServiceStoreSql::activeSubscriptionCount(const std::string& planId) {
    return countRows(executor_, "SELECT COUNT(*) FROM subscriptions WHERE plan_id = ? AND status = 'active'",
                     {planId});
}

void ServiceStoreSql::insertSubscription(const Subscription& s) {
    executor_.transact("a subscription with this id", [&](Session& session) {
        requireRow(session, "plans", "id", s.planId, "plan");
        requireRow(session, "users", "id", s.userId, "user");
        session << "INSERT INTO subscriptions (id, plan_id, user_id, status, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
            kw::bind(s.id), kw::bind(s.planId), kw::bind(s.userId),
            kw::bind(std::string(subscriptionStatusName(s.status))), kw::bind(unixSeconds(s.createdAt)),
            kw::bind(unixSeconds(s.updatedAt)), kw::now;
    });
}

std::optional<Subscription> ServiceStoreSql::findSubscription(const std::string& id) {
    return selectOne(executor_, kSelectSubscriptions + "WHERE id = ?", {id}, subscriptionAt);
}

std::vector<Subscription> ServiceStoreSql::listSubscriptions(const std::string& planId) {
    return selectRows(executor_, kSelectSubscriptions + "WHERE plan_id = ? ORDER BY created_at, id", {planId},
                      subscriptionAt);
}

void ServiceStoreSql::updateSubscription(const Subscription& s) {
    const auto changed = changeRows(executor_, "UPDATE subscriptions SET status = ?, updated_at = ? WHERE id = ?",
                                    {std::string(subscriptionStatusName(s.status)),
                                     std::to_string(unixSeconds(s.updatedAt)), s.id});
    if (changed == 0) throw Error(ErrorCode::NotFound, "subscription not found");
}

} // namespace authcore::sql
