// SPDX-License-Identifier: Apache-2.0
// A minimal HTTP/1.1 client for tests (Poco), loopback only.
#pragma once

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace authcore::test {

struct HttpResult {
    int status = 0;
    std::string body;
    std::multimap<std::string, std::string> headers;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
    std::vector<std::string> all(const std::string& name) const {
        std::vector<std::string> out;
        auto [b, e] = headers.equal_range(name);
        for (auto it = b; it != e; ++it) out.push_back(it->second);
        return out;
    }
};

inline HttpResult httpRequest(unsigned short port, const std::string& method, const std::string& target,
                              const std::string& body = "", const std::map<std::string, std::string>& headers = {},
                              const std::string& contentType = "application/json") {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [k, v] : headers) request.set(k, v);
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        request.setContentType(contentType);
        request.setContentLength64(static_cast<Poco::Int64>(body.size()));
    }
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    auto& in = session.receiveResponse(response);
    HttpResult result;
    result.status = static_cast<int>(response.getStatus());
    for (const auto& [k, v] : response) result.headers.emplace(k, v);
    std::ostringstream out;
    Poco::StreamCopier::copyStream(in, out);
    result.body = out.str();
    return result;
}

} // namespace authcore::test
