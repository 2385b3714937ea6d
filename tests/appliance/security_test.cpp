// SPDX-License-Identifier: Apache-2.0
// SECURITY.md rules tried as attacks against the running appliance; each checks
// that the attack is refused and that nothing was written.
#include "appliance_fixture.hpp"

#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/jwt.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>

using namespace authcore;
using test::parseJson;

namespace {

std::string b64(const std::string& s) { return crypto::base64UrlEncode(s); }

struct AttackFixture : test::ApplianceFixture {
    AttackFixture() { victim = createUser("victim@example.com", "victim-password", true); }

    /// Claims a management token for the victim would carry, valid now.
    std::string victimClaims() {
        const auto now = toUnix(context->clock.now());
        const auto iss = context->config.publicUrl();
        return R"({"iss":")" + iss + R"(","aud":")" + iss + R"(","sub":")" + victim.id + R"(","exp":)" +
               std::to_string(now + 600) + R"(,"iat":)" + std::to_string(now) + "}";
    }
    int meStatus(const std::string& token) { return get("/api/v1/me", {{"Authorization", "Bearer " + token}}).status; }
    /// Tries to create an org with a forged token; must fail and create nothing.
    void expectRefusedAndNothingWritten(const std::string& token) {
        auto r = post("/api/v1/organizations", R"({"slug":"pwned","name":"x"})", {{"Authorization", "Bearer " + token}});
        BOOST_TEST(r.status == 401, r.body);
        BOOST_TEST(!context->db->organizations().findBySlug("pwned").has_value());
    }
    User victim;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_security, AttackFixture)

BOOST_AUTO_TEST_CASE(alg_none_token_is_refused) {
    const auto token = b64(R"({"alg":"none","typ":"at+jwt"})") + "." + b64(victimClaims()) + ".";
    BOOST_TEST(meStatus(token) == 401);
    expectRefusedAndNothingWritten(token);
}

BOOST_AUTO_TEST_CASE(hs256_signed_with_our_public_jwks_is_refused) {
    // The classic key confusion: HMAC keyed with the published RSA public key.
    const auto jwks = get("/v1/jwks").body;
    const auto kid = parseJson(jwks)->getArray("keys")->getObject(0)->getValue<std::string>("kid");
    const auto signingInput = b64(R"({"alg":"HS256","typ":"at+jwt","kid":")" + kid + "\"}") + "." + b64(victimClaims());
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), jwks.data(), static_cast<int>(jwks.size()),
         reinterpret_cast<const unsigned char*>(signingInput.data()), signingInput.size(), mac, &len);
    const auto token = signingInput + "." + b64(std::string(reinterpret_cast<char*>(mac), len));
    BOOST_TEST(meStatus(token) == 401);
    expectRefusedAndNothingWritten(token);
}

BOOST_AUTO_TEST_CASE(token_signed_by_a_foreign_key_with_our_kid_is_refused) {
    const auto kid = context->keys->active().kid;
    const auto foreign = crypto::KeyPair::generate(SigningAlgorithm::RS256);
    const auto token = crypto::signJwt(foreign, kid, "at+jwt", victimClaims());
    BOOST_TEST(meStatus(token) == 401);
    expectRefusedAndNothingWritten(token);
}

BOOST_AUTO_TEST_CASE(unknown_kid_and_crit_header_are_refused) {
    const auto active = context->keys->active();
    BOOST_TEST(meStatus(crypto::signJwt(active.key, "no-such-kid", "at+jwt", victimClaims())) == 401);
    const auto header = b64(R"({"alg":"RS256","typ":"at+jwt","kid":")" + active.kid + R"(","crit":["exp"]})");
    const auto input = header + "." + b64(victimClaims());
    BOOST_TEST(meStatus(input + "." + b64(active.key.sign(input))) == 401);
}

BOOST_AUTO_TEST_CASE(genuinely_signed_but_expired_token_is_refused) {
    const auto active = context->keys->active();
    const auto now = toUnix(context->clock.now());
    const auto iss = context->config.publicUrl();
    const auto claims = R"({"iss":")" + iss + R"(","aud":")" + iss + R"(","sub":")" + victim.id +
                        R"(","exp":)" + std::to_string(now - 61) + R"(,"iat":)" + std::to_string(now - 3700) + "}";
    BOOST_TEST(meStatus(crypto::signJwt(active.key, active.kid, "at+jwt", claims)) == 401);
    // The same claims within the 60 s skew pass, so the refusal above is the expiry.
    const auto fresh = R"({"iss":")" + iss + R"(","aud":")" + iss + R"(","sub":")" + victim.id +
                       R"(","exp":)" + std::to_string(now - 30) + R"(,"iat":)" + std::to_string(now - 3600) + "}";
    BOOST_TEST(meStatus(crypto::signJwt(active.key, active.kid, "at+jwt", fresh)) == 200);
}

BOOST_AUTO_TEST_CASE(stored_secrets_are_sealed_or_hashed) {
    post("/api/v1/auth/login", R"({"email":"victim@example.com","password":"victim-password"})");
    auto login = test::httpRequest(port, "POST", "/login", "email=victim%40example.com&password=victim-password", {},
                                   "application/x-www-form-urlencoded");
    const auto cookie = login.header("Set-Cookie");
    const auto sessionValue = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
    std::ifstream db(dir.file("data/authcore.db"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(db)), std::istreambuf_iterator<char>());
    std::ifstream wal(dir.file("data/authcore.db-wal"), std::ios::binary);
    bytes.append((std::istreambuf_iterator<char>(wal)), std::istreambuf_iterator<char>());
    BOOST_TEST(bytes.find("victim-password") == std::string::npos);
    BOOST_TEST(bytes.find("PRIVATE KEY") == std::string::npos);
    BOOST_TEST(bytes.find(sessionValue) == std::string::npos);
    BOOST_TEST(bytes.find("$argon2id$") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(appliance_security_master_key)

BOOST_AUTO_TEST_CASE(world_readable_master_key_stops_start_up) {
    test::TempDir dir;
    std::filesystem::create_directories(dir.file("data"));
    std::ofstream(dir.file("data/master.key")) << "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
    ::chmod(dir.file("data/master.key").c_str(), 0644);
    appliance::Logger logger(appliance::LogLevel::Error, false);
    const std::map<std::string, std::string> env{{"AUTHCORE_STORE_URL", "sqlite:" + dir.file("data/authcore.db")},
                                                 {"AUTHCORE_KEYS_MASTER_KEY_FILE", dir.file("data/master.key")}};
    try {
        appliance::Context context(appliance::Config::load("", env), logger);
        BOOST_FAIL("started with a world-readable master key");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(std::string(e.what()).find("chmod 600") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(keys_sealed_under_one_master_key_do_not_open_under_another) {
    test::TempDir dir;
    const std::map<std::string, std::string> env{{"AUTHCORE_STORE_URL", "sqlite:" + dir.file("data/authcore.db")},
                                                 {"AUTHCORE_KEYS_MASTER_KEY_FILE", dir.file("data/master.key")}};
    appliance::Logger logger(appliance::LogLevel::Error, false);
    { appliance::Context first(appliance::Config::load("", env), logger); }
    std::filesystem::remove(dir.file("data/master.key"));
    BOOST_CHECK_THROW(appliance::Context(appliance::Config::load("", env), logger), std::exception);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(appliance_security_forwarded)

namespace {
// A new account each time, so only the per-IP limit can trigger.
int loginFrom(unsigned short port, const std::string& forwardedFor) {
    static int attempt = 0;
    const auto email = "user" + std::to_string(++attempt) + "@example.com";
    return test::httpRequest(port, "POST", "/api/v1/auth/login",
                             R"({"email":")" + email + R"(","password":"wrong-password"})",
                             {{"X-Forwarded-For", forwardedFor}})
        .status;
}
} // namespace

BOOST_AUTO_TEST_CASE(spoofed_forwarded_for_does_not_escape_the_ip_limit) {
    test::ApplianceFixture app; // no trusted proxies: the header is ignored
    for (int i = 0; i < 20; ++i) BOOST_TEST(loginFrom(app.port, "198.51.100." + std::to_string(i)) == 401);
    BOOST_TEST(loginFrom(app.port, "198.51.100.250") == 429);
}

BOOST_AUTO_TEST_CASE(behind_a_trusted_proxy_each_client_has_its_own_limit) {
    test::ApplianceFixture app(std::map<std::string, std::string>{{"AUTHCORE_HTTP_TRUSTED_PROXIES", "127.0.0.1"}});
    for (int i = 0; i < 20; ++i) BOOST_TEST(loginFrom(app.port, "203.0.113.5") == 401);
    BOOST_TEST(loginFrom(app.port, "203.0.113.5") == 429);
    BOOST_TEST(loginFrom(app.port, "203.0.113.6") == 401);
    // A client cannot prepend a fake hop: the proxy appends the real one last.
    BOOST_TEST(loginFrom(app.port, "203.0.113.99, 203.0.113.5") == 429);
}

BOOST_AUTO_TEST_SUITE_END()
