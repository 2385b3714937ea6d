// SPDX-License-Identifier: Apache-2.0
// LoginFixture: the appliance with /login wired to a real upstream OpenID
// Provider (UpstreamOp), and a cookie-keeping "browser" that follows the
// redirects of the double OAuth flow by hand.
#pragma once

#include "appliance_fixture.hpp"
#include "upstream_op.hpp"

#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/random.hpp>

#include <Poco/URI.h>

#include <map>
#include <string>

namespace authcore::test {

/// The parameters of a URL's query.
inline std::map<std::string, std::string> queryOf(const std::string& url) {
    std::map<std::string, std::string> out;
    for (const auto& [name, value] : Poco::URI(url).getQueryParameters()) out[name] = value;
    return out;
}

/// `url` as "path?query", for httpRequest on its port.
inline std::string targetOf(const std::string& url) { return Poco::URI(url).getPathAndQuery(); }

inline std::string urlEncode(const std::string& value) {
    std::string out;
    Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]% ", out);
    return out;
}

/// PKCE S256 pair.
struct Pkce {
    std::string verifier = crypto::randomToken(32);
    std::string challenge = crypto::base64UrlEncode(crypto::sha256(verifier));
};

/// The sessionId cookie value of a Set-Cookie list, or "".
inline std::string sessionCookieOf(const HttpResult& r) {
    for (const auto& header : r.all("Set-Cookie"))
        if (header.rfind("sessionId=", 0) == 0) return header.substr(10, header.find(';') - 10);
    return "";
}

struct LoginFixture {
    static constexpr const char* kConsoleRedirect = "http://127.0.0.1:1/console/callback";

    explicit LoginFixture(UpstreamUserSpec user = {}, std::map<std::string, std::string> env = {})
        : appPort(freePort()), op(callbackUrl(appPort), user), app(withUpstream(std::move(env), op.issuer(), appPort)) {}

    static std::string callbackUrl(unsigned short port) {
        return "http://127.0.0.1:" + std::to_string(port) + "/login/callback";
    }
    static std::map<std::string, std::string> withUpstream(std::map<std::string, std::string> env,
                                                           const std::string& issuer, unsigned short port) {
        env.try_emplace("AUTHCORE_HTTP_PORT", std::to_string(port));
        env.try_emplace("AUTHCORE_LOGIN_UPSTREAM_TYPE", "oidc");
        env.try_emplace("AUTHCORE_LOGIN_UPSTREAM_ISSUER", issuer);
        env.try_emplace("AUTHCORE_LOGIN_UPSTREAM_CLIENT_ID", UpstreamOp::kClientId);
        env.try_emplace("AUTHCORE_LOGIN_UPSTREAM_CLIENT_SECRET", UpstreamOp::kClientSecret);
        env.try_emplace("AUTHCORE_CONSOLE_REDIRECT_URIS", kConsoleRedirect);
        return env;
    }

    /// The /login/authorize target for the console (or `clientId`) with a valid PKCE challenge.
    std::string authorizeTarget(const Pkce& pkce, const std::string& clientId = "authcore-console",
                                const std::string& redirectUri = kConsoleRedirect,
                                const std::string& scope = "openid email", const std::string& extra = "") const {
        return "/login/authorize?response_type=code&client_id=" + urlEncode(clientId) +
               "&redirect_uri=" + urlEncode(redirectUri) + "&code_challenge=" + pkce.challenge +
               "&code_challenge_method=S256&state=client-state-1&nonce=client-nonce-1&scope=" + urlEncode(scope) + extra;
    }

    /// Step 1: /login/authorize; sets `cookie` from the answer.
    HttpResult authorize(const std::string& target) {
        auto r = app.get(target, cookie.empty() ? std::map<std::string, std::string>{}
                                                : std::map<std::string, std::string>{{"Cookie", "sessionId=" + cookie}});
        if (const auto set = sessionCookieOf(r); !set.empty()) cookie = set;
        return r;
    }
    /// Step 2: the provider's /authorize (it approves at once); returns its redirect to our callback.
    std::string upstreamApproves(const std::string& upstreamUrl) {
        const auto r = httpRequest(op.port(), "GET", targetOf(upstreamUrl));
        if (r.status != 302) throw std::runtime_error("upstream /authorize answered " + std::to_string(r.status) + r.body);
        return r.header("Location");
    }
    /// Step 3: our callback with `withCookie` as the browser's sessionId.
    HttpResult callback(const std::string& callbackUrl, const std::string& withCookie) {
        std::map<std::string, std::string> headers;
        if (!withCookie.empty()) headers["Cookie"] = "sessionId=" + withCookie;
        return app.get(targetOf(callbackUrl), headers);
    }
    /// The whole browser leg; returns where the client's redirect_uri is called.
    std::string login(const std::string& target) {
        const auto started = authorize(target);
        if (started.status != 302) throw std::runtime_error("/login/authorize answered " + started.body);
        const auto back = callback(upstreamApproves(started.header("Location")), cookie);
        if (back.status != 302) throw std::runtime_error("/login/callback answered " + back.body);
        return back.header("Location");
    }
    /// Redeems a code at /v1/token (public client unless `basicAuth` is given).
    HttpResult redeem(const std::string& code, const Pkce& pkce, const std::string& clientId = "authcore-console",
                      const std::string& redirectUri = kConsoleRedirect,
                      const std::map<std::string, std::string>& headers = {}) {
        const auto form = "grant_type=authorization_code&code=" + urlEncode(code) + "&code_verifier=" + pkce.verifier +
                          "&redirect_uri=" + urlEncode(redirectUri) + "&client_id=" + urlEncode(clientId);
        return httpRequest(app.port, "POST", "/v1/token", form, headers, "application/x-www-form-urlencoded");
    }
    long long userCount() { return app.context->db->users().count(); }

    unsigned short appPort;
    UpstreamOp op;
    ApplianceFixture app;
    std::string cookie;
};

} // namespace authcore::test
