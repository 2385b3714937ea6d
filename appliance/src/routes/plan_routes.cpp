// SPDX-License-Identifier: Apache-2.0
// Plans of a service and the minimum subscription routes (API.md, seed 000).
#include "routes/json_views.hpp"
#include "routes/routes.hpp"

#include <Poco/JSON/Array.h>

#include <sstream>

namespace authcore::appliance {
namespace {

const std::string kService = "/api/v1/organizations/{org}/services/{svc}";

NewPlan newPlanFrom(const Poco::JSON::Object::Ptr& body) {
    NewPlan request;
    request.name = requiredString(body, "name");
    request.priceCents = requiredInteger(body, "price_cents");
    request.currency = requiredString(body, "currency");
    request.features = optionalStringList(body, "features").value_or(std::vector<std::string>{});
    return request;
}

PlanChanges planChangesFrom(const Poco::JSON::Object::Ptr& body) {
    PlanChanges changes;
    changes.name = optionalString(body, "name");
    changes.priceCents = optionalInteger(body, "price_cents");
    changes.currency = optionalString(body, "currency");
    changes.features = optionalStringList(body, "features");
    return changes;
}

void addSubscriptionRoutes(Router& router, Context& context) {
    auto& catalog = *context.catalog;
    router.add("POST", kService + "/subscriptions", [&context, &catalog](Exchange& ex) {
        const auto principal = requirePrincipal(ex, context);
        const auto body = ex.jsonBody();
        const auto subscription = catalog.subscribe(principal, ex.param("org"), ex.param("svc"),
                                                    requiredString(body, "plan_id"), requiredString(body, "email"));
        ex.sendJson(201, *subscriptionJson(subscription));
    });
    router.add("GET", kService + "/subscriptions", [&context, &catalog](Exchange& ex) {
        const auto principal = requirePrincipal(ex, context);
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& s : catalog.subscriptions(principal, ex.param("org"), ex.param("svc")))
            list->add(subscriptionJson(s));
        Poco::JSON::Object out;
        out.set("subscriptions", list);
        ex.sendJson(200, out);
    });
    router.add("DELETE", kService + "/subscriptions/{id}", [&context, &catalog](Exchange& ex) {
        const auto principal = requirePrincipal(ex, context);
        const auto cancelled = catalog.cancelSubscription(principal, ex.param("org"), ex.param("svc"), ex.param("id"));
        ex.sendJson(200, *subscriptionJson(cancelled));
    });
}

} // namespace

void addPlanRoutes(Router& router, Context& context) {
    auto& catalog = *context.catalog;
    router.add("POST", kService + "/plans", [&context, &catalog](Exchange& ex) {
        const auto principal = requirePrincipal(ex, context);
        const auto plan = catalog.createPlan(principal, ex.param("org"), ex.param("svc"), newPlanFrom(ex.jsonBody()));
        ex.sendJson(201, *planWithCountJson(plan));
    });
    router.add("GET", kService + "/plans", [&context, &catalog](Exchange& ex) {
        const auto principal = requirePrincipal(ex, context);
        Poco::JSON::Array list;
        for (const auto& plan : catalog.plans(principal, ex.param("org"), ex.param("svc")))
            list.add(planWithCountJson(plan));
        std::ostringstream out;
        list.stringify(out);
        ex.sendJson(200, out.str());
    });
    router.add("PATCH", kService + "/plans/{plan_id}", [&context, &catalog](Exchange& ex) {
        const auto principal = requirePrincipal(ex, context);
        const auto changes = planChangesFrom(ex.jsonBody());
        const auto plan = catalog.updatePlan(principal, ex.param("org"), ex.param("svc"), ex.param("plan_id"), changes);
        ex.sendJson(200, *planWithCountJson(plan));
    });
    router.add("DELETE", kService + "/plans/{plan_id}", [&context, &catalog](Exchange& ex) {
        catalog.removePlan(requirePrincipal(ex, context), ex.param("org"), ex.param("svc"), ex.param("plan_id"));
        ex.sendEmpty(204);
    });
    addSubscriptionRoutes(router, context);
}

} // namespace authcore::appliance
