// SPDX-License-Identifier: Apache-2.0
// JSON requests to upstream providers, with one error mapping.
#include "services/upstream_http.hpp"

#include <authcore/error.hpp>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

namespace authcore::upstream {
namespace {

std::string encode(const std::string& value) {
    std::string out;
    // Everything but RFC 3986 unreserved characters is escaped.
    Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]% \"<>\\^`{|}", out);
    return out;
}

Poco::Dynamic::Var fetchJson(HttpClient& http, const OutboundRequest& request, const std::string& what) {
    OutboundResponse response;
    try {
        response = http.send(request);
    } catch (const Error& e) {
        throw Error(ErrorCode::UpstreamError, what + " failed: " + e.what());
    }
    if (response.status != 200)
        throw Error(ErrorCode::UpstreamError, what + " answered HTTP " + std::to_string(response.status));
    try {
        return Poco::JSON::Parser().parse(response.body);
    } catch (const Poco::Exception&) {
        throw Error(ErrorCode::UpstreamError, what + " answered something that is not JSON");
    }
}

} // namespace

std::string formEncode(const Fields& fields) {
    std::string out;
    for (const auto& [name, value] : fields) out += (out.empty() ? "" : "&") + encode(name) + "=" + encode(value);
    return out;
}

std::string withQuery(const std::string& url, const Fields& fields) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") + formEncode(fields);
}

Poco::JSON::Object::Ptr fetchObject(HttpClient& http, const OutboundRequest& request, const std::string& what) {
    const auto json = fetchJson(http, request, what);
    if (json.type() != typeid(Poco::JSON::Object::Ptr))
        throw Error(ErrorCode::UpstreamError, what + " answered JSON that is not an object");
    return json.extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr fetchArray(HttpClient& http, const OutboundRequest& request, const std::string& what) {
    const auto json = fetchJson(http, request, what);
    if (json.type() != typeid(Poco::JSON::Array::Ptr))
        throw Error(ErrorCode::UpstreamError, what + " answered JSON that is not an array");
    return json.extract<Poco::JSON::Array::Ptr>();
}

std::string text(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    if (!object || !object->has(name)) return "";
    const auto value = object->get(name);
    return value.isString() ? value.extract<std::string>() : "";
}

bool flag(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    if (!object || !object->has(name)) return false;
    const auto value = object->get(name);
    if (value.type() == typeid(bool)) return value.extract<bool>();
    return value.isString() && value.extract<std::string>() == "true";
}

crypto::KeySet keysForToken(JwksCache& jwks, const std::string& jwksUrl, const std::string& token) {
    const auto header = crypto::peekJwtPart(token, 0);
    try {
        return jwks.keysFor(jwksUrl, header ? header->string("kid").value_or("") : "");
    } catch (const Error& e) {
        throw Error(ErrorCode::UpstreamError, std::string("the upstream JWKS cannot be fetched: ") + e.what());
    }
}

crypto::VerifyOptions verifyOptions(Timestamp now, const std::string& issuer, const std::string& clientId) {
    crypto::VerifyOptions verify;
    verify.now = now;
    verify.issuer = issuer;
    verify.audience = clientId;
    return verify;
}

} // namespace authcore::upstream
