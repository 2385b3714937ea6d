// SPDX-License-Identifier: Apache-2.0
// PocoHttpClient (and JwksCache over it) against real loopback HTTP and HTTPS servers.
#include "support/temp_dir.hpp"

#include "http/outbound_client.hpp"

#include <authcore/crypto/jwt.hpp>
#include <authcore/error.hpp>
#include <authcore/services/jwks_cache.hpp>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include "support/tls_files.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <cctype>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>

using namespace authcore;
using appliance::OutboundClientOptions;
using appliance::PocoHttpClient;

namespace {

constexpr std::size_t kBigBody = 64 * 1024;

bool isUpstreamError(const Error& e) { return e.code() == ErrorCode::UpstreamError; }

OutboundResponse get(HttpClient& http, const std::string& url) {
    OutboundRequest request;
    request.url = url;
    return http.send(request);
}

// The UpstreamError message of a GET that must fail, lower-cased; "" if it did not fail so.
std::string upstreamFailure(HttpClient& http, const std::string& url) {
    try {
        get(http, url);
    } catch (const Error& e) {
        std::string message = isUpstreamError(e) ? e.what() : "";
        for (auto& c : message) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return message;
    }
    return "";
}

// Serves a fixed JWKS and a few misbehaving documents; counts requests.
class DocumentHandler final : public Poco::Net::HTTPRequestHandler {
public:
    DocumentHandler(const std::string& jwks, std::atomic<int>& hits) : jwks_(jwks), hits_(hits) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
        ++hits_;
        const auto path = request.getURI();
        if (path == "/jwks") {
            response.set("Cache-Control", "max-age=120");
            response.setContentType("application/json");
            response.sendBuffer(jwks_.data(), jwks_.size());
        } else if (path == "/redirect") {
            response.redirect("/jwks", Poco::Net::HTTPResponse::HTTP_FOUND);
        } else if (path == "/big") {
            const std::string big(kBigBody, 'x');
            response.sendBuffer(big.data(), big.size());
        } else if (path == "/big-chunked") {
            response.setChunkedTransferEncoding(true);
            auto& out = response.send();
            for (std::size_t sent = 0; sent < kBigBody && out; sent += 1024) out << std::string(1024, 'x');
        } else {
            echo(request, response);
        }
    }

private:
    static void echo(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
        std::string body;
        Poco::StreamCopier::copyToString(request.stream(), body);
        const auto text = request.getMethod() + " " + request.getContentType() + " " + body;
        response.setContentType("text/plain");
        response.sendBuffer(text.data(), text.size());
    }
    const std::string& jwks_;
    std::atomic<int>& hits_;
};

class DocumentFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    DocumentFactory(const std::string& jwks, std::atomic<int>& hits) : jwks_(jwks), hits_(hits) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new DocumentHandler(jwks_, hits_);
    }

private:
    const std::string& jwks_;
    std::atomic<int>& hits_;
};

// A loopback HTTP(S) server publishing a freshly generated ES256 key as a JWKS.
class JwksServer {
public:
    explicit JwksServer(const Poco::Net::ServerSocket& socket)
        : key(crypto::KeyPair::generate(SigningAlgorithm::ES256)), jwks(makeJwks(key)),
          server_(new DocumentFactory(jwks, hits), socket, makeParams()) {
        server_.start();
    }
    ~JwksServer() { server_.stopAll(true); }
    JwksServer(const JwksServer&) = delete;
    JwksServer& operator=(const JwksServer&) = delete;

    std::string url(const std::string& scheme, const std::string& path) const {
        return scheme + "://127.0.0.1:" + std::to_string(server_.port()) + path;
    }
    unsigned short port() const { return server_.port(); }

    crypto::KeyPair key;
    std::string jwks;
    std::atomic<int> hits{0};

private:
    static std::string makeJwks(const crypto::KeyPair& key) {
        crypto::KeySet set;
        set.add("k1", key.publicKey());
        return set.toJwks();
    }
    static Poco::Net::HTTPServerParams::Ptr makeParams() {
        Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(4);
        params->setKeepAlive(false);
        return params;
    }
    Poco::Net::HTTPServer server_;
};

struct PlainServer : JwksServer {
    PlainServer() : JwksServer(Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0))) {}
};


// A self-signed certificate for 127.0.0.1 (CN and IP SAN), which no system store trusts.
using SelfSignedCert = test::TlsFiles;

struct SslLibrary {
    SslLibrary() { Poco::Net::initializeSSL(); }
    ~SslLibrary() { Poco::Net::uninitializeSSL(); }
};

Poco::Net::SecureServerSocket secureSocket(const SelfSignedCert& cert) {
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_SERVER_USE, cert.dir.file("key.pem"), cert.dir.file("cert.pem"), "",
        Poco::Net::Context::VERIFY_NONE);
    return Poco::Net::SecureServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0), 64, context);
}

struct TlsServer : SslLibrary, SelfSignedCert, JwksServer {
    TlsServer() : JwksServer(secureSocket(*this)) {}
};

unsigned short closedPort() {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    const auto port = probe.address().port();
    probe.close();
    return port;
}

} // namespace

BOOST_AUTO_TEST_SUITE(appliance_outbound_http)

BOOST_FIXTURE_TEST_CASE(get_returns_status_body_and_lower_cased_headers, PlainServer) {
    PocoHttpClient http;
    const auto response = get(http, url("http", "/jwks"));
    BOOST_TEST(response.status == 200);
    BOOST_TEST(response.body == jwks);
    BOOST_TEST(response.headers.at("cache-control") == "max-age=120");
    BOOST_TEST(response.headers.at("content-type") == "application/json");
}

BOOST_FIXTURE_TEST_CASE(post_sends_body_and_content_type, PlainServer) {
    PocoHttpClient http;
    OutboundRequest request{"POST", url("http", "/echo"), {}, "application/x-www-form-urlencoded", "a=1&b=2"};
    const auto response = http.send(request);
    BOOST_TEST(response.body == "POST application/x-www-form-urlencoded a=1&b=2");
}

BOOST_FIXTURE_TEST_CASE(redirects_are_returned_not_followed, PlainServer) {
    PocoHttpClient http;
    const auto response = get(http, url("http", "/redirect"));
    BOOST_TEST(response.status == 302);
    BOOST_TEST(response.headers.at("location") == "/jwks");
    BOOST_TEST(hits.load() == 1);
}

BOOST_FIXTURE_TEST_CASE(jwks_cache_over_http_verifies_a_token_and_honours_max_age, PlainServer) {
    PocoHttpClient http;
    SystemClock clock;
    JwksCache cache(http, clock);
    const auto now = clock.now();
    const auto token = crypto::signJwt(key, "k1", "JWT",
                                       R"({"iss":"https://issuer.test","aud":"authcore","exp":)" +
                                           std::to_string(toUnix(now) + 300) + "}");
    crypto::VerifyOptions options;
    options.now = now;
    options.issuer = "https://issuer.test";
    options.audience = "authcore";
    BOOST_TEST(crypto::verifyJwt(token, cache.keysFor(url("http", "/jwks"), "k1"), options).has_value());
    BOOST_TEST(crypto::verifyJwt(token, cache.keysFor(url("http", "/jwks"), "k1"), options).has_value());
    BOOST_TEST(hits.load() == 1);
}

BOOST_FIXTURE_TEST_CASE(response_over_the_size_limit_fails, PlainServer) {
    PocoHttpClient http(OutboundClientOptions{std::chrono::milliseconds{5000}, kBigBody / 4, ""});
    BOOST_CHECK_EXCEPTION(get(http, url("http", "/big")), Error, isUpstreamError);
    BOOST_CHECK_EXCEPTION(get(http, url("http", "/big-chunked")), Error, isUpstreamError);
    BOOST_TEST(get(http, url("http", "/jwks")).status == 200);
}

BOOST_AUTO_TEST_CASE(silent_server_fails_within_the_timeout) {
    // Listening but never accepting: the kernel completes the connect, nobody answers.
    Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
    PocoHttpClient http(OutboundClientOptions{std::chrono::milliseconds{1000}, 1024 * 1024, ""});
    const auto start = std::chrono::steady_clock::now();
    BOOST_CHECK_EXCEPTION(get(http, "http://127.0.0.1:" + std::to_string(silent.address().port()) + "/jwks"), Error,
                          isUpstreamError);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() < 2000);
}

BOOST_AUTO_TEST_CASE(refused_port_fails) {
    PocoHttpClient http;
    BOOST_CHECK_EXCEPTION(get(http, "http://127.0.0.1:" + std::to_string(closedPort()) + "/jwks"), Error,
                          isUpstreamError);
}

BOOST_FIXTURE_TEST_CASE(https_to_a_plain_http_port_fails_the_handshake, PlainServer) {
    PocoHttpClient http(OutboundClientOptions{std::chrono::milliseconds{3000}, 1024 * 1024, ""});
    BOOST_CHECK_EXCEPTION(get(http, url("https", "/jwks")), Error, isUpstreamError);
}

BOOST_AUTO_TEST_CASE(schemes_other_than_http_and_https_are_refused) {
    PocoHttpClient http;
    BOOST_CHECK_EXCEPTION(get(http, "ftp://127.0.0.1/jwks"), Error, isUpstreamError);
    BOOST_CHECK_EXCEPTION(get(http, "file:///etc/passwd"), Error, isUpstreamError);
}

BOOST_FIXTURE_TEST_CASE(https_with_the_server_certificate_as_ca_file_succeeds, TlsServer) {
    PocoHttpClient http(OutboundClientOptions{std::chrono::milliseconds{5000}, 1024 * 1024, dir.file("cert.pem")});
    const auto response = get(http, url("https", "/jwks"));
    BOOST_TEST(response.status == 200);
    BOOST_TEST(response.body == jwks);
}

BOOST_FIXTURE_TEST_CASE(https_with_an_untrusted_certificate_fails, TlsServer) {
    PocoHttpClient http;
    BOOST_TEST(upstreamFailure(http, url("https", "/jwks")).find("certificate") != std::string::npos);
    BOOST_TEST(hits.load() == 0);
}

BOOST_FIXTURE_TEST_CASE(https_to_a_name_the_certificate_does_not_cover_fails, TlsServer) {
    PocoHttpClient http(OutboundClientOptions{std::chrono::milliseconds{5000}, 1024 * 1024, dir.file("cert.pem")});
    const auto failure = upstreamFailure(http, "https://localhost:" + std::to_string(port()) + "/jwks");
    BOOST_TEST(failure.find("certificate") != std::string::npos, failure);
    BOOST_TEST(hits.load() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
