// SPDX-License-Identifier: Apache-2.0
// PocoHttpClient: libauthcore's outbound HttpClient on Poco::Net, with verified TLS.
#pragma once

#include <authcore/services/http_client.hpp>

#include <Poco/Net/Context.h>

#include <chrono>
#include <cstddef>
#include <string>

namespace authcore::appliance {

struct OutboundClientOptions {
    /// Connect, send and receive timeout; also bounds reading the whole response body.
    std::chrono::milliseconds timeout{5000};
    /// Larger response bodies fail with UpstreamError.
    std::size_t maxResponseBytes = 1024 * 1024;
    /// PEM bundle of trusted CAs for https://; empty means the system store.
    std::string caFile;
};

/// One connection per request (no keep-alive, no redirects, no proxy). https://
/// verifies the peer's chain and host name (TLS 1.2 or later).
class PocoHttpClient final : public authcore::HttpClient {
public:
    /// Throws Error(Internal) when the TLS context cannot be built (e.g. unreadable caFile).
    explicit PocoHttpClient(OutboundClientOptions options = {});
    ~PocoHttpClient() override;
    PocoHttpClient(const PocoHttpClient&) = delete;
    PocoHttpClient& operator=(const PocoHttpClient&) = delete;

    /// See HttpClient::send; any scheme but http/https is UpstreamError too.
    OutboundResponse send(const OutboundRequest& request) override;

private:
    OutboundClientOptions options_;
    Poco::Net::Context::Ptr tls_;
};

} // namespace authcore::appliance
