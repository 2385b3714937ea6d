// SPDX-License-Identifier: Apache-2.0
// One request handler for every route: limits, dispatch, error mapping, metrics, access log.
#include "http/server.hpp"

#include "http/error_map.hpp"
#include "http/tls_identity.hpp"

#include <authcore/error.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <set>
#include <sys/socket.h>
#include <thread>

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

// What a drain needs to know about the requests in progress: their sockets,
// so that those still running at the deadline can be cut. Poco's own
// stopAll(true) cannot do it while stopAll(false) waits on the same connection.
class DrainState {
public:
    std::atomic<bool> draining{false};

    void enter(int fd) {
        std::lock_guard lock(mutex_);
        sockets_.insert(fd);
    }
    void leave(int fd) {
        std::lock_guard lock(mutex_);
        sockets_.erase(sockets_.find(fd));
    }
    int running() {
        std::lock_guard lock(mutex_);
        return static_cast<int>(sockets_.size());
    }
    // A registered descriptor is open: its handler is still running. shutdown(2)
    // on the descriptor, not SSL_shutdown, which must not race the handler's SSL_read.
    void abortAll() {
        std::lock_guard lock(mutex_);
        for (int fd : sockets_) ::shutdown(fd, SHUT_RDWR);
    }

private:
    std::mutex mutex_;
    std::multiset<int> sockets_;
};

class RunningRequest {
public:
    RunningRequest(DrainState& state, Poco::Net::HTTPServerRequest& request)
        : state_(state), fd_(static_cast<int>(
                             static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket().impl()->sockfd())) {
        state_.enter(fd_);
    }
    ~RunningRequest() { state_.leave(fd_); }
    RunningRequest(const RunningRequest&) = delete;
    RunningRequest& operator=(const RunningRequest&) = delete;

private:
    DrainState& state_;
    int fd_;
};

class Dispatcher final : public Poco::Net::HTTPRequestHandler {
public:
    Dispatcher(const Router& router, Metrics& metrics, Logger& logger, const RequestPolicy& policy, DrainState& drain)
        : router_(router), metrics_(metrics), logger_(logger), policy_(policy), drain_(drain) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
        const RunningRequest running(drain_, request);
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
            // Stopping: the client is told to take its next request elsewhere.
            if (drain_.draining) ex.response().setKeepAlive(false);
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
    DrainState& drain_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Factory(const Router& router, Metrics& metrics, Logger& logger, const RequestPolicy& policy, DrainState& drain)
        : router_(router), metrics_(metrics), logger_(logger), policy_(policy), drain_(drain) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new Dispatcher(router_, metrics_, logger_, policy_, drain_);
    }

private:
    const Router& router_;
    Metrics& metrics_;
    Logger& logger_;
    const RequestPolicy& policy_;
    DrainState& drain_;
};

void waitUntil(std::chrono::steady_clock::time_point deadline, const std::function<bool()>& done) {
    while (!done() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
}

} // namespace

struct HttpServer::Impl {
    Impl(const ServerOptions& o, const Router& r, Metrics& m, Logger& l) : options(o), router(r), metrics(m), logger(l) {}

    ServerOptions options;
    const Router& router;
    Metrics& metrics;
    Logger& logger;
    // Declared before the sockets and the server: handshakes use it until they are gone.
    std::unique_ptr<TlsIdentity> tls;
    DrainState drainState;
    std::unique_ptr<Poco::ThreadPool> pool;
    // Shares the listening socket with the server, so that it can be closed
    // while connections are still being served.
    std::unique_ptr<Poco::Net::ServerSocket> socket;
    std::unique_ptr<Poco::Net::HTTPServer> server;
    unsigned short port = 0;
    bool sslInitialized = false;

    std::unique_ptr<Poco::Net::ServerSocket> listen(const Poco::Net::SocketAddress& address);
    void finish();
    // Leaks the server so that no destructor waits on a thread that is still
    // stuck; the process is about to exit.
    void abandon() {
        (void)server.release();
        (void)pool.release();
    }
};

// The certificate comes from TlsIdentity's per-handshake callback rather than
// from the Context, so that SIGHUP can replace it without touching the SSL_CTX.
std::unique_ptr<Poco::Net::ServerSocket> HttpServer::Impl::listen(const Poco::Net::SocketAddress& address) {
    if (options.tlsCert.empty()) return std::make_unique<Poco::Net::ServerSocket>(address, 256);
    tls = std::make_unique<TlsIdentity>(options.tlsCert, options.tlsKey);
    Poco::Net::initializeSSL();
    sslInitialized = true;
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, "", "", "", Poco::Net::Context::VERIFY_NONE);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    tls->serveOn(*context);
    return std::make_unique<Poco::Net::SecureServerSocket>(address, 256, context);
}

void HttpServer::Impl::finish() {
    if (!server) return;
    server->stopAll(true);
    server.reset();
    if (socket) socket->close();
    pool->joinAll();
}

HttpServer::HttpServer(const ServerOptions& options, const Router& router, Metrics& metrics, Logger& logger)
    : impl_(std::make_unique<Impl>(options, router, metrics, logger)) {}

HttpServer::~HttpServer() {
    stop();
    if (impl_->sslInitialized) Poco::Net::uninitializeSSL();
}

void HttpServer::start() {
    impl_->socket = impl_->listen(Poco::Net::SocketAddress(impl_->options.address, impl_->options.port));
    impl_->port = impl_->socket->address().port();
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
        new Factory(impl_->router, impl_->metrics, impl_->logger, impl_->options.policy, impl_->drainState),
        *impl_->pool, *impl_->socket, params);
    impl_->server->start();
}

void HttpServer::stop() {
    if (impl_) impl_->finish();
}

void HttpServer::stopAccepting() {
    if (!impl_->server) return;
    impl_->drainState.draining = true;
    impl_->server->stop(); // joins the accepting thread; the socket stays open until closed here
    impl_->socket->close();
}

int HttpServer::drain(std::chrono::milliseconds limit) {
    if (!impl_->server) return 0;
    stopAccepting();
    // stopAll(false) closes idle connections at once but waits for each
    // running request to end, unbounded: it runs aside, bounded by the waits below.
    auto closed = std::make_shared<std::atomic<bool>>(false); // shared: the thread may outlive this call
    std::thread closer([closed, server = impl_->server.get()] {
        server->stopAll(false);
        *closed = true;
    });
    auto* server = impl_->server.get();
    const auto idle = [closed, server] { return *closed && server->currentConnections() == 0; };
    waitUntil(std::chrono::steady_clock::now() + limit, idle);
    const int running = impl_->drainState.running();
    impl_->drainState.abortAll();
    // A handler cut off in its socket ends at once; one busy elsewhere (or a
    // client still sending headers) gets a short grace, then is left to the exit.
    waitUntil(std::chrono::steady_clock::now() + std::chrono::seconds{2}, [closed] { return closed->load(); });
    if (!*closed) {
        impl_->logger.warn("connections still busy after the drain; leaving them to the process exit");
        closer.detach();
        impl_->abandon();
        return running;
    }
    closer.join();
    impl_->finish();
    return running;
}

bool HttpServer::tlsEnabled() const { return impl_->tls != nullptr; }

std::string HttpServer::reloadTls(const std::string& certFile, const std::string& keyFile) {
    if (!impl_->tls) throw std::logic_error("the server was started without TLS");
    return impl_->tls->reload(certFile, keyFile);
}

unsigned short HttpServer::port() const { return impl_->port; }

} // namespace authcore::appliance
