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
    std::string sid{}; ///< the `sid` claim of its ID tokens; none when empty
};

/// A back-channel logout token the provider is to send, and what it sends wrong.
struct LogoutSpec {
    std::string sub;
    std::string sid;
    std::string jti;           ///< empty: a fresh one
    std::string fault = "none"; ///< see upstream_oidc_provider.py
};

/// The relying party's answer to a back-channel logout, as the provider saw it.
struct LogoutAnswer {
    int status = 0;
    std::string body;
    std::string cacheControl;
    std::string jti; ///< of the token sent
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
                             "--fault", user.fault, "--token-auth-method", user.authMethod, "--sid", user.sid},
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

    /// Has the provider POST a logout token for `spec` to `target` (an http:// URL).
    LogoutAnswer sendBackChannelLogout(const std::string& target, const LogoutSpec& spec) const {
        Poco::JSON::Object body;
        body.set("target", target);
        body.set("sub", spec.sub);
        body.set("sid", spec.sid);
        body.set("jti", spec.jti);
        body.set("fault", spec.fault);
        std::ostringstream json;
        body.stringify(json);
        const auto r = httpRequest(port_, "POST", "/test/backchannel-logout", json.str());
        if (r.status != 200) throw std::runtime_error("the provider could not send the logout: " + r.body);
        const auto answer = Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>();
        return {answer->getValue<int>("status"), answer->getValue<std::string>("body"),
                answer->getValue<std::string>("cache_control"), answer->getValue<std::string>("jti")};
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
