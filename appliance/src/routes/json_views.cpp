// SPDX-License-Identifier: Apache-2.0
// Model to JSON; never includes password hashes or secret material.
#include "routes/json_views.hpp"

#include <authcore/error.hpp>

#include <initializer_list>
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

} // namespace

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

Role requiredRole(const Poco::JSON::Object::Ptr& body, const std::string& field) {
    auto role = parseRole(requiredString(body, field));
    if (!role) throw Error(ErrorCode::InvalidInput, field + " must be owner, admin or member");
    return *role;
}

} // namespace authcore::appliance
