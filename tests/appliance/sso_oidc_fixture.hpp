// SPDX-License-Identifier: Apache-2.0
// SsoOidcFixture: organization `acme` with an OIDC SSO connection `acme-oidc`
// whose provider is the authlib OpenID Provider (UpstreamOp) on loopback, and
// the browser's steps through /auth/sso/acme-oidc/oidc/*.
#pragma once

#include "appliance_fixture.hpp"
#include "login_fixture.hpp"
#include "upstream_op.hpp"

#include <sstream>
#include <string>

namespace authcore::test {

struct SsoOidcFixture {
    using Headers = std::map<std::string, std::string>;
    static constexpr const char* kSlug = "acme-oidc";
    static constexpr const char* kCookie = "authcore_oidc_state";
    static inline const std::string kBase = std::string("/auth/sso/") + kSlug + "/oidc";
    static inline const std::string kConnections = "/api/v1/organizations/acme/sso/connections";

    explicit SsoOidcFixture(UpstreamUserSpec user = {})
        : appPort(freePort()), op(callbackUrl(appPort), user),
          app({{"AUTHCORE_HTTP_PORT", std::to_string(appPort)}}) {
        app.createUser("owner@example.com", "owner-password");
        ownerAuth = app.loginHeaders("owner@example.com", "owner-password");
        expect(app.post("/api/v1/organizations", R"({"slug":"acme","name":"Acme"})", ownerAuth), 201);
        organizationId = app.context->db->organizations().findBySlug("acme")->id;
        connectionId = createConnection(kSlug, op.issuer());
    }

    static std::string callbackUrl(unsigned short port) {
        return "http://127.0.0.1:" + std::to_string(port) + kBase + "/callback";
    }
    static HttpResult expect(HttpResult r, int status) {
        if (r.status != status)
            throw std::runtime_error("expected " + std::to_string(status) + ", got " + std::to_string(r.status) +
                                     ": " + r.body);
        return r;
    }

    /// Creates an OIDC connection with JIT; returns its id. A domain is claimed by one connection only.
    std::string createConnection(const std::string& slug, const std::string& issuer,
                                 const std::string& domains = R"(["example.org"])") {
        Poco::JSON::Object body;
        body.set("name", "Acme OIDC " + slug);
        body.set("protocol", "oidc");
        body.set("slug", slug);
        body.set("issuer_url", issuer);
        body.set("client_id", UpstreamOp::kClientId);
        body.set("client_secret", UpstreamOp::kClientSecret);
        body.set("jit_provisioning", true);
        body.set("domains", Poco::JSON::Parser().parse(domains));
        std::ostringstream json;
        body.stringify(json);
        return parseJson(expect(app.post(kConnections, json.str(), ownerAuth), 201).body)->getValue<std::string>("id");
    }

    /// A started login: the redirect to the provider and the state cookie set.
    struct Started {
        std::string location;
        std::string cookie;
        std::string state() const { return queryOf(location)["state"]; }
    };
    Started startLogin(const std::string& query = "") {
        const auto r = expect(app.get(kBase + "/login" + query), 302);
        return {r.header("Location"), cookieValue(r)};
    }
    static std::string cookieValue(const HttpResult& r) {
        const std::string prefix = std::string(kCookie) + "=";
        for (const auto& header : r.all("Set-Cookie"))
            if (header.rfind(prefix, 0) == 0) return header.substr(prefix.size(), header.find(';') - prefix.size());
        return "";
    }
    static std::string setCookieHeader(const HttpResult& r) {
        for (const auto& header : r.all("Set-Cookie"))
            if (header.rfind(kCookie, 0) == 0) return header;
        return "";
    }
    /// The provider approves at once: its redirect to our callback.
    std::string providerApproves(const std::string& location) {
        const auto r = httpRequest(op.port(), "GET", targetOf(location));
        if (r.status != 302) throw std::runtime_error("provider /authorize answered " + std::to_string(r.status) + r.body);
        return r.header("Location");
    }
    /// The browser comes back to `url` carrying `cookie` (none when empty).
    HttpResult callback(const std::string& url, const std::string& cookie) {
        Headers headers;
        if (!cookie.empty()) headers["Cookie"] = std::string(kCookie) + "=" + cookie;
        return app.get(targetOf(url), headers);
    }
    /// The whole browser leg; our callback's answer.
    HttpResult login() {
        const auto started = startLogin();
        return callback(providerApproves(started.location), started.cookie);
    }

    long long userCount() { return app.context->db->users().count(); }
    std::size_t sessionCount() {
        return app.context->db->ssoSessions().listActive(organizationId, app.context->clock.now()).size();
    }

    unsigned short appPort;
    UpstreamOp op;
    ApplianceFixture app;
    Headers ownerAuth;
    std::string organizationId;
    std::string connectionId;
};

} // namespace authcore::test
