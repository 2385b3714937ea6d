// SPDX-License-Identifier: Apache-2.0
// Model to JSON; never includes password hashes or secret material.
#include "routes/json_views.hpp"

#include <authcore/error.hpp>

#include <algorithm>
#include <initializer_list>
#include <limits>
#include <string>
#include <utility>

namespace authcore::appliance {

namespace {

/// An object with `members`, each a name and its value.
Poco::JSON::Object::Ptr jsonObject(std::initializer_list<std::pair<std::string, Poco::Dynamic::Var>> members) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    for (const auto& [name, value] : members) o->set(name, value);
    return o;
}

/// The timestamp, or null when absent.
Poco::Dynamic::Var optionalTimestamp(const std::optional<Timestamp>& t) {
    return t ? Poco::Dynamic::Var(formatTimestamp(*t)) : Poco::Dynamic::Var();
}

} // namespace

Poco::JSON::Object::Ptr ssoCallbackJson(const SsoIdentity& identity, const std::string& subject,
                                        const std::string& connectionId) {
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("email", identity.email);
    out->set("name", identity.name);
    out->set("subject", subject);
    out->set("user_id", identity.user.id);
    out->set("connection_id", connectionId);
    out->set("jit_provisioned", identity.jitProvisioned);
    return out;
}

Poco::JSON::Object::Ptr userJson(const User& user) {
    return jsonObject({
        {"id", user.id},
        {"email", user.email},
        {"name", user.name},
        {"email_verified", user.emailVerified},
        {"system_admin", user.systemAdmin},
        {"created_at", formatTimestamp(user.createdAt)},
    });
}

Poco::JSON::Object::Ptr organizationJson(const Organization& org) {
    return jsonObject({
        {"id", org.id},
        {"slug", org.slug},
        {"name", org.name},
        {"max_services", org.maxServices},
        {"created_at", formatTimestamp(org.createdAt)},
        {"updated_at", formatTimestamp(org.updatedAt)},
    });
}

Poco::JSON::Object::Ptr memberJson(const Member& member) {
    return jsonObject({
        {"user_id", member.user.id},
        {"email", member.user.email},
        {"name", member.user.name},
        {"role", std::string(roleName(member.membership.role))},
        {"created_at", formatTimestamp(member.membership.createdAt)},
    });
}

Poco::JSON::Array::Ptr stringArray(const std::vector<std::string>& values) {
    Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
    for (const auto& v : values) array->add(v);
    return array;
}

Poco::JSON::Object::Ptr serviceJson(const Service& service) {
    return jsonObject({
        {"id", service.id},
        {"organization_id", service.organizationId},
        {"slug", service.slug},
        {"name", service.name},
        {"service_type", std::string(serviceTypeName(service.type))},
        {"client_id", service.clientId},
        {"redirect_uris", stringArray(service.redirectUris)},
        {"github_scopes", stringArray(service.githubScopes)},
        {"google_scopes", stringArray(service.googleScopes)},
        {"microsoft_scopes", stringArray(service.microsoftScopes)},
        {"created_at", formatTimestamp(service.createdAt)},
        {"updated_at", formatTimestamp(service.updatedAt)},
    });
}

Poco::JSON::Array::Ptr providerGrantsJson(const Service& service) {
    Poco::JSON::Array::Ptr grants = new Poco::JSON::Array;
    for (const auto& grant : providerGrants(service))
        grants->add(jsonObject({{"provider", grant.provider}, {"scopes", stringArray(grant.scopes)}}));
    return grants;
}

Poco::JSON::Object::Ptr planJson(const Plan& plan) {
    return jsonObject({
        {"id", plan.id},
        {"service_id", plan.serviceId},
        {"name", plan.name},
        {"price_cents", static_cast<Poco::Int64>(plan.priceCents)},
        {"currency", plan.currency},
        {"features", stringArray(plan.features)},
        {"created_at", formatTimestamp(plan.createdAt)},
        {"updated_at", formatTimestamp(plan.updatedAt)},
    });
}

Poco::JSON::Object::Ptr planWithCountJson(const PlanWithCount& plan) {
    return jsonObject({{"plan", planJson(plan.plan)}, {"subscription_count", plan.subscriptionCount}});
}

Poco::JSON::Object::Ptr subscriptionJson(const Subscription& subscription) {
    return jsonObject({
        {"id", subscription.id},
        {"plan_id", subscription.planId},
        {"user_id", subscription.userId},
        {"status", std::string(subscriptionStatusName(subscription.status))},
        {"created_at", formatTimestamp(subscription.createdAt)},
        {"updated_at", formatTimestamp(subscription.updatedAt)},
    });
}

Poco::JSON::Object::Ptr apiKeyJson(const ApiKey& key) {
    return jsonObject({
        {"id", key.id},
        {"prefix", key.prefix},
        {"name", key.name},
        {"permissions", stringArray(key.permissions)},
        {"expires_at", optionalTimestamp(key.expiresAt)},
        {"last_used_at", optionalTimestamp(key.lastUsedAt)},
        {"created_at", formatTimestamp(key.createdAt)},
    });
}

std::optional<std::vector<std::string>> optionalStringList(const Poco::JSON::Object::Ptr& body,
                                                           const std::string& field) {
    if (!body->has(field) || body->isNull(field)) return std::nullopt;
    const auto array = body->getArray(field);
    if (!array) throw Error(ErrorCode::InvalidInput, field + " must be an array of strings");
    std::vector<std::string> values;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const auto item = array->get(static_cast<unsigned>(i));
        if (!item.isString()) throw Error(ErrorCode::InvalidInput, field + " must be an array of strings");
        values.push_back(item.extract<std::string>());
    }
    return values;
}

std::vector<std::string> requiredStringList(const Poco::JSON::Object::Ptr& body, const std::string& field) {
    auto values = optionalStringList(body, field);
    if (!values) throw Error(ErrorCode::InvalidInput, field + " is required");
    return *values;
}

std::optional<long long> optionalInteger(const Poco::JSON::Object::Ptr& body, const std::string& field) {
    if (!body->has(field) || body->isNull(field)) return std::nullopt;
    const auto value = body->get(field);
    if (!value.isInteger() || value.isBoolean()) throw Error(ErrorCode::InvalidInput, field + " must be an integer");
    return value.convert<Poco::Int64>();
}

long long requiredInteger(const Poco::JSON::Object::Ptr& body, const std::string& field) {
    auto value = optionalInteger(body, field);
    if (!value) throw Error(ErrorCode::InvalidInput, field + " is required");
    return *value;
}

int saturatedInt(long long value) {
    return static_cast<int>(
        std::clamp<long long>(value, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

std::optional<std::string> optionalString(const Poco::JSON::Object::Ptr& body, const std::string& field) {
    if (!body->has(field) || body->isNull(field)) return std::nullopt;
    const auto value = body->get(field);
    if (!value.isString()) throw Error(ErrorCode::InvalidInput, field + " must be a string");
    return value.extract<std::string>();
}

std::string requiredString(const Poco::JSON::Object::Ptr& body, const std::string& field) {
    auto value = optionalString(body, field);
    if (!value) throw Error(ErrorCode::InvalidInput, field + " is required");
    return *value;
}

std::optional<bool> optionalBool(const Poco::JSON::Object::Ptr& body, const std::string& field) {
    if (!body->has(field) || body->isNull(field)) return std::nullopt;
    const auto value = body->get(field);
    if (!value.isBoolean()) throw Error(ErrorCode::InvalidInput, field + " must be true or false");
    return value.extract<bool>();
}

std::optional<std::vector<std::pair<std::string, std::string>>> optionalStringMap(const Poco::JSON::Object::Ptr& body,
                                                                                  const std::string& field) {
    if (!body->has(field) || body->isNull(field)) return std::nullopt;
    const auto object = body->getObject(field);
    if (!object) throw Error(ErrorCode::InvalidInput, field + " must be a JSON object of names to strings");
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& key : object->getNames()) {
        const auto value = object->get(key);
        if (!value.isString())
            throw Error(ErrorCode::InvalidInput, field + ": the value for '" + key.substr(0, 64) + "' must be a string");
        pairs.emplace_back(key, value.extract<std::string>());
    }
    return pairs;
}

Role requiredRole(const Poco::JSON::Object::Ptr& body, const std::string& field) {
    auto role = parseRole(requiredString(body, field));
    if (!role) throw Error(ErrorCode::InvalidInput, field + " must be owner, admin or member");
    return *role;
}

} // namespace authcore::appliance
