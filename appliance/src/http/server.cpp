// SPDX-License-Identifier: Apache-2.0
// One request handler for every route: limits, dispatch, error mapping, metrics, access log.
#include "http/server.hpp"

#include "http/error_map.hpp"

#include <authcore/error.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <chrono>

namespace authcore::appliance {
namespace {

void sendError(Exchange& ex, int status, const std::string& code, const std::string& message) {
    Poco::JSON::Object body;
    body.set("error", code);
    body.set("message", message);
    if (status == 401) ex.response().set("WWW-Authenticate", "Bearer");
    ex.sendJson(status, body);
}

std::size_t headerBytes(const Poco::Net::HTTPServerRequest& request) {
    std::size_t total = request.getURI().size();
    for (const auto& [name, value] : request) total += name.size() + value.size() + 4;
    return total;
}

class Dispatcher final : public Poco::Net::HTTPRequestHandler {
public:
    Dispatcher(const Router& router, Metrics& metrics, Logger& logger, const RequestPolicy& policy)
        : router_(router), metrics_(metrics), logger_(logger), policy_(policy) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
        const auto started = std::chrono::steady_clock::now();
        Exchange ex(request, response, policy_);
        try {
            dispatch(ex);
        } catch (const std::exception& e) {
            logger_.error("request failed", {{"route", ex.route}, {"error", e.what()}});
            if (!ex.sent()) sendError(ex, 500, "internal_error", "internal error");
        }
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
        metrics_.observeRequest(Metrics::methodLabel(ex.method()), ex.route, ex.status(), elapsed.count());
        logger_.log(LogLevel::Info, "request",
                    {{"method", ex.method()}, {"path", ex.path()}, {"status", std::to_string(ex.status())},
                     {"ms", std::to_string(elapsed.count() * 1000.0)}, {"ip", ex.clientIp()}});
    }

private:
    void dispatch(Exchange& ex) {
        if (headerBytes(ex.request()) > policy_.maxHeaderBytes) {
            ex.route = "oversized";
            // The body is left unread, so this connection must not carry another request.
            ex.response().setKeepAlive(false);
            return sendError(ex, 431, "invalid_request", "request headers are too large");
        }
        try {
            // Every body is consumed before any answer, whichever it is: unread
            // bytes on a keep-alive connection would be parsed as the next request.
            if (ex.request().hasContentLength() || ex.request().getChunkedTransferEncoding()) ex.body();
            route(ex);
        } catch (const BadRequest& bad) {
            if (!ex.sent()) sendError(ex, bad.status, bad.code, bad.message);
        } catch (const Error& e) {
            if (!ex.sent()) sendServiceError(ex, e);
        }
        if (!ex.sent()) sendError(ex, 500, "internal_error", "no response");
    }

    void route(Exchange& ex) {
        bool methodAllowed = false;
        const Handler* handler = router_.match(ex, methodAllowed);
        if (!handler) {
            if (methodAllowed) return sendError(ex, 405, "invalid_request", "method not allowed");
            return sendError(ex, 404, "not_found", "no such resource");
        }
        (*handler)(ex);
    }

    // Internal and store failures carry database or key details: those go to
    // the log, the caller gets a fixed message.
    void sendServiceError(Exchange& ex, const Error& e) {
        std::string message = e.what();
        if (e.code() == ErrorCode::RateLimited) ex.response().set("Retry-After", std::to_string(e.retryAfterSeconds()));
        if (e.code() == ErrorCode::Internal || e.code() == ErrorCode::StoreUnavailable) {
            logger_.error("request failed", {{"route", ex.route}, {"code", std::string(errorCodeName(e.code()))},
                                             {"error", e.what()}});
            message = e.code() == ErrorCode::Internal ? "internal error" : "the store is unavailable; retry later";
        }
        sendError(ex, httpStatusOf(e.code()), std::string(errorCodeName(e.code())), message);
    }

    const Router& router_;
    Metrics& metrics_;
    Logger& logger_;
    const RequestPolicy& policy_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Factory(const Router& router, Metrics& metrics, Logger& logger, const RequestPolicy& policy)
        : router_(router), metrics_(metrics), logger_(logger), policy_(policy) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new Dispatcher(router_, metrics_, logger_, policy_);
    }

private:
    const Router& router_;
    Metrics& metrics_;
    Logger& logger_;
    const RequestPolicy& policy_;
};

} // namespace

struct HttpServer::Impl {
    ServerOptions options;
    const Router& router;
    Metrics& metrics;
    Logger& logger;
    std::unique_ptr<Poco::ThreadPool> pool;
    std::unique_ptr<Poco::Net::HTTPServer> server;
    unsigned short port = 0;
    bool sslInitialized = false;
};

HttpServer::HttpServer(const ServerOptions& options, const Router& router, Metrics& metrics, Logger& logger)
    : impl_(std::make_unique<Impl>(Impl{options, router, metrics, logger, nullptr, nullptr, 0, false})) {}

HttpServer::~HttpServer() {
    stop();
    if (impl_->sslInitialized) Poco::Net::uninitializeSSL();
}

void HttpServer::start() {
    const Poco::Net::SocketAddress address(impl_->options.address, impl_->options.port);
    std::unique_ptr<Poco::Net::ServerSocket> socket;
    if (!impl_->options.tlsCert.empty()) {
        Poco::Net::initializeSSL();
        impl_->sslInitialized = true;
        Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, impl_->options.tlsKey, impl_->options.tlsCert,
                                   "", Poco::Net::Context::VERIFY_NONE);
        context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
        socket = std::make_unique<Poco::Net::SecureServerSocket>(address, 256, context);
    } else {
        socket = std::make_unique<Poco::Net::ServerSocket>(address, 256);
    }
    impl_->port = socket->address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(impl_->options.threads);
    params->setMaxQueued(1024);
    params->setKeepAlive(true);
    params->setMaxKeepAliveRequests(10000);
    params->setTimeout(Poco::Timespan(30, 0));
    // Poco serves a keep-alive connection on one thread until it closes, so an
    // idle client holds a worker: idle connections are closed after 5 s.
    params->setKeepAliveTimeout(Poco::Timespan(5, 0));
    impl_->pool = std::make_unique<Poco::ThreadPool>(2, impl_->options.threads);
    impl_->server = std::make_unique<Poco::Net::HTTPServer>(
        new Factory(impl_->router, impl_->metrics, impl_->logger, impl_->options.policy), *impl_->pool, *socket,
        params);
    impl_->server->start();
}

void HttpServer::stop() {
    if (impl_ && impl_->server) {
        impl_->server->stopAll(true);
        impl_->server.reset();
        impl_->pool->joinAll();
    }
}

unsigned short HttpServer::port() const { return impl_->port; }

} // namespace authcore::appliance
