// SPDX-License-Identifier: Apache-2.0
// HttpClient: outbound HTTP(S) as libauthcore needs it (JWKS, upstream login).
// libauthcore defines the interface; the appliance implements it on Poco.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace authcore {

struct OutboundRequest {
    std::string method = "GET";
    std::string url; ///< http:// or https:// only
    std::vector<std::pair<std::string, std::string>> headers;
    std::string contentType; ///< with a body
    std::string body;
};

struct OutboundResponse {
    int status = 0;
    std::string body;
    /// Header names lower-cased; the last value of a repeated header.
    std::map<std::string, std::string> headers;
};

class HttpClient {
public:
    virtual ~HttpClient() = default;
    /// Sends one request; redirects are not followed. Throws
    /// Error(UpstreamError) when the peer cannot be reached, times out, or
    /// answers with a body over the client's size limit. Any HTTP status is
    /// returned, not thrown.
    virtual OutboundResponse send(const OutboundRequest& request) = 0;
};

} // namespace authcore
