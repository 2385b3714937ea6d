// SPDX-License-Identifier: Apache-2.0
// HttpServer: Poco::Net::HTTPServer (TLS through NetSSL when configured) around a Router.
#pragma once

#include "app/logger.hpp"
#include "http/exchange.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

#include <chrono>
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
    /// Stops at once, aborting requests in progress.
    void stop();
    /// Closes the listening socket: new connections are refused from now on,
    /// open ones are served on. Idempotent.
    void stopAccepting();
    /// stopAccepting(), then lets requests in progress finish (responses say
    /// `Connection: close`, idle keep-alive connections are closed) for at
    /// most `limit`, then aborts what is left and stops. Returns how many
    /// requests were still running when the limit was reached (0: a clean drain).
    int drain(std::chrono::milliseconds limit);
    /// True when the server speaks HTTPS.
    bool tlsEnabled() const;
    /// HTTPS only: serves the certificate (+ chain) and key from these PEM
    /// files to every later handshake; open connections keep theirs. On a bad
    /// pair throws std::runtime_error and keeps serving the current one.
    /// Returns the new certificate's SHA-256 fingerprint.
    std::string reloadTls(const std::string& certFile, const std::string& keyFile);
    /// The bound port (useful with port 0).
    unsigned short port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace authcore::appliance
