// SPDX-License-Identifier: Apache-2.0
// docs/examples/verify_saml_response.cpp compiles against libauthcore-saml alone
// and accepts a signed Response, refusing a tampered or misaddressed one.
#define BOOST_TEST_MODULE package_example_program
#include <boost/test/unit_test.hpp>

#include <authcore/saml/certificate_generator.hpp>
#include <authcore/saml/credential.hpp>
#include <authcore/saml/library.hpp>
#include <authcore/saml/response_builder.hpp>

#include "support/shell.hpp"
#include "support/temp_dir.hpp"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <sys/wait.h>

namespace {

using authcore::test::runCommand;

constexpr const char* kIdp = "https://idp.example.test/saml";
constexpr const char* kSp = "https://sp.example.test/metadata";
constexpr const char* kAcs = "https://sp.example.test/acs";

std::string env(const char* name) {
    const char* value = std::getenv(name);
    BOOST_REQUIRE_MESSAGE(value != nullptr, name << " is not set (run through meson test)");
    return value;
}

void writeFile(const std::string& path, const std::string& content) {
    std::ofstream(path, std::ios::binary) << content;
}

// The example built once with the documented flags, pointed at the build tree:
// meson's uninstalled authcore-saml.pc names libsaml/ rather than
// libsaml/include for headers, so the -I and -L flags are spelled out.
struct Example {
    authcore::test::TempDir dir;
    std::string binary = dir.file("verify_saml_response");
    authcore::saml::GeneratedCertificate idp = generate("idp.example.test");

    Example() {
        const auto build = env("AUTHCORE_BUILD_ROOT");
        const auto source = env("AUTHCORE_SOURCE_ROOT");
        int status = 0;
        const auto output = runCommand("g++ -std=c++20 " + source + "/docs/examples/verify_saml_response.cpp -I" +
                                           source + "/libsaml/include -L" + build + "/libsaml -lauthcore-saml -Wl,-rpath," +
                                           build + "/libsaml -o " + binary,
                                       status);
        BOOST_REQUIRE_MESSAGE(status == 0, "the example does not compile: " << output);
        writeFile(dir.file("idp.pem"), idp.certificatePem);
    }

    static authcore::saml::GeneratedCertificate generate(const std::string& name) {
        authcore::saml::CertificateRequest request;
        request.commonName = name;
        request.notBefore = std::chrono::system_clock::now() - std::chrono::hours(1);
        request.rsaBits = 2048;
        auto generated = authcore::saml::generateSelfSignedCertificate(request);
        if (!generated) throw std::runtime_error("certificate: " + generated.error().message);
        return *generated;
    }

    // A Response for ada@example.test to our SP, signed now by the IdP's key.
    std::string response(const std::optional<std::string>& inResponseTo) const {
        authcore::saml::ResponseSpec spec;
        spec.issuer = kIdp;
        spec.destination = kAcs;
        spec.inResponseTo = inResponseTo;
        spec.audience = kSp;
        spec.nameId = "ada@example.test";
        spec.sessionIndex = "_session1";
        spec.now = std::chrono::system_clock::now();
        spec.authnInstant = spec.now - std::chrono::seconds(5);
        auto credential = authcore::saml::SigningCredential::fromPem(idp.privateKeyPem, idp.certificatePem);
        BOOST_REQUIRE(credential.has_value());
        auto built = authcore::saml::buildResponse(spec, *credential);
        BOOST_REQUIRE_MESSAGE(built.has_value(), "buildResponse: " << built.error().message);
        return built->xml;
    }

    struct Run {
        int status;
        std::string output;
    };

    // Runs the example on `xml`; `extra` follows the five positional arguments.
    Run verify(const std::string& xml, const std::string& sp = kSp, const std::string& extra = "") const {
        writeFile(dir.file("response.xml"), xml);
        int status = 0;
        auto output = runCommand(binary + " " + dir.file("response.xml") + " " + dir.file("idp.pem") + " '" + sp +
                                     "' '" + kAcs + "' '" + kIdp + "' " + extra,
                                 status);
        BOOST_TEST_MESSAGE("example said: " << output);
        return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
    }
};

// Compiled once for the run (g++ takes seconds), after the Library is up.
const Example& example() {
    static const Example built;
    return built;
}

// libxml2 and xmlsec are initialised once per process, as in the example itself.
struct SamlLibraryFixture {
    authcore::saml::Library library;
};

std::string replaceOnce(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, "not found: " << from);
    return text.replace(at, from.size(), to);
}

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(SamlLibraryFixture);

BOOST_AUTO_TEST_SUITE(package_example_program)

BOOST_AUTO_TEST_CASE(signed_unsolicited_response_prints_the_subject_and_exits_0) {
    const auto run = example().verify(example().response(std::nullopt));
    BOOST_TEST(run.status == 0);
    BOOST_TEST(run.output == "ada@example.test\n");
}

BOOST_AUTO_TEST_CASE(response_to_the_given_request_id_exits_0) {
    const auto run = example().verify(example().response("_req42"), kSp, "_req42");
    BOOST_TEST(run.status == 0);
    BOOST_TEST(run.output == "ada@example.test\n");
}

BOOST_AUTO_TEST_CASE(tampered_subject_exits_1_with_the_reason) {
    const auto tampered = replaceOnce(example().response(std::nullopt), "ada@example.test</saml:NameID>",
                                      "admin@example.test</saml:NameID>");
    const auto run = example().verify(tampered);
    BOOST_TEST(run.status == 1);
    BOOST_TEST(run.output.find("invalid: signature_invalid") != std::string::npos);
    BOOST_TEST(run.output.find("admin@example.test") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(response_for_another_audience_exits_1) {
    const auto run = example().verify(example().response(std::nullopt), "https://other-sp.example.test/metadata");
    BOOST_TEST(run.status == 1);
    BOOST_TEST(run.output.find("invalid: audience_mismatch") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_arguments_print_the_usage_and_exit_2) {
    int status = 0;
    const auto output = runCommand(example().binary + " " + example().dir.file("idp.pem"), status);
    BOOST_TEST(WEXITSTATUS(status) == 2);
    BOOST_TEST(output.find("usage: verify_saml_response") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
