// SPDX-License-Identifier: Apache-2.0
// PocoHttpClient: one bounded, verified HTTP(S) exchange per call.
#include "http/outbound_client.hpp"

#include <authcore/error.hpp>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <istream>
#include <memory>
#include <ostream>

namespace authcore::appliance {
namespace {

using Clock = std::chrono::steady_clock;

// Only the origin goes into messages: paths and queries may carry codes or tokens.
std::string originOf(const Poco::URI& uri) {
    return uri.getScheme() + "://" + uri.getHost() + ":" + std::to_string(uri.getPort());
}

Error upstream(const std::string& where, const std::string& what) {
    return Error(ErrorCode::UpstreamError, "outbound request to " + where + " failed: " + what);
}

std::string lowerCase(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool hasLineBreak(const std::string& s) { return s.find_first_of("\r\n") != std::string::npos; }

Poco::Net::Context::Ptr makeClientContext(const std::string& caFile) {
    Poco::Net::Context::Params params;
    params.caLocation = caFile;
    params.loadDefaultCAs = caFile.empty();
    // STRICT, not RELAXED: under RELAXED Poco skips the host-name check for loopback peers.
    params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
    params.cipherList = "DEFAULT";
    Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    context->enableExtendedCertificateVerification(true);
    return context;
}

Poco::URI parseTarget(const std::string& url) {
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception&) {
        throw upstream("(unparsable URL)", "bad URL");
    }
    if (uri.getScheme() != "http" && uri.getScheme() != "https")
        throw upstream(uri.getScheme() + "://", "only http and https are allowed");
    if (uri.getHost().empty()) throw upstream(uri.getScheme() + "://", "URL has no host");
    return uri;
}

std::unique_ptr<Poco::Net::HTTPClientSession> openSession(const Poco::URI& uri, const Poco::Net::Context::Ptr& tls,
                                                          std::chrono::milliseconds timeout) {
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (uri.getScheme() == "https")
        session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), tls);
    else
        session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    const Poco::Timespan span(std::chrono::duration_cast<std::chrono::microseconds>(timeout).count());
    session->setTimeout(span, span, span);
    return session;
}

Poco::Net::HTTPRequest buildRequest(const OutboundRequest& request, const Poco::URI& uri) {
    const auto target = uri.getPathAndQuery();
    Poco::Net::HTTPRequest out(request.method, target.empty() ? "/" : target, Poco::Net::HTTPMessage::HTTP_1_1);
    out.setKeepAlive(false);
    for (const auto& [name, value] : request.headers) {
        // Poco writes header text verbatim; a line break would smuggle a second header or request.
        if (hasLineBreak(name) || hasLineBreak(value)) throw Error(ErrorCode::Internal, "header with a line break");
        out.add(name, value);
    }
    if (!request.contentType.empty()) out.setContentType(request.contentType);
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH")
        out.setContentLength64(static_cast<Poco::Int64>(request.body.size()));
    return out;
}

// Reads at most limit + 1 bytes, so an endless or oversized body costs no more than that.
std::string readBody(std::istream& in, std::size_t limit, Clock::time_point deadline, const std::string& where) {
    // Without badbit in the mask the stream would swallow a timeout and look like a short body.
    in.exceptions(std::ios::badbit);
    std::string body;
    std::array<char, 16 * 1024> buffer{};
    while (in) {
        const auto want = std::min(buffer.size(), limit + 1 - body.size());
        in.read(buffer.data(), static_cast<std::streamsize>(want));
        body.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
        if (body.size() > limit) throw upstream(where, "response over " + std::to_string(limit) + " bytes");
        // Per-read timeouts alone would let a peer trickle bytes forever.
        if (Clock::now() > deadline) throw upstream(where, "response not complete within the timeout");
    }
    return body;
}

OutboundResponse readResponse(const Poco::Net::HTTPResponse& response, std::istream& in, std::size_t limit,
                              Clock::time_point deadline, const std::string& where) {
    OutboundResponse out;
    out.status = static_cast<int>(response.getStatus());
    out.body = readBody(in, limit, deadline, where);
    // Iteration follows arrival order, so a repeated header keeps its last value.
    for (const auto& [name, value] : response) out.headers[lowerCase(name)] = value;
    return out;
}

} // namespace

PocoHttpClient::PocoHttpClient(OutboundClientOptions options) : options_(std::move(options)) {
    Poco::Net::initializeSSL();
    try {
        tls_ = makeClientContext(options_.caFile);
    } catch (const Poco::Exception& e) {
        Poco::Net::uninitializeSSL();
        throw Error(ErrorCode::Internal, "cannot set up outbound TLS: " + e.displayText());
    }
}

PocoHttpClient::~PocoHttpClient() {
    tls_.reset();
    Poco::Net::uninitializeSSL();
}

OutboundResponse PocoHttpClient::send(const OutboundRequest& request) {
    const auto deadline = Clock::now() + options_.timeout;
    const auto uri = parseTarget(request.url);
    const auto where = originOf(uri);
    try {
        auto session = openSession(uri, tls_, options_.timeout);
        auto httpRequest = buildRequest(request, uri);
        session->sendRequest(httpRequest) << request.body;
        Poco::Net::HTTPResponse response;
        auto& in = session->receiveResponse(response);
        return readResponse(response, in, options_.maxResponseBytes, deadline, where);
    } catch (const Error&) {
        throw;
    } catch (const Poco::Exception& e) {
        throw upstream(where, e.displayText());
    } catch (const std::exception& e) {
        throw upstream(where, e.what());
    }
}

} // namespace authcore::appliance
