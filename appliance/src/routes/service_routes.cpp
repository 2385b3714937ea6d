// SPDX-License-Identifier: Apache-2.0
// Services of an organization and their client secret (API.md, seed 000).
#include "routes/json_views.hpp"
#include "routes/routes.hpp"

#include <Poco/JSON/Array.h>

namespace authcore::appliance {
namespace {

const std::string kServices = "/api/v1/organizations/{org}/services";
const std::string kService = kServices + "/{svc}";

NewService newServiceFrom(const Poco::JSON::Object::Ptr& body) {
    NewService request;
    request.slug = requiredString(body, "slug");
    request.name = requiredString(body, "name");
    request.serviceType = requiredString(body, "service_type");
    request.redirectUris = requiredStringList(body, "redirect_uris");
    request.githubScopes = optionalStringList(body, "github_scopes").value_or(std::vector<std::string>{});
    request.googleScopes = optionalStringList(body, "google_scopes").value_or(std::vector<std::string>{});
    request.microsoftScopes = optionalStringList(body, "microsoft_scopes").value_or(std::vector<std::string>{});
    return request;
}

ServiceChanges serviceChangesFrom(const Poco::JSON::Object::Ptr& body) {
    ServiceChanges changes;
    changes.name = optionalString(body, "name");
    changes.redirectUris = optionalStringList(body, "redirect_uris");
    changes.githubScopes = optionalStringList(body, "github_scopes");
    changes.googleScopes = optionalStringList(body, "google_scopes");
    changes.microsoftScopes = optionalStringList(body, "microsoft_scopes");
    return changes;
}

void addServiceCrud(Router& router, Context& context) {
    auto& catalog = *context.catalog;
    router.add("POST", kServices, [&context, &catalog](Exchange& ex) {
        const auto principal = requirePrincipal(ex, context);
        const auto service = catalog.create(principal, ex.param("org"), newServiceFrom(ex.jsonBody()));
        Poco::JSON::Object out;
        out.set("service", serviceJson(service));
        out.set("client_id", service.clientId);
        ex.sendJson(201, out);
    });
    router.add("GET", kServices, [&context, &catalog](Exchange& ex) {
        const auto principal = requirePrincipal(ex, context);
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& service : catalog.list(principal, ex.param("org"))) list->add(serviceJson(service));
        const auto usage = catalog.usage(principal, ex.param("org"));
        Poco::JSON::Object::Ptr usageJson = new Poco::JSON::Object;
        usageJson->set("current_services", usage.currentServices);
        usageJson->set("max_services", usage.maxServices);
        Poco::JSON::Object out;
        out.set("services", list);
        out.set("usage", usageJson);
        ex.sendJson(200, out);
    });
    router.add("GET", kService, [&context, &catalog](Exchange& ex) {
        const auto principal = requirePrincipal(ex, context);
        const auto service = catalog.get(principal, ex.param("org"), ex.param("svc"));
        Poco::JSON::Array::Ptr plans = new Poco::JSON::Array;
        for (const auto& plan : catalog.plans(principal, ex.param("org"), ex.param("svc")))
            plans->add(planJson(plan.plan));
        Poco::JSON::Object out;
        out.set("service", serviceJson(service));
        out.set("provider_grants", providerGrantsJson(service));
        out.set("plans", plans);
        ex.sendJson(200, out);
    });
    router.add("PATCH", kService, [&context, &catalog](Exchange& ex) {
        const auto principal = requirePrincipal(ex, context);
        const auto changes = serviceChangesFrom(ex.jsonBody());
        ex.sendJson(200, *serviceJson(catalog.update(principal, ex.param("org"), ex.param("svc"), changes)));
    });
    router.add("DELETE", kService, [&context, &catalog](Exchange& ex) {
        catalog.remove(requirePrincipal(ex, context), ex.param("org"), ex.param("svc"));
        ex.sendEmpty(204);
    });
}

} // namespace

void addServiceRoutes(Router& router, Context& context) {
    addServiceCrud(router, context);
    auto& catalog = *context.catalog;
    router.add("POST", kService + "/client-secret", [&context, &catalog](Exchange& ex) {
        ex.noStore();
        const auto principal = requirePrincipal(ex, context);
        const auto secret = catalog.generateClientSecret(principal, ex.param("org"), ex.param("svc"));
        Poco::JSON::Object out;
        out.set("client_secret", secret.secret);
        out.set("slot", secret.slot);
        ex.sendJson(200, out);
    });
}

} // namespace authcore::appliance
