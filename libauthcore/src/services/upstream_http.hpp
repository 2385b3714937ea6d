// SPDX-License-Identifier: Apache-2.0
// JSON over HttpClient for the upstream login: one place that turns a
// provider's transport failures and odd answers into Error(UpstreamError).
#pragma once

#include <authcore/services/http_client.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <utility>
#include <vector>

namespace authcore::upstream {

using Fields = std::vector<std::pair<std::string, std::string>>;

/// application/x-www-form-urlencoded of `fields`.
std::string formEncode(const Fields& fields);
/// `url` with `fields` appended as query parameters.
std::string withQuery(const std::string& url, const Fields& fields);

/// Sends `request` and parses a JSON object from a 200 answer; anything else
/// is Error(UpstreamError) naming `what` (never the request's credentials).
Poco::JSON::Object::Ptr fetchObject(HttpClient& http, const OutboundRequest& request, const std::string& what);
/// The same for a JSON array.
Poco::JSON::Array::Ptr fetchArray(HttpClient& http, const OutboundRequest& request, const std::string& what);

/// A string member, or "" when absent or not a string.
std::string text(const Poco::JSON::Object::Ptr& object, const std::string& name);
/// A boolean member; providers differ on true vs "true".
bool flag(const Poco::JSON::Object::Ptr& object, const std::string& name);

} // namespace authcore::upstream
