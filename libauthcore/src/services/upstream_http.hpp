// SPDX-License-Identifier: Apache-2.0
// JSON over HttpClient for the upstream login, and the keys its tokens are
// verified with: one place that turns a provider's transport failures and odd
// answers into Error(UpstreamError).
#pragma once

#include <authcore/crypto/jwt.hpp>
#include <authcore/services/http_client.hpp>
#include <authcore/services/jwks_cache.hpp>

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

/// The provider's keys for verifying `token`: the JWKS at `jwksUrl`, refetched
/// (rate-limited) when the token's unverified header names an unknown kid.
/// Error(UpstreamError) when the JWKS cannot be had.
crypto::KeySet keysForToken(JwksCache& jwks, const std::string& jwksUrl, const std::string& token);
/// What every token of the provider is checked against: now, its issuer and our client id as audience.
crypto::VerifyOptions verifyOptions(Timestamp now, const std::string& issuer, const std::string& clientId);

/// A string member, or "" when absent or not a string.
std::string text(const Poco::JSON::Object::Ptr& object, const std::string& name);
/// A boolean member; providers differ on true vs "true".
bool flag(const Poco::JSON::Object::Ptr& object, const std::string& name);

} // namespace authcore::upstream
