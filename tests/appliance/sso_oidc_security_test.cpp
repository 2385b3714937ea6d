// SPDX-License-Identifier: Apache-2.0
// Attacks on the OIDC SSO callback, each against the real OpenID Provider
// (authlib) or a fault it was told to commit: every refusal writes nothing
// (no user, no SSO session).
#include "sso_oidc_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <functional>

using namespace authcore;
using test::queryOf;
using test::SsoOidcFixture;

namespace {

/// `url` with the value of its query parameter `name` replaced.
std::string withParameter(const std::string& url, const std::string& name, const std::string& value) {
    Poco::URI uri(url);
    auto params = uri.getQueryParameters();
    for (auto& [k, v] : params)
        if (k == name) v = value;
    uri.setQueryParameters(params);
    return uri.toString();
}

/// Runs `attempt` and checks it answered `status` and wrote nothing.
void refusedWithNothingWritten(SsoOidcFixture& f, int status, const std::function<test::HttpResult()>& attempt) {
    const auto users = f.userCount();
    const auto sessions = f.sessionCount();
    const auto r = attempt();
    BOOST_TEST(r.status == status, r.body);
    BOOST_TEST(r.header("Location").find("code=") == std::string::npos);
    BOOST_TEST(f.userCount() == users);
    BOOST_TEST(f.sessionCount() == sessions);
}

/// A login against a provider told to commit `fault`: the answer must be `status`.
void faultRefused(const std::string& fault, int status) {
    SsoOidcFixture f({.fault = fault});
    refusedWithNothingWritten(f, status, [&] { return f.login(); });
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_sso_oidc_attacks, SsoOidcFixture)

BOOST_AUTO_TEST_CASE(tampered_state_is_400) {
    const auto started = startLogin();
    const auto back = providerApproves(started.location);
    refusedWithNothingWritten(*this, 400, [&] { return callback(withParameter(back, "state", "forged-state"), ""); });
    refusedWithNothingWritten(*this, 400,
                              [&] { return callback(withParameter(back, "state", "forged-state"), started.cookie); });
}

BOOST_AUTO_TEST_CASE(missing_state_is_400) {
    const auto started = startLogin();
    const auto back = providerApproves(started.location);
    const auto code = queryOf(back)["code"];
    refusedWithNothingWritten(*this, 400, [&] { return app.get(kBase + "/callback?code=" + code); });
}

BOOST_AUTO_TEST_CASE(cookie_of_another_login_is_400) {
    const auto victim = startLogin();
    const auto attacker = startLogin();
    app.context->codes->remove("oidc-sso-state:" + victim.state()); // only the cookie is left to decide
    const auto back = providerApproves(victim.location);
    refusedWithNothingWritten(*this, 400, [&] { return callback(back, attacker.cookie); });
}

BOOST_AUTO_TEST_CASE(forged_cookie_is_400) {
    const auto started = startLogin();
    app.context->codes->remove("oidc-sso-state:" + started.state());
    const auto back = providerApproves(started.location);
    refusedWithNothingWritten(*this, 400, [&] { return callback(back, "v1.forged"); });
}

BOOST_AUTO_TEST_CASE(state_of_another_connection_is_400) {
    createConnection("acme-other", op.issuer(), "[]");
    const auto started = startLogin();
    const auto back = providerApproves(started.location);
    const auto target = test::targetOf(back);
    const auto other = "/auth/sso/acme-other/oidc/callback" + target.substr(target.find('?'));
    refusedWithNothingWritten(*this, 400, [&] { return app.get(other); });
}

BOOST_AUTO_TEST_CASE(replayed_callback_is_400) {
    const auto started = startLogin();
    const auto back = providerApproves(started.location);
    BOOST_TEST_REQUIRE(callback(back, started.cookie).status == 302);
    refusedWithNothingWritten(*this, 400, [&] { return callback(back, started.cookie); });
}

BOOST_AUTO_TEST_CASE(expired_state_is_400) {
    const auto started = startLogin();
    // A pending login 11 minutes old (the store's TTL is not what decides).
    const auto key = "oidc-sso-state:" + started.state();
    auto stored = *app.context->codes->take(key);
    const auto at = stored.find("\"t\":") + 4;
    const auto created = std::stoll(stored.substr(at));
    stored.replace(at, std::to_string(created).size(), std::to_string(created - 660));
    app.context->codes->putIfAbsent(key, stored, std::chrono::seconds(600));
    refusedWithNothingWritten(*this, 400, [&] { return callback(providerApproves(started.location), ""); });
}

BOOST_AUTO_TEST_CASE(provider_error_parameter_is_401) {
    const auto started = startLogin();
    const auto target = kBase + "/callback?error=access_denied&state=" + started.state();
    refusedWithNothingWritten(*this, 401, [&] { return app.get(target); });
    BOOST_TEST(app.get(target).status == 400); // the state is spent
}

BOOST_AUTO_TEST_CASE(provider_down_at_the_token_exchange_is_502_quickly) {
    const auto started = startLogin();
    const auto back = providerApproves(started.location);
    op.stop();
    const auto before = std::chrono::steady_clock::now();
    refusedWithNothingWritten(*this, 502, [&] { return callback(back, started.cookie); });
    BOOST_TEST((std::chrono::steady_clock::now() - before < std::chrono::seconds(10)));
}

BOOST_AUTO_TEST_CASE(email_outside_the_connection_domains_is_400) {
    SsoOidcFixture f({.email = "mallory@other.example"});
    refusedWithNothingWritten(f, 400, [&] { return f.login(); });
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(appliance_sso_oidc_id_token)

BOOST_AUTO_TEST_CASE(wrong_nonce_is_401) { faultRefused("bad-nonce", 401); }
BOOST_AUTO_TEST_CASE(foreign_signing_key_is_401) { faultRefused("bad-signature", 401); }
BOOST_AUTO_TEST_CASE(alg_none_is_401) { faultRefused("alg-none", 401); }
BOOST_AUTO_TEST_CASE(wrong_audience_is_401) { faultRefused("wrong-aud", 401); }
BOOST_AUTO_TEST_CASE(azp_of_another_client_is_401) { faultRefused("wrong-azp", 401); }
BOOST_AUTO_TEST_CASE(expired_id_token_is_401) { faultRefused("expired", 401); }
BOOST_AUTO_TEST_CASE(malformed_token_response_is_502) { faultRefused("token-malformed", 502); }

BOOST_AUTO_TEST_SUITE_END()
