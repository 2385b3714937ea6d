// SPDX-License-Identifier: Apache-2.0
// UpstreamProvider against scripted provider answers: presets (GitHub's user
// API, Microsoft's per-tenant issuer), discovery, client authentication and
// every id_token refusal. The end-to-end run against a real OpenID Provider is
// in tests/appliance/login_flow_test.cpp.
#include "support/manual_clock.hpp"

#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/jwt.hpp>
#include <authcore/error.hpp>
#include <authcore/services/upstream_provider.hpp>

#include <Poco/URI.h>

#include <boost/test/unit_test.hpp>

#include <map>
#include <vector>

using namespace authcore;

namespace {

/// Answers by URL; records every request.
class ScriptedHttp final : public HttpClient {
public:
    OutboundResponse send(const OutboundRequest& request) override {
        sent.push_back(request);
        const auto it = answers.find(request.url);
        if (it == answers.end()) return {404, "", {}};
        return it->second;
    }
    void json(const std::string& url, const std::string& body, int status = 200) { answers[url] = {status, body, {}}; }
    std::map<std::string, OutboundResponse> answers;
    std::vector<OutboundRequest> sent;
};

std::string header(const OutboundRequest& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
        if (k == name) return v;
    return "";
}

std::map<std::string, std::string> queryOf(const std::string& url) {
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : Poco::URI(url).getQueryParameters()) out[k] = v;
    return out;
}

struct UpstreamFixture {
    UpstreamFixture() {
        http.json(kIssuer + "/.well-known/openid-configuration",
                  R"({"issuer":")" + kIssuer + R"(","authorization_endpoint":")" + kIssuer + R"(/auth",)" +
                      R"("token_endpoint":")" + kIssuer + R"(/token","userinfo_endpoint":")" + kIssuer +
                      R"(/userinfo","jwks_uri":")" + kIssuer + R"(/jwks"})");
        http.json(kIssuer + "/jwks", R"({"keys":[)" + key.publicKey().toJwk("k1") + "]}");
    }
    UpstreamSettings oidc() const {
        UpstreamSettings s;
        s.type = UpstreamType::Oidc;
        s.clientId = "our-id";
        s.clientSecret = "our-secret";
        s.issuer = kIssuer;
        s.redirectUri = "https://authcore.example/login/callback";
        return s;
    }
    /// An id_token as the provider would sign it, with `changes` applied to the claims.
    std::string idToken(const std::string& nonce, const std::string& extraClaims = "",
                        const std::string& iss = kIssuer, const std::string& aud = "our-id") {
        const auto now = toUnix(clock.now());
        return crypto::signJwt(key, "k1", "JWT",
                               R"({"iss":")" + iss + R"(","aud":")" + aud + R"(","sub":"u-1","nonce":")" + nonce +
                                   R"(","iat":)" + std::to_string(now) + R"(,"exp":)" + std::to_string(now + 300) +
                                   extraClaims + "}");
    }
    void tokenAnswer(const std::string& url, const std::string& idToken) {
        http.json(url, R"({"access_token":"upstream-at","token_type":"Bearer","id_token":")" + idToken + "\"}");
    }

    inline static const std::string kIssuer = "https://idp.example";
    test::ManualClock clock;
    ScriptedHttp http;
    JwksCache jwks{http, clock};
    crypto::KeyPair key = crypto::KeyPair::generate(SigningAlgorithm::RS256);
    UpstreamChallenge challenge = UpstreamChallenge::generate();
};

bool isCode(const Error& e, ErrorCode code) { return e.code() == code; }

} // namespace

BOOST_FIXTURE_TEST_SUITE(services_upstream_provider, UpstreamFixture)

BOOST_AUTO_TEST_CASE(challenge_values_are_128_bit_or_more_and_fresh) {
    const auto other = UpstreamChallenge::generate();
    BOOST_TEST(crypto::base64UrlDecode(challenge.state)->size() == 16u);
    BOOST_TEST(crypto::base64UrlDecode(challenge.nonce)->size() == 16u);
    BOOST_TEST(challenge.codeVerifier.size() == 43u);
    BOOST_TEST(other.state != challenge.state);
}

BOOST_AUTO_TEST_CASE(oidc_authorization_url_comes_from_discovery_with_state_nonce_and_s256) {
    UpstreamProvider provider(oidc(), http, jwks, clock);
    const auto url = provider.authorizationUrl(challenge);
    BOOST_TEST(url.rfind(kIssuer + "/auth?", 0) == 0u);
    auto q = queryOf(url);
    BOOST_TEST(q["state"] == challenge.state);
    BOOST_TEST(q["nonce"] == challenge.nonce);
    BOOST_TEST(q["code_challenge_method"] == "S256");
    BOOST_TEST(q["code_challenge"] == crypto::base64UrlEncode(crypto::sha256(challenge.codeVerifier)));
    BOOST_TEST(q["scope"] == "openid email profile");
    BOOST_TEST(q["redirect_uri"] == "https://authcore.example/login/callback");
    provider.authorizationUrl(challenge);
    BOOST_TEST(http.sent.size() == 1u); // discovery is fetched once
    BOOST_TEST(provider.providerKey() == "oidc:" + kIssuer);
}

BOOST_AUTO_TEST_CASE(discovery_naming_another_issuer_or_unreachable_is_an_upstream_error) {
    http.json(kIssuer + "/.well-known/openid-configuration", R"({"issuer":"https://evil.example"})");
    UpstreamProvider provider(oidc(), http, jwks, clock);
    BOOST_CHECK_EXCEPTION(provider.authorizationUrl(challenge), Error,
                          [](const Error& e) { return isCode(e, ErrorCode::UpstreamError); });
    http.answers.clear();
    BOOST_CHECK_EXCEPTION(provider.authorizationUrl(challenge), Error,
                          [](const Error& e) { return isCode(e, ErrorCode::UpstreamError); });
}

BOOST_AUTO_TEST_CASE(settings_without_client_id_or_issuer_or_with_a_bad_method_are_refused) {
    auto s = oidc();
    s.clientId.clear();
    BOOST_CHECK_THROW(UpstreamProvider(s, http, jwks, clock), Error);
    s = oidc();
    s.issuer.clear();
    BOOST_CHECK_THROW(UpstreamProvider(s, http, jwks, clock), Error);
    s = oidc();
    s.tokenAuthMethod = "private_key_jwt";
    BOOST_CHECK_THROW(UpstreamProvider(s, http, jwks, clock), Error);
}

BOOST_AUTO_TEST_CASE(redeem_sends_the_verifier_and_basic_credentials_and_reads_the_id_token) {
    tokenAnswer(kIssuer + "/token", idToken(challenge.nonce, R"(,"email":"A@Example.org","email_verified":true,"name":"A")"));
    UpstreamProvider provider(oidc(), http, jwks, clock);
    const auto user = provider.redeem("the-code", challenge);
    BOOST_TEST(user.subject == "u-1");
    BOOST_TEST(user.email == "A@Example.org");
    BOOST_TEST(user.emailVerified);
    BOOST_TEST(user.provider == "oidc:" + kIssuer);
    const auto& exchange = http.sent.at(1);
    BOOST_TEST(exchange.method == "POST");
    BOOST_TEST(exchange.body.find("code_verifier=" + challenge.codeVerifier) != std::string::npos);
    BOOST_TEST(exchange.body.find("client_secret") == std::string::npos);
    BOOST_TEST(header(exchange, "Authorization") == "Basic " + crypto::base64Encode("our-id:our-secret"));
}

BOOST_AUTO_TEST_CASE(client_secret_post_puts_the_credentials_in_the_form) {
    auto s = oidc();
    s.tokenAuthMethod = "client_secret_post";
    tokenAnswer(kIssuer + "/token", idToken(challenge.nonce, R"(,"email":"a@example.org")"));
    UpstreamProvider provider(s, http, jwks, clock);
    provider.redeem("c", challenge);
    const auto& exchange = http.sent.at(1);
    BOOST_TEST(exchange.body.find("client_id=our-id") != std::string::npos);
    BOOST_TEST(exchange.body.find("client_secret=our-secret") != std::string::npos);
    BOOST_TEST(header(exchange, "Authorization").empty());
}

BOOST_AUTO_TEST_CASE(every_bad_id_token_is_unauthenticated) {
    const std::vector<std::string> bad{
        idToken("another-nonce"),
        idToken(challenge.nonce, "", "https://evil.example"),
        idToken(challenge.nonce, "", kIssuer, "someone-else"),
        crypto::signJwt(crypto::KeyPair::generate(SigningAlgorithm::RS256), "k1", "JWT",
                        crypto::peekJwtPart(idToken(challenge.nonce), 1)->json()),
    };
    for (const auto& token : bad) {
        tokenAnswer(kIssuer + "/token", token);
        UpstreamProvider provider(oidc(), http, jwks, clock);
        BOOST_CHECK_EXCEPTION(provider.redeem("c", challenge), Error,
                              [](const Error& e) { return isCode(e, ErrorCode::Unauthenticated); });
    }
    tokenAnswer(kIssuer + "/token", idToken(challenge.nonce));
    UpstreamProvider provider(oidc(), http, jwks, clock);
    clock.advance(std::chrono::seconds(400)); // past exp + 60 s skew
    BOOST_CHECK_EXCEPTION(provider.redeem("c", challenge), Error,
                          [](const Error& e) { return isCode(e, ErrorCode::Unauthenticated); });
}

BOOST_AUTO_TEST_CASE(refused_code_or_missing_id_token_is_an_upstream_error) {
    http.json(kIssuer + "/token", R"({"error":"invalid_grant"})", 400);
    UpstreamProvider provider(oidc(), http, jwks, clock);
    BOOST_CHECK_EXCEPTION(provider.redeem("c", challenge), Error,
                          [](const Error& e) { return isCode(e, ErrorCode::UpstreamError); });
    http.json(kIssuer + "/token", R"({"access_token":"at"})");
    BOOST_CHECK_EXCEPTION(provider.redeem("c", challenge), Error,
                          [](const Error& e) { return isCode(e, ErrorCode::UpstreamError); });
}

BOOST_AUTO_TEST_CASE(missing_email_is_read_from_userinfo_of_the_same_subject_only) {
    tokenAnswer(kIssuer + "/token", idToken(challenge.nonce));
    http.json(kIssuer + "/userinfo", R"({"sub":"u-1","email":"u1@example.org","email_verified":"true"})");
    UpstreamProvider provider(oidc(), http, jwks, clock);
    const auto user = provider.redeem("c", challenge);
    BOOST_TEST(user.email == "u1@example.org");
    BOOST_TEST(user.emailVerified);
    BOOST_TEST(header(http.sent.back(), "Authorization") == "Bearer upstream-at");

    http.json(kIssuer + "/userinfo", R"({"sub":"u-2","email":"other@example.org","email_verified":true})");
    BOOST_CHECK_EXCEPTION(provider.redeem("c", challenge), Error,
                          [](const Error& e) { return isCode(e, ErrorCode::Unauthenticated); });
}

BOOST_AUTO_TEST_CASE(microsoft_issuer_is_the_tenant_of_the_token) {
    UpstreamSettings s = oidc();
    s.type = UpstreamType::Microsoft;
    s.issuer.clear();
    s.tokenEndpoint = "https://ms.test/token";
    s.jwksUri = kIssuer + "/jwks";
    const std::string tenantIssuer = "https://login.microsoftonline.com/tenant-42/v2.0";
    tokenAnswer("https://ms.test/token", idToken(challenge.nonce, R"(,"tid":"tenant-42","email":"m@example.org")",
                                                 tenantIssuer));
    UpstreamProvider provider(s, http, jwks, clock);
    const auto user = provider.redeem("c", challenge);
    BOOST_TEST(user.provider == "microsoft");
    BOOST_TEST(!user.emailVerified); // Microsoft does not assert email_verified
    // A token whose iss names a tenant other than its tid is refused.
    tokenAnswer("https://ms.test/token", idToken(challenge.nonce, R"(,"tid":"tenant-42")",
                                                 "https://login.microsoftonline.com/tenant-7/v2.0"));
    BOOST_CHECK_EXCEPTION(provider.redeem("c", challenge), Error,
                          [](const Error& e) { return isCode(e, ErrorCode::Unauthenticated); });
    // The default endpoints are Microsoft's.
    UpstreamProvider defaults(UpstreamSettings{UpstreamType::Microsoft, "id", "s", "", "", "", "", "", "", "", "cb"},
                              http, jwks, clock);
    BOOST_TEST(defaults.authorizationUrl(challenge).rfind(
                   "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(github_user_is_its_numeric_id_with_the_primary_verified_email) {
    UpstreamSettings s;
    s.type = UpstreamType::GitHub;
    s.clientId = "gh-id";
    s.clientSecret = "gh-secret";
    s.tokenEndpoint = "https://gh.test/token";
    s.userinfoEndpoint = "https://gh.test/user";
    s.redirectUri = "https://authcore.example/login/callback";
    UpstreamProvider provider(s, http, jwks, clock);
    auto q = queryOf(provider.authorizationUrl(challenge));
    BOOST_TEST(q.count("nonce") == 0u);
    BOOST_TEST(q["scope"] == "read:user user:email");
    BOOST_TEST(provider.authorizationUrl(challenge).rfind("https://github.com/login/oauth/authorize?", 0) == 0u);

    http.json("https://gh.test/token", R"({"access_token":"gh-at","token_type":"bearer"})");
    http.json("https://gh.test/user", R"({"id":583231,"login":"octocat","name":null,"email":"public@example.org"})");
    http.json("https://gh.test/user/emails", R"([{"email":"old@example.org","primary":false,"verified":true},)"
                                             R"({"email":"octo@example.org","primary":true,"verified":true}])");
    auto user = provider.redeem("c", challenge);
    BOOST_TEST(user.provider == "github");
    BOOST_TEST(user.subject == "583231");
    BOOST_TEST(user.name == "octocat");
    BOOST_TEST(user.email == "octo@example.org");
    BOOST_TEST(user.emailVerified);
    // GitHub documents form credentials and answers JSON only when asked.
    const auto& exchange = http.sent.at(0);
    BOOST_TEST(exchange.body.find("client_secret=gh-secret") != std::string::npos);
    BOOST_TEST(header(exchange, "Accept") == "application/json");
    BOOST_TEST(header(http.sent.at(1), "User-Agent") == "AuthCore");

    http.json("https://gh.test/user/emails", R"([{"email":"x@example.org","primary":true,"verified":false}])");
    user = provider.redeem("c", challenge);
    BOOST_TEST(user.email == "public@example.org");
    BOOST_TEST(!user.emailVerified);

    // GitHub refuses a code with 200 and an error member.
    http.json("https://gh.test/token", R"({"error":"bad_verification_code"})");
    BOOST_CHECK_EXCEPTION(provider.redeem("c", challenge), Error,
                          [](const Error& e) { return isCode(e, ErrorCode::UpstreamError); });
}

BOOST_AUTO_TEST_SUITE_END()
