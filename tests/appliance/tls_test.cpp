// SPDX-License-Identifier: Apache-2.0
// tls.cert / tls.key: the server speaks HTTPS (checked with curl and our CA file).
#include "appliance_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>

using namespace authcore;

namespace {

std::string shell(const std::string& command, int& status) {
    std::string output;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    std::array<char, 4096> buffer{};
    while (pipe && fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
    status = pipe ? pclose(pipe) : -1;
    return output;
}

struct TlsFiles {
    TlsFiles() {
        int status = 0;
        const auto out = shell("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "
                               "/CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
                                   dir.file("key.pem") + " -out " + dir.file("cert.pem"),
                               status);
        BOOST_REQUIRE_MESSAGE(status == 0, out);
    }
    test::TempDir dir;
};

} // namespace

BOOST_AUTO_TEST_SUITE(appliance_tls)

BOOST_AUTO_TEST_CASE(https_is_served_with_the_configured_certificate) {
    TlsFiles files;
    test::ApplianceFixture app(std::map<std::string, std::string>{
        {"AUTHCORE_TLS_CERT", files.dir.file("cert.pem")}, {"AUTHCORE_TLS_KEY", files.dir.file("key.pem")}});
    BOOST_TEST(app.context->config.publicUrl().rfind("https://", 0) == 0);
    int status = 0;
    const auto body = shell("curl -sS --max-time 10 --cacert " + files.dir.file("cert.pem") + " https://127.0.0.1:" +
                                std::to_string(app.port) + "/healthz",
                            status);
    BOOST_TEST(status == 0, body);
    BOOST_TEST(body == R"({"status":"ok"})");
    // Plain HTTP on the TLS port gets no HTTP answer.
    shell("curl -sS --max-time 5 http://127.0.0.1:" + std::to_string(app.port) + "/healthz", status);
    BOOST_TEST(status != 0);
}

BOOST_AUTO_TEST_CASE(unverifiable_certificate_is_rejected_by_a_verifying_client) {
    TlsFiles files;
    test::ApplianceFixture app(std::map<std::string, std::string>{
        {"AUTHCORE_TLS_CERT", files.dir.file("cert.pem")}, {"AUTHCORE_TLS_KEY", files.dir.file("key.pem")}});
    int status = 0;
    shell("curl -sS --max-time 10 https://127.0.0.1:" + std::to_string(app.port) + "/healthz", status);
    BOOST_TEST(status != 0); // self-signed, not in the system store: proves TLS is really in use
}

BOOST_AUTO_TEST_SUITE_END()
