// SPDX-License-Identifier: Apache-2.0
// DocumentServer: a loopback HTTP server answering every GET with one document
// (status and body changeable while it runs), counting requests. Stands in for
// an IdP's metadata URL.
#pragma once

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>

#include <atomic>
#include <mutex>
#include <string>

namespace authcore::test {

class DocumentServer {
public:
    explicit DocumentServer(std::string body, std::string contentType = "application/samlmetadata+xml")
        : state_(std::move(body), std::move(contentType)),
          server_(new Factory(state_), Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0)),
                  params()) {
        server_.start();
    }
    ~DocumentServer() { server_.stopAll(true); }
    DocumentServer(const DocumentServer&) = delete;
    DocumentServer& operator=(const DocumentServer&) = delete;

    std::string url(const std::string& path = "/metadata") const {
        return "http://127.0.0.1:" + std::to_string(server_.port()) + path;
    }
    void serve(std::string body, int status = 200) {
        std::lock_guard lock(state_.mutex);
        state_.body = std::move(body);
        state_.status = status;
    }
    int hits() const { return state_.hits.load(); }

private:
    struct State {
        State(std::string b, std::string type) : body(std::move(b)), contentType(std::move(type)) {}
        std::string body;
        std::string contentType;
        int status = 200;
        std::atomic<int> hits{0};
        std::mutex mutex;
    };
    class Handler final : public Poco::Net::HTTPRequestHandler {
    public:
        explicit Handler(State& state) : state_(state) {}
        void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response) override {
            ++state_.hits;
            std::lock_guard lock(state_.mutex);
            response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(state_.status));
            response.setContentType(state_.contentType);
            response.sendBuffer(state_.body.data(), state_.body.size());
        }

    private:
        State& state_;
    };
    class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
    public:
        explicit Factory(State& state) : state_(state) {}
        Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
            return new Handler(state_);
        }

    private:
        State& state_;
    };
    static Poco::Net::HTTPServerParams::Ptr params() {
        Poco::Net::HTTPServerParams::Ptr p = new Poco::Net::HTTPServerParams;
        p->setMaxThreads(2);
        p->setKeepAlive(false);
        return p;
    }

    State state_;
    Poco::Net::HTTPServer server_;
};

} // namespace authcore::test
