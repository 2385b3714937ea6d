// SPDX-License-Identifier: Apache-2.0
// tls.cert / tls.key: the server speaks HTTPS (checked with curl and our CA file).
#include "appliance_fixture.hpp"
#include "support/tls_files.hpp"

#include "support/shell.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>

using namespace authcore;

namespace {


using test::TlsFiles;

} // namespace

BOOST_AUTO_TEST_SUITE(appliance_tls)

BOOST_AUTO_TEST_CASE(https_is_served_with_the_configured_certificate) {
    TlsFiles files;
    test::ApplianceFixture app(std::map<std::string, std::string>{
        {"AUTHCORE_TLS_CERT", files.cert()}, {"AUTHCORE_TLS_KEY", files.key()}});
    BOOST_TEST(app.context->config.publicUrl().rfind("https://", 0) == 0);
    int status = 0;
    const auto body = test::runCommand("curl -sS --max-time 10 --cacert " + files.cert() + " https://127.0.0.1:" +
                                std::to_string(app.port) + "/healthz",
                            status);
    BOOST_TEST(status == 0, body);
    BOOST_TEST(body == R"({"status":"ok"})");
    // Plain HTTP on the TLS port gets no HTTP answer.
    test::runCommand("curl -sS --max-time 5 http://127.0.0.1:" + std::to_string(app.port) + "/healthz", status);
    BOOST_TEST(status != 0);
}

BOOST_AUTO_TEST_CASE(unverifiable_certificate_is_rejected_by_a_verifying_client) {
    TlsFiles files;
    test::ApplianceFixture app(std::map<std::string, std::string>{
        {"AUTHCORE_TLS_CERT", files.cert()}, {"AUTHCORE_TLS_KEY", files.key()}});
    int status = 0;
    test::runCommand("curl -sS --max-time 10 https://127.0.0.1:" + std::to_string(app.port) + "/healthz", status);
    BOOST_TEST(status != 0); // self-signed, not in the system store: proves TLS is really in use
}

BOOST_AUTO_TEST_SUITE_END()
