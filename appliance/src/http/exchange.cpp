// SPDX-License-Identifier: Apache-2.0
// Request parsing with limits, and response helpers.
#include "http/exchange.hpp"

#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <algorithm>
#include <istream>
#include <sstream>

namespace authcore::appliance {
namespace {
constexpr std::size_t kMaxJsonDepth = 32;
} // namespace

Exchange::Exchange(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                   const RequestPolicy& policy)
    : request_(request), response_(response), policy_(policy) {
    const auto& uri = request.getURI();
    const auto q = uri.find('?');
    try {
        Poco::URI::decode(uri.substr(0, q), path_);
    } catch (...) {
        path_ = "/";
    }
    if (q != std::string::npos) rawQuery_ = uri.substr(q + 1);
}

std::string Exchange::clientIp() const {
    const auto& proxies = policy_.trustedProxies;
    const auto trusted = [&proxies](const std::string& ip) {
        return std::find(proxies.begin(), proxies.end(), ip) != proxies.end();
    };
    std::string ip = request_.clientAddress().host().toString();
    if (!trusted(ip) || !request_.has("X-Forwarded-For")) return ip;
    // Repeated headers form one list in order (RFC 9110 §5.3); a proxy may add
    // its own line after the client's, so all of them are joined.
    std::string chain;
    for (auto it = request_.find("X-Forwarded-For"); it != request_.end() && Poco::icompare(it->first, "X-Forwarded-For") == 0; ++it)
        chain += (chain.empty() ? "" : ",") + it->second;
    // Walk from the right: each hop was appended by the proxy before it, and
    // only hops added by our own proxies can be believed.
    std::size_t end = chain.size();
    while (end > 0) {
        const auto comma = chain.rfind(',', end - 1);
        const auto begin = comma == std::string::npos ? 0 : comma + 1;
        auto hop = chain.substr(begin, end - begin);
        hop.erase(0, hop.find_first_not_of(" \t"));
        hop.erase(hop.find_last_not_of(" \t") + 1);
        Poco::Net::IPAddress parsed;
        if (!Poco::Net::IPAddress::tryParse(hop, parsed)) return ip;
        ip = parsed.toString();
        if (!trusted(ip) || comma == std::string::npos) return ip;
        end = comma;
    }
    return ip;
}

const std::string& Exchange::param(const std::string& name) const {
    static const std::string empty;
    auto it = params.find(name);
    return it == params.end() ? empty : it->second;
}

std::optional<std::string> Exchange::query(const std::string& name) const {
    auto fields = parseUrlEncoded(rawQuery_);
    auto it = fields.find(name);
    if (it == fields.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> Exchange::header(const std::string& name) const {
    if (!request_.has(name)) return std::nullopt;
    return request_.get(name);
}

std::optional<std::string> Exchange::cookie(const std::string& name) const {
    Poco::Net::NameValueCollection cookies;
    request_.getCookies(cookies);
    if (!cookies.has(name)) return std::nullopt;
    return cookies.get(name);
}

// Reading (and dropping) a bounded rest of an oversized body lets the client,
// still uploading, receive the 413 instead of a connection reset.
void Exchange::refuseOversizedBody() {
    constexpr std::size_t kDrainLimit = 16 * 1024 * 1024;
    char buffer[16384];
    std::size_t drained = 0;
    auto& in = request_.stream();
    while (drained < kDrainLimit && (in.read(buffer, sizeof buffer) || in.gcount() > 0))
        drained += static_cast<std::size_t>(in.gcount());
    response_.setKeepAlive(false);
    throw BadRequest{413, "payload_too_large", "request body is larger than the limit"};
}

const std::string& Exchange::body() {
    if (body_) return *body_;
    if (request_.hasContentLength() && request_.getContentLength64() > static_cast<Poco::Int64>(policy_.maxBodyBytes))
        refuseOversizedBody();
    std::string data;
    char buffer[8192];
    auto& in = request_.stream();
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        data.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (data.size() > policy_.maxBodyBytes) refuseOversizedBody();
    }
    body_ = std::move(data);
    return *body_;
}

Poco::JSON::Object::Ptr Exchange::jsonBody() {
    const auto& text = body();
    try {
        // Objects keep their members' order: some maps are ordered (a SAML attribute_mapping).
        Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
        parser.setDepth(kMaxJsonDepth);
        auto value = parser.parse(text);
        auto object = value.extract<Poco::JSON::Object::Ptr>();
        if (object) return object;
    } catch (...) {
    }
    throw BadRequest{400, "invalid_request", "request body must be a JSON object"};
}

std::map<std::string, std::string> Exchange::formBody() { return parseUrlEncoded(body()); }

void Exchange::send(int status, const std::string& contentType, const std::string& payload) {
    response_.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    if (!contentType.empty()) response_.setContentType(contentType);
    response_.setContentLength64(static_cast<Poco::Int64>(payload.size()));
    response_.set("X-Content-Type-Options", "nosniff");
    auto& out = response_.send();
    if (method() != "HEAD") out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
    sent_ = true;
    status_ = status;
}

void Exchange::sendJson(int status, const Poco::JSON::Object& body) {
    std::ostringstream out;
    body.stringify(out);
    send(status, "application/json", out.str());
}

void Exchange::sendJson(int status, const std::string& json) { send(status, "application/json", json); }

void Exchange::sendText(int status, const std::string& contentType, const std::string& text) {
    send(status, contentType, text);
}

void Exchange::sendEmpty(int status) { send(status, "", ""); }

void Exchange::redirect(const std::string& location) {
    response_.set("Location", location);
    send(302, "", "");
}

void Exchange::setCookie(const std::string& name, const std::string& value, long maxAgeSeconds, bool secure) {
    std::string header = name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax";
    header += "; Max-Age=" + std::to_string(maxAgeSeconds);
    if (secure) header += "; Secure";
    response_.add("Set-Cookie", header);
}

void Exchange::noStore() {
    response_.set("Cache-Control", "no-store");
    response_.set("Pragma", "no-cache");
}

std::map<std::string, std::string> parseUrlEncoded(const std::string& text) {
    std::map<std::string, std::string> fields;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('&', start);
        if (end == std::string::npos) end = text.size();
        const auto pair = text.substr(start, end - start);
        if (!pair.empty()) {
            const auto eq = pair.find('=');
            std::string key, value;
            try {
                auto rawKey = pair.substr(0, eq);
                auto rawValue = eq == std::string::npos ? std::string() : pair.substr(eq + 1);
                std::replace(rawKey.begin(), rawKey.end(), '+', ' ');
                std::replace(rawValue.begin(), rawValue.end(), '+', ' ');
                Poco::URI::decode(rawKey, key);
                Poco::URI::decode(rawValue, value);
                fields.emplace(key, value);
            } catch (...) {
                // A malformed escape drops that field only.
            }
        }
        start = end + 1;
    }
    return fields;
}

std::string urlEncode(const std::string& text) {
    std::string out;
    Poco::URI::encode(text, "!#$&'()*+,/:;=?@[]", out);
    return out;
}

std::string htmlEscape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

} // namespace authcore::appliance
