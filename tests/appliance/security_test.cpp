// SPDX-License-Identifier: Apache-2.0
// SECURITY.md rules tried as attacks against the running appliance; each checks
// that the attack is refused and that nothing was written.
#include "appliance_fixture.hpp"

#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/jwt.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/test/unit_test.hpp>

#include <Poco/Net/StreamSocket.h>

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

BOOST_AUTO_TEST_SUITE(appliance_security_http)

namespace {
// Everything the server sends on one connection until it closes or goes quiet.
std::string rawExchange(unsigned short port, const std::string& bytes) {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
    socket.setReceiveTimeout(Poco::Timespan(1, 0));
    socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
    std::string received;
    char buffer[4096];
    try {
        for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;) received.append(buffer, static_cast<std::size_t>(n));
    } catch (const Poco::TimeoutException&) {
    }
    return received;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
    return n;
}
} // namespace

BOOST_AUTO_TEST_CASE(a_body_never_becomes_a_second_request) {
    test::ApplianceFixture app;
    const std::string smuggled = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
    for (const std::string target : {"/nope", "/healthz"}) { // 404 and 405 paths
        const auto reply = rawExchange(app.port, "POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                                                     std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled);
        BOOST_TEST(count(reply, "HTTP/1.1 ") == 1u, reply);
        BOOST_TEST(reply.find("authcore_http_requests_total") == std::string::npos);
    }
    const auto big = rawExchange(app.port, "POST /nope HTTP/1.1\r\nHost: x\r\nX-A: " + std::string(5000, 'a') +
                                               "\r\nX-B: " + std::string(5000, 'b') + "\r\nContent-Length: " +
                                               std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled);
    BOOST_TEST(count(big, "HTTP/1.1 ") == 1u, big);
}

BOOST_AUTO_TEST_CASE(repeated_forwarded_for_headers_are_read_as_one_list) {
    test::ApplianceFixture app(std::map<std::string, std::string>{{"AUTHCORE_HTTP_TRUSTED_PROXIES", "127.0.0.1"}});
    int last = 0;
    for (int i = 0; i < 21; ++i) {
        Poco::Net::HTTPClientSession session("127.0.0.1", app.port);
        Poco::Net::HTTPRequest request("POST", "/api/v1/auth/login", Poco::Net::HTTPMessage::HTTP_1_1);
        request.add("X-Forwarded-For", "6.6.6." + std::to_string(i)); // what the client sent
        request.add("X-Forwarded-For", "203.0.113.9");                 // what our proxy appended
        const std::string body = R"({"email":"u)" + std::to_string(i) + R"(@example.com","password":"wrong-pw"})";
        request.setContentType("application/json");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
        session.sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        session.receiveResponse(response);
        last = static_cast<int>(response.getStatus());
    }
    BOOST_TEST(last == 429);
}

BOOST_AUTO_TEST_CASE(made_up_methods_do_not_grow_metrics) {
    test::ApplianceFixture app;
    for (int i = 0; i < 3; ++i) rawExchange(app.port, "ZZZ" + std::to_string(i) + " /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto metrics = app.get("/metrics").body;
    BOOST_TEST(metrics.find("ZZZ") == std::string::npos);
    BOOST_TEST(metrics.find("method=\"OTHER\"") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(appliance_security_idle_connections)

BOOST_AUTO_TEST_CASE(idle_keep_alive_clients_do_not_starve_the_server) {
    // As many idle keep-alive connections as worker threads, each after one request.
    test::ApplianceFixture app(std::map<std::string, std::string>{{"AUTHCORE_HTTP_THREADS", "4"}});
    std::vector<std::unique_ptr<Poco::Net::HTTPClientSession>> idle;
    for (int i = 0; i < 4; ++i) {
        idle.push_back(std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", app.port));
        idle.back()->setKeepAlive(true);
        Poco::Net::HTTPRequest request("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
        idle.back()->sendRequest(request);
        Poco::Net::HTTPResponse response;
        idle.back()->receiveResponse(response).ignore(1 << 20);
    }
    // A new client is served once the idle ones time out (5 s), not after 30 s.
    const auto started = std::chrono::steady_clock::now();
    BOOST_TEST(app.get("/healthz").status == 200);
    const auto waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    BOOST_TEST(waited < 7.0, "waited " << waited << " s");
}

BOOST_AUTO_TEST_SUITE_END()
