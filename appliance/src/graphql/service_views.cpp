// SPDX-License-Identifier: Apache-2.0
// JSON shapes of plans and API keys (camelCase, as the schema has them).
#include "graphql/service_views.hpp"

#include <algorithm>
#include <cctype>

namespace authcore::appliance {
namespace {

using graphql::JsonValue;

graphql::JsonValue optionalTimeJson(const std::optional<Timestamp>& time) {
    return time ? JsonValue(formatTimestamp(*time)) : JsonValue();
}

JsonValue planJson(const Plan& plan) {
    auto json = JsonValue::object();
    json.set("id", plan.id);
    json.set("serviceId", plan.serviceId);
    json.set("name", plan.name);
    json.set("priceCents", static_cast<std::int64_t>(plan.priceCents));
    json.set("currency", plan.currency);
    json.set("features", stringList(plan.features));
    json.set("createdAt", formatTimestamp(plan.createdAt));
    json.set("updatedAt", formatTimestamp(plan.updatedAt));
    return json;
}

/// The fields ApiKey and ApiKeyCreated share.
JsonValue apiKeyBase(const ApiKey& key) {
    auto json = JsonValue::object();
    json.set("id", key.id);
    json.set("prefix", key.prefix);
    json.set("name", key.name);
    json.set("permissions", stringList(key.permissions));
    json.set("expiresAt", optionalTimeJson(key.expiresAt));
    json.set("createdAt", formatTimestamp(key.createdAt));
    return json;
}

} // namespace

graphql::ResolverResult serviceNode(Service service, const std::string& orgSlug) {
    return graphql::ResolverResult::object(ServiceNode{std::move(service), orgSlug});
}

graphql::ResolverResult createServiceResult(Service service, const std::string& orgSlug) {
    return graphql::ResolverResult::object(CreatedService{ServiceNode{std::move(service), orgSlug}});
}

JsonValue serviceTypeEnum(ServiceType type) {
    std::string name(serviceTypeName(type));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
    return name;
}

JsonValue stringList(const std::vector<std::string>& items) {
    auto list = JsonValue::array();
    for (const auto& item : items) list.push(item);
    return list;
}

JsonValue planWithCountValue(const PlanWithCount& plan) {
    auto json = JsonValue::object();
    json.set("plan", planJson(plan.plan));
    json.set("subscriptionCount", static_cast<std::int64_t>(plan.subscriptionCount));
    return json;
}

JsonValue apiKeyListValue(const ApiKeyPage& page) {
    auto keys = JsonValue::array();
    for (const auto& key : page.keys) {
        auto json = apiKeyBase(key);
        json.set("lastUsedAt", optionalTimeJson(key.lastUsedAt));
        keys.push(std::move(json));
    }
    auto json = JsonValue::object();
    json.set("apiKeys", std::move(keys));
    json.set("total", static_cast<std::int64_t>(page.total));
    return json;
}

JsonValue apiKeyCreatedValue(const CreatedApiKey& created) {
    auto json = apiKeyBase(created.key);
    json.set("key", created.fullKey);
    return json;
}

} // namespace authcore::appliance
