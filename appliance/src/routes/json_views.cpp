// SPDX-License-Identifier: Apache-2.0
// Model to JSON; never includes password hashes or secret material.
#include "routes/json_views.hpp"

#include <authcore/error.hpp>

namespace authcore::appliance {

Poco::JSON::Object::Ptr userJson(const User& user) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", user.id);
    o->set("email", user.email);
    o->set("name", user.name);
    o->set("email_verified", user.emailVerified);
    o->set("system_admin", user.systemAdmin);
    o->set("created_at", formatTimestamp(user.createdAt));
    return o;
}

Poco::JSON::Object::Ptr organizationJson(const Organization& org) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", org.id);
    o->set("slug", org.slug);
    o->set("name", org.name);
    o->set("max_services", org.maxServices);
    o->set("created_at", formatTimestamp(org.createdAt));
    o->set("updated_at", formatTimestamp(org.updatedAt));
    return o;
}

Poco::JSON::Object::Ptr memberJson(const Member& member) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("user_id", member.user.id);
    o->set("email", member.user.email);
    o->set("name", member.user.name);
    o->set("role", std::string(roleName(member.membership.role)));
    o->set("created_at", formatTimestamp(member.membership.createdAt));
    return o;
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
