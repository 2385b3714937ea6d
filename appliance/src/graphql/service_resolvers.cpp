// SPDX-License-Identifier: Apache-2.0
// Part 2: services, plans and API keys. Every call is a ServiceCatalog call,
// the same ones REST makes.
#include "graphql/service_views.hpp"

#include <authcore/error.hpp>

#include <algorithm>
#include <cctype>

namespace authcore::appliance {
namespace {

using graphql::FieldContext;
using graphql::JsonValue;
using graphql::ResolverResult;

ServiceCatalog& catalogOf(const FieldContext& f) { return *callerOf(f).context.catalog; }

std::string lowered(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

NewService newService(const JsonValue& input) {
    return {optionalString(input, "slug").value_or(""),
            optionalString(input, "name").value_or(""),
            lowered(optionalString(input, "serviceType").value_or("")),
            stringsOf(input.find("redirectUris")),
            stringsOf(input.find("githubScopes")),
            stringsOf(input.find("googleScopes")),
            stringsOf(input.find("microsoftScopes"))};
}

ServiceChanges serviceChanges(const JsonValue& input) {
    return {optionalString(input, "name"), optionalStrings(input, "redirectUris"), optionalStrings(input, "githubScopes"),
            optionalStrings(input, "googleScopes"), optionalStrings(input, "microsoftScopes")};
}

NewPlan newPlan(const JsonValue& input) {
    return {optionalString(input, "name").value_or(""), optionalInt(input, "priceCents").value_or(0),
            optionalString(input, "currency").value_or(""), stringsOf(input.find("features"))};
}

PlanChanges planChanges(const JsonValue& input) {
    return {optionalString(input, "name"), optionalInt(input, "priceCents"), optionalString(input, "currency"),
            optionalStrings(input, "features")};
}

NewApiKey newApiKey(const JsonValue& input) {
    const auto days = optionalInt(input, "expiresInDays");
    return {optionalString(input, "name").value_or(""), stringsOf(input.find("permissions")),
            days ? std::optional<int>(static_cast<int>(*days)) : std::nullopt};
}

/// Binds a Mutation whose answer is built by `act(catalog, principal, orgSlug, serviceSlug, field)`.
template <class Act>
void bindServiceMutation(graphql::SchemaBuilder& schema, std::string_view name, Act act) {
    schema.bindField("Mutation", name, guarded([act](const FieldContext& f) -> ResolverResult {
        return act(catalogOf(f), principalOf(f), stringArgument(f, "orgSlug"), f);
    }));
}

void bindServiceFields(graphql::SchemaBuilder& schema) {
    using Node = ServiceNode;
    bindLeaf<Node>(schema, "Service", "id", [](const Node& n) { return JsonValue(n.service.id); });
    bindLeaf<Node>(schema, "Service", "organizationId", [](const Node& n) { return JsonValue(n.service.organizationId); });
    bindLeaf<Node>(schema, "Service", "slug", [](const Node& n) { return JsonValue(n.service.slug); });
    bindLeaf<Node>(schema, "Service", "name", [](const Node& n) { return JsonValue(n.service.name); });
    bindLeaf<Node>(schema, "Service", "serviceType", [](const Node& n) { return serviceTypeEnum(n.service.type); });
    bindLeaf<Node>(schema, "Service", "clientId", [](const Node& n) { return JsonValue(n.service.clientId); });
    bindLeaf<Node>(schema, "Service", "redirectUris", [](const Node& n) { return stringList(n.service.redirectUris); });
    bindLeaf<Node>(schema, "Service", "githubScopes", [](const Node& n) { return stringList(n.service.githubScopes); });
    bindLeaf<Node>(schema, "Service", "googleScopes", [](const Node& n) { return stringList(n.service.googleScopes); });
    bindLeaf<Node>(schema, "Service", "microsoftScopes",
                   [](const Node& n) { return stringList(n.service.microsoftScopes); });
    bindLeaf<Node>(schema, "Service", "createdAt", [](const Node& n) { return JsonValue(formatTimestamp(n.service.createdAt)); });
    bindLeaf<Node>(schema, "Service", "updatedAt", [](const Node& n) { return JsonValue(formatTimestamp(n.service.updatedAt)); });
    schema.bindField("Service", "client", guarded([](const FieldContext& f) -> ResolverResult {
        const auto* n = f.parent().as<ServiceNode>();
        if (!n) return nullptr;
        return clientNode(callerOf(f).context.clients->get(principalOf(f), n->service.clientId), true);
    }));
    schema.bindField("Service", "plans", guarded([](const FieldContext& f) -> ResolverResult {
        const auto* n = f.parent().as<ServiceNode>();
        if (!n) return nullptr;
        auto list = JsonValue::array();
        for (const auto& plan : catalogOf(f).plans(principalOf(f), n->orgSlug, n->service.slug))
            list.push(planWithCountValue(plan));
        return list;
    }));
    schema.bindField("Service", "apiKeys", guarded([](const FieldContext& f) -> ResolverResult {
        const auto* n = f.parent().as<ServiceNode>();
        if (!n) return nullptr;
        const auto limit = static_cast<int>(f.argument("limit") ? f.argument("limit")->asInt() : 50);
        const auto offset = static_cast<int>(f.argument("offset") ? f.argument("offset")->asInt() : 0);
        return apiKeyListValue(catalogOf(f).apiKeys(principalOf(f), n->orgSlug, n->service.slug, limit, offset));
    }));
}

void bindOrganizationServiceFields(graphql::SchemaBuilder& schema) {
    schema.bindField("Organization", "services", guarded([](const FieldContext& f) -> ResolverResult {
        const auto* org = f.parent().as<Organization>();
        if (!org) return nullptr;
        std::vector<ResolverResult> items;
        for (auto& service : catalogOf(f).list(principalOf(f), org->slug))
            items.push_back(serviceNode(std::move(service), org->slug));
        return ResolverResult::list(std::move(items));
    }));
    schema.bindField("Organization", "usage", guarded([](const FieldContext& f) -> ResolverResult {
        const auto* org = f.parent().as<Organization>();
        if (!org) return nullptr;
        const auto usage = catalogOf(f).usage(principalOf(f), org->slug);
        auto json = JsonValue::object();
        json.set("currentServices", static_cast<std::int64_t>(usage.currentServices));
        json.set("maxServices", static_cast<std::int64_t>(usage.maxServices));
        return json;
    }));
}

} // namespace

void bindServiceResolvers(graphql::SchemaBuilder& schema) {
    bindOrganizationServiceFields(schema);
    schema.bindField("Query", "service", guarded([](const FieldContext& f) -> ResolverResult {
        const auto org = stringArgument(f, "orgSlug");
        return serviceNode(catalogOf(f).get(principalOf(f), org, stringArgument(f, "serviceSlug")), org);
    }));
    bindServiceFields(schema);
    bindLeaf<CreatedService>(schema, "CreateServiceResult", "clientId",
                             [](const CreatedService& c) { return JsonValue(c.node.service.clientId); });
    schema.bindField("CreateServiceResult", "service", [](const FieldContext& f) -> ResolverResult {
        const auto* created = f.parent().as<CreatedService>();
        return created ? ResolverResult::object(created->node) : nullptr;
    });
    bindServiceMutation(schema, "createService", [](ServiceCatalog& c, const Principal& p, const std::string& org,
                                                    const FieldContext& f) -> ResolverResult {
        return createServiceResult(c.create(p, org, newService(inputArgument(f))), org);
    });
    bindServiceMutation(schema, "updateService", [](ServiceCatalog& c, const Principal& p, const std::string& org,
                                                    const FieldContext& f) -> ResolverResult {
        return serviceNode(c.update(p, org, stringArgument(f, "serviceSlug"), serviceChanges(inputArgument(f))), org);
    });
    bindServiceMutation(schema, "deleteService", [](ServiceCatalog& c, const Principal& p, const std::string& org,
                                                    const FieldContext& f) -> ResolverResult {
        c.remove(p, org, stringArgument(f, "serviceSlug"));
        return successResponse();
    });
    bindServiceMutation(schema, "createPlan", [](ServiceCatalog& c, const Principal& p, const std::string& org,
                                                 const FieldContext& f) -> ResolverResult {
        return planWithCountValue(c.createPlan(p, org, stringArgument(f, "serviceSlug"), newPlan(inputArgument(f))));
    });
    bindServiceMutation(schema, "updatePlan", [](ServiceCatalog& c, const Principal& p, const std::string& org,
                                                 const FieldContext& f) -> ResolverResult {
        return planWithCountValue(c.updatePlan(p, org, stringArgument(f, "serviceSlug"), stringArgument(f, "planId"),
                                              planChanges(inputArgument(f))));
    });
    bindServiceMutation(schema, "deletePlan", [](ServiceCatalog& c, const Principal& p, const std::string& org,
                                                 const FieldContext& f) -> ResolverResult {
        c.removePlan(p, org, stringArgument(f, "serviceSlug"), stringArgument(f, "planId"));
        return successResponse();
    });
    bindServiceMutation(schema, "createApiKey", [](ServiceCatalog& c, const Principal& p, const std::string& org,
                                                   const FieldContext& f) -> ResolverResult {
        return apiKeyCreatedValue(c.createApiKey(p, org, stringArgument(f, "serviceSlug"), newApiKey(inputArgument(f))));
    });
    bindServiceMutation(schema, "deleteApiKey", [](ServiceCatalog& c, const Principal& p, const std::string& org,
                                                   const FieldContext& f) -> ResolverResult {
        c.removeApiKey(p, org, stringArgument(f, "serviceSlug"), stringArgument(f, "id"));
        return successResponse();
    });
}

} // namespace authcore::appliance
