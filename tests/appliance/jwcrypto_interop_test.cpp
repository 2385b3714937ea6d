// SPDX-License-Identifier: Apache-2.0
// An independent JOSE library (python3-jwcrypto) validates our tokens against our JWKS.
#include "appliance_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>

using namespace authcore;

namespace {

struct PythonResult {
    int status;
    std::string output;
};

PythonResult verifyWithJwcrypto(unsigned short port, const std::string& token, const std::string& issuer,
                                const std::string& audience) {
    const std::string script = std::string(std::getenv("AUTHCORE_SOURCE_ROOT")) + "/tests/interop/verify_with_jwcrypto.py";
    const std::string command = "/usr/bin/python3 '" + script + "' 'http://127.0.0.1:" + std::to_string(port) +
                                "/.well-known/jwks.json' '" + token + "' '" + issuer + "' '" + audience + "' 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    std::string output;
    std::array<char, 4096> buffer{};
    while (pipe && fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
    const int status = pipe ? pclose(pipe) : -1;
    return {status, output};
}

std::string tokenFor(test::ApplianceFixture& app) {
    app.createUser("interop@example.com", "interop-password");
    return app.loginHeaders("interop@example.com", "interop-password").at("Authorization").substr(7);
}

void checkAlgorithm(const std::string& alg) {
    test::ApplianceFixture app(std::map<std::string, std::string>{{"AUTHCORE_TOKEN_ALGORITHM", alg}});
    const auto token = tokenFor(app);
    const auto issuer = app.context->config.publicUrl();
    auto ok = verifyWithJwcrypto(app.port, token, issuer, issuer);
    BOOST_TEST(ok.status == 0, alg << ": " << ok.output);
    BOOST_TEST(ok.output.find("\"alg\": \"" + alg + "\"") != std::string::npos, ok.output);
    BOOST_TEST(ok.output.find("\"typ\": \"at+jwt\"") != std::string::npos, ok.output);
}

} // namespace

BOOST_AUTO_TEST_SUITE(interop_jwcrypto)

BOOST_AUTO_TEST_CASE(rs256_token_verifies_with_jwcrypto) { checkAlgorithm("RS256"); }
BOOST_AUTO_TEST_CASE(es256_token_verifies_with_jwcrypto) { checkAlgorithm("ES256"); }
BOOST_AUTO_TEST_CASE(eddsa_token_verifies_with_jwcrypto) { checkAlgorithm("EdDSA"); }

BOOST_AUTO_TEST_CASE(tampered_or_misaddressed_token_is_refused_by_jwcrypto) {
    test::ApplianceFixture app;
    auto token = tokenFor(app);
    const auto issuer = app.context->config.publicUrl();
    BOOST_TEST(verifyWithJwcrypto(app.port, token, issuer, "orders-api").status != 0);
    BOOST_TEST(verifyWithJwcrypto(app.port, token, "https://evil.example", issuer).status != 0);
    const auto dot = token.find('.');
    token[dot + 5] = token[dot + 5] == 'A' ? 'B' : 'A';
    BOOST_TEST(verifyWithJwcrypto(app.port, token, issuer, issuer).status != 0);
}

BOOST_AUTO_TEST_SUITE_END()
