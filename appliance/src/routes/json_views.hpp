// SPDX-License-Identifier: Apache-2.0
// REST JSON views (snake_case) of model types, and typed field readers.
#pragma once

#include <authcore/model/organization.hpp>
#include <authcore/model/user.hpp>
#include <authcore/services/organization_service.hpp>

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>

namespace authcore::appliance {

Poco::JSON::Object::Ptr userJson(const User& user);
Poco::JSON::Object::Ptr organizationJson(const Organization& org);
Poco::JSON::Object::Ptr memberJson(const Member& member);

/// A required string field; Error(InvalidInput) naming the field otherwise.
std::string requiredString(const Poco::JSON::Object::Ptr& body, const std::string& field);
std::optional<std::string> optionalString(const Poco::JSON::Object::Ptr& body, const std::string& field);
/// A role field ("owner"/"admin"/"member"); InvalidInput otherwise.
Role requiredRole(const Poco::JSON::Object::Ptr& body, const std::string& field);

} // namespace authcore::appliance
