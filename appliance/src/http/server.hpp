// SPDX-License-Identifier: Apache-2.0
// HttpServer: Poco::Net::HTTPServer (TLS through NetSSL when configured) around a Router.
#pragma once

#include "app/logger.hpp"
#include "http/exchange.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

#include <memory>
#include <string>

namespace authcore::appliance {

struct ServerOptions {
    std::string address = "127.0.0.1";
    unsigned short port = 8080; ///< 0: any free port (tests)
    int threads = 16;
    std::string tlsCert; ///< PEM files; both empty: plain HTTP
    std::string tlsKey;
    RequestPolicy policy;
};

class HttpServer {
public:
    HttpServer(const ServerOptions& options, const Router& router, Metrics& metrics, Logger& logger);
    ~HttpServer();
    /// Binds and starts accepting; throws on a bind failure.
    void start();
    void stop();
    /// The bound port (useful with port 0).
    unsigned short port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace authcore::appliance
