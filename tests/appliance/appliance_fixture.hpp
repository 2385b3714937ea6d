// SPDX-License-Identifier: Apache-2.0
// ApplianceFixture: the real appliance (context, routes, HTTP server) on a free
// loopback port over a temp SQLite database.
#pragma once

#include "support/http_client.hpp"
#include "support/temp_dir.hpp"

#include "app/context.hpp"
#include "app/server_setup.hpp"
#include "http/server.hpp"
#include "routes/routes.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/ServerSocket.h>

#include <map>
#include <memory>
#include <string>

namespace authcore::test {

inline unsigned short freePort() {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    return probe.address().port();
}

inline Poco::JSON::Object::Ptr parseJson(const std::string& text) {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

struct ApplianceFixture {
    /// `codeStore`: the CodeStore the context gets (null: the in-process one).
    explicit ApplianceFixture(std::map<std::string, std::string> env = {},
                              std::unique_ptr<CodeStore> codeStore = nullptr) {
        const auto chosen = env.find("AUTHCORE_HTTP_PORT");
        port = chosen == env.end() ? freePort() : static_cast<unsigned short>(std::stoi(chosen->second));
        env.try_emplace("AUTHCORE_STORE_URL", "sqlite:" + dir.file("data/authcore.db"));
        env.try_emplace("AUTHCORE_KEYS_MASTER_KEY_FILE", dir.file("data/master.key"));
        env.try_emplace("AUTHCORE_HTTP_PORT", std::to_string(port));
        env.try_emplace("AUTHCORE_LOG_LEVEL", "error");
        // Cheap hashing: every fixture creates and signs in several users. The
        // production parameters are covered by the password hasher's own suite.
        env.try_emplace("AUTHCORE_PASSWORD_ARGON2_MEMORY_KIB", "1024");
        env.try_emplace("AUTHCORE_PASSWORD_ARGON2_TIME_COST", "1");
        context = std::make_unique<appliance::Context>(appliance::Config::load("", env), logger, std::move(codeStore));
        appliance::addAllRoutes(router, *context);
        auto options = appliance::serverOptionsFrom(context->config);
        if (!env.count("AUTHCORE_HTTP_THREADS")) options.threads = 8;
        server = std::make_unique<appliance::HttpServer>(options, router, context->metrics, logger);
        server->start();
    }

    HttpResult get(const std::string& target, const std::map<std::string, std::string>& headers = {}) {
        return httpRequest(port, "GET", target, "", headers);
    }
    HttpResult post(const std::string& target, const std::string& body,
                    const std::map<std::string, std::string>& headers = {}) {
        return httpRequest(port, "POST", target, body, headers);
    }
    /// Creates a user through the service layer (the CLI's path).
    User createUser(const std::string& email, const std::string& password, bool systemAdmin = false) {
        return context->users->create(Principal::system(), NewUser{email, password, "", systemAdmin});
    }
    /// Logs in over HTTP and returns the bearer header map.
    std::map<std::string, std::string> loginHeaders(const std::string& email, const std::string& password) {
        auto r = post("/api/v1/auth/login", R"({"email":")" + email + R"(","password":")" + password + "\"}");
        if (r.status != 200) throw std::runtime_error("login failed: " + r.body);
        return {{"Authorization", "Bearer " + parseJson(r.body)->getValue<std::string>("access_token")}};
    }

    TempDir dir;
    appliance::Logger logger{appliance::LogLevel::Error, false};
    unsigned short port = 0;
    std::unique_ptr<appliance::Context> context;
    appliance::Router router;
    std::unique_ptr<appliance::HttpServer> server;
};

} // namespace authcore::test
