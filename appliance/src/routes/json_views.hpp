// SPDX-License-Identifier: Apache-2.0
// REST JSON views (snake_case) of model types, and typed field readers.
#pragma once

#include <authcore/model/organization.hpp>
#include <authcore/model/service.hpp>
#include <authcore/model/user.hpp>
#include <authcore/services/organization_service.hpp>
#include <authcore/services/service_catalog.hpp>
#include <authcore/services/sso_login_service.hpp>

#include <Poco/JSON/Array.h>

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

namespace authcore::appliance {

Poco::JSON::Object::Ptr userJson(const User& user);
Poco::JSON::Object::Ptr organizationJson(const Organization& org);
Poco::JSON::Object::Ptr memberJson(const Member& member);
Poco::JSON::Object::Ptr serviceJson(const Service& service);
/// `[{provider, scopes}]`, one entry per provider with scopes.
Poco::JSON::Array::Ptr providerGrantsJson(const Service& service);
Poco::JSON::Object::Ptr planJson(const Plan& plan);
/// `{plan, subscription_count}`.
Poco::JSON::Object::Ptr planWithCountJson(const PlanWithCount& plan);
Poco::JSON::Object::Ptr subscriptionJson(const Subscription& subscription);
/// An API key without its secret or hash; absent times are null.
Poco::JSON::Object::Ptr apiKeyJson(const ApiKey& key);
Poco::JSON::Array::Ptr stringArray(const std::vector<std::string>& values);
/// The SDK-style SSO callbacks' answer (SsoCallbackResponse):
/// `{email, name, subject, user_id, connection_id, jit_provisioned}`.
Poco::JSON::Object::Ptr ssoCallbackJson(const SsoIdentity& identity, const std::string& subject,
                                        const std::string& connectionId);

/// A required string field; Error(InvalidInput) naming the field otherwise.
std::string requiredString(const Poco::JSON::Object::Ptr& body, const std::string& field);
std::optional<std::string> optionalString(const Poco::JSON::Object::Ptr& body, const std::string& field);
/// An array of strings, absent (or null) -> nullopt; InvalidInput naming the field otherwise.
std::optional<std::vector<std::string>> optionalStringList(const Poco::JSON::Object::Ptr& body,
                                                           const std::string& field);
std::vector<std::string> requiredStringList(const Poco::JSON::Object::Ptr& body, const std::string& field);
/// A JSON integer (not a string or a fraction); InvalidInput naming the field otherwise.
std::optional<long long> optionalInteger(const Poco::JSON::Object::Ptr& body, const std::string& field);
long long requiredInteger(const Poco::JSON::Object::Ptr& body, const std::string& field);
/// `value` clamped into int, so that range rules further in still refuse huge values.
int saturatedInt(long long value);
/// A JSON boolean; absent (or null) -> nullopt; InvalidInput naming the field otherwise.
std::optional<bool> optionalBool(const Poco::JSON::Object::Ptr& body, const std::string& field);
/// `{"key": "value", ...}` in the order given; absent (or null) -> nullopt;
/// InvalidInput naming the field for anything but an object of strings.
std::optional<std::vector<std::pair<std::string, std::string>>> optionalStringMap(const Poco::JSON::Object::Ptr& body,
                                                                                  const std::string& field);
/// A role field ("owner"/"admin"/"member"); InvalidInput otherwise.
Role requiredRole(const Poco::JSON::Object::Ptr& body, const std::string& field);

} // namespace authcore::appliance
