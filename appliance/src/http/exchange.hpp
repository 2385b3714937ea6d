// SPDX-License-Identifier: Apache-2.0
// Exchange: one HTTP request/response with the limits and helpers every route uses.
#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace authcore::appliance {

/// Limits and trust settings every request is handled under.
struct RequestPolicy {
    std::size_t maxBodyBytes = 1024 * 1024;
    std::size_t maxHeaderBytes = 8 * 1024;
    /// Peers whose X-Forwarded-For is believed (load balancers); empty: none.
    std::vector<std::string> trustedProxies;
};

/// Thrown by Exchange parsers for malformed requests; mapped to 400/413.
struct BadRequest {
    int status;
    std::string code;
    std::string message;
};

class Exchange {
public:
    Exchange(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
             const RequestPolicy& policy);

    Poco::Net::HTTPServerRequest& request() { return request_; }
    Poco::Net::HTTPServerResponse& response() { return response_; }
    const std::string& method() const { return request_.getMethod(); }
    const std::string& path() const { return path_; }
    /// The socket peer, or, when the peer is a trusted proxy, the nearest
    /// X-Forwarded-For address that is not itself a trusted proxy.
    std::string clientIp() const;

    /// Path parameters filled by the router (`{org}` -> value).
    std::map<std::string, std::string> params;
    const std::string& param(const std::string& name) const;
    /// First query parameter of that name.
    std::optional<std::string> query(const std::string& name) const;
    /// The query string exactly as received (no '?'), for signatures over its octets.
    const std::string& rawQuery() const { return rawQuery_; }
    std::optional<std::string> header(const std::string& name) const;
    std::optional<std::string> cookie(const std::string& name) const;

    /// The body, read once, at most maxBodyBytes (BadRequest 413 beyond).
    const std::string& body();
    /// The body as a JSON object (BadRequest 400 otherwise).
    Poco::JSON::Object::Ptr jsonBody();
    /// application/x-www-form-urlencoded fields of the body.
    std::map<std::string, std::string> formBody();

    void sendJson(int status, const Poco::JSON::Object& body);
    void sendJson(int status, const std::string& json);
    void sendText(int status, const std::string& contentType, const std::string& text);
    void sendEmpty(int status);
    void redirect(const std::string& location);
    /// Sets a cookie with HttpOnly, SameSite=Lax, Path=/ and Secure when configured.
    void setCookie(const std::string& name, const std::string& value, long maxAgeSeconds, bool secure);
    /// Marks the response as carrying secrets or tokens.
    void noStore();

    bool sent() const { return sent_; }
    int status() const { return status_; }
    /// Route pattern for metrics and logs (set by the router).
    std::string route = "unmatched";

private:
    [[noreturn]] void refuseOversizedBody();
    void send(int status, const std::string& contentType, const std::string& payload);

    Poco::Net::HTTPServerRequest& request_;
    Poco::Net::HTTPServerResponse& response_;
    const RequestPolicy& policy_;
    std::string path_;
    std::string rawQuery_;
    std::optional<std::string> body_;
    bool sent_ = false;
    int status_ = 0;
};

/// Splits and percent-decodes `a=1&b=2`; later duplicates are ignored.
std::map<std::string, std::string> parseUrlEncoded(const std::string& text);
/// Percent-encodes for a query component.
std::string urlEncode(const std::string& text);
/// HTML-escapes for element text and attribute values.
std::string htmlEscape(const std::string& text);

} // namespace authcore::appliance
