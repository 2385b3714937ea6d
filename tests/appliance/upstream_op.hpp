// SPDX-License-Identifier: Apache-2.0
// UpstreamOp: the Python OpenID Provider (tests/interop/upstream_oidc_provider.py,
// authlib) run as a child process on a free loopback port, for /login tests.
#pragma once

#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

namespace authcore::test {

struct UpstreamUserSpec {
    std::string sub = "upstream-alice";
    std::string email = "alice@example.org";
    bool emailVerified = true;
    std::string name = "Alice Upstream";
    std::string fault = "none"; ///< none | bad-nonce | wrong-aud | bad-signature | expired | alg-none | wrong-azp | token-malformed | no-keys
    std::string authMethod = "client_secret_basic";
};

class UpstreamOp {
public:
    static constexpr const char* kClientId = "authcore-upstream-client";
    static constexpr const char* kClientSecret = "upstream-secret-0123456789";

    /// Starts the provider for AuthCore's callback `redirectUri`; waits (15 s at most) for its port.
    UpstreamOp(const std::string& redirectUri, const UpstreamUserSpec& user = {}) {
        const std::string script = std::string(std::getenv("AUTHCORE_SOURCE_ROOT")) +
                                   "/tests/interop/upstream_oidc_provider.py";
        pid_ = spawnProcess({"/usr/bin/python3", script, "--client-id", kClientId, "--client-secret", kClientSecret,
                             "--redirect-uri", redirectUri, "--sub", user.sub, "--email", user.email,
                             "--email-verified", user.emailVerified ? "true" : "false", "--name", user.name,
                             "--fault", user.fault, "--token-auth-method", user.authMethod},
                            log_);
        waitForPort();
    }
    ~UpstreamOp() { stop(); }
    /// Ends the provider (its port then refuses connections); idempotent.
    void stop() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        waitForProcess(pid_);
        pid_ = -1;
    }
    UpstreamOp(const UpstreamOp&) = delete;
    UpstreamOp& operator=(const UpstreamOp&) = delete;

    unsigned short port() const { return port_; }
    std::string issuer() const { return "http://127.0.0.1:" + std::to_string(port_); }
    /// The provider's counters and the last /authorize query it received.
    Poco::JSON::Object::Ptr stats() const {
        const auto r = httpRequest(port_, "GET", "/_stats");
        return Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>();
    }

private:
    void waitForPort() {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
        while (std::chrono::steady_clock::now() < deadline) {
            std::ifstream in(log_);
            for (std::string line; std::getline(in, line);)
                if (line.rfind("PORT ", 0) == 0) {
                    port_ = static_cast<unsigned short>(std::stoi(line.substr(5)));
                    return;
                }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        std::ifstream in(log_);
        std::stringstream text;
        text << in.rdbuf();
        throw std::runtime_error("the upstream OpenID Provider did not start: " + text.str());
    }

    TempDir dir_;
    std::string log_ = dir_.file("op.log");
    pid_t pid_ = -1;
    unsigned short port_ = 0;
};

} // namespace authcore::test
