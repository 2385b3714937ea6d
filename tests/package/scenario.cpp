// SPDX-License-Identifier: Apache-2.0
// Scenario: the install test's shared state and the host-side steps (package, copy, sign).
#include "scenario.hpp"

#include "support/child_process.hpp"

#include <authcore/saml/certificate_generator.hpp>
#include <authcore/saml/credential.hpp>
#include <authcore/saml/response_builder.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace authcore::test {

namespace {

Scenario* current = nullptr;
bool skipped = false;  // outlives the fixture, for main's exit status

fs::path environmentPath(const char* name) {
    const char* value = std::getenv(name);
    if (!value || !*value) throw std::runtime_error(std::string(name) + " is not set (run through meson test)");
    return value;
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeFile(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

Scenario::Scenario()
    : source_(environmentPath("AUTHCORE_SOURCE_ROOT")), build_(environmentPath("AUTHCORE_BUILD_ROOT")) {
    current = this;
    try {
        root_.emplace(source_ / "tests/package/fresh_root.sh", build_ / "package-test-cache");
        BOOST_TEST_MESSAGE("Debian 12 root ready in " << root_->preparedSeconds() << " s");
    } catch (const RootUnavailable& e) {
        // Not a pass: every case is reported skipped with this reason, and scripts/test
        // counts a run with no passed case as failed.
        unavailable_ = e.what();
        skipped = true;
        BOOST_TEST_MESSAGE("package_install SKIPPED, no Debian root on this machine: " << unavailable_);
    }
}

Scenario::~Scenario() {
    service_.reset();
    root_.reset();
    current = nullptr;
}

Scenario& Scenario::instance() { return *current; }

bool Scenario::wasUnavailable() { return skipped; }

boost::test_tools::assertion_result Scenario::rootAvailable(boost::unit_test::test_unit_id) {
    boost::test_tools::assertion_result available(current && current->root_.has_value());
    available.message() << "no Debian root on this machine: " << (current ? current->unavailable_ : "no fixture");
    return available;
}

std::string Scenario::jsonString(const std::string& body, const std::string& key) {
    try {
        const auto object = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
        return object->has(key) ? object->getValue<std::string>(key) : "";
    } catch (const Poco::Exception&) {
        return "";
    }
}

fs::path Scenario::buildDebs(const std::string& version) {
    const fs::path out = work_.path() / ("debs-" + version);
    const auto start = std::chrono::steady_clock::now();
    const auto result = runArgv({(source_ / "scripts/package").string(), "--build-dir", build_.string(), "--no-build",
                                 "--out", out.string(), "--version", version});
    BOOST_TEST_MESSAGE("scripts/package --version " << version << ": exit " << result.status << " in "
                                                    << secondsSince(start) << " s");
    BOOST_REQUIRE_MESSAGE(result.status == 0, "scripts/package failed:\n" << result.output);
    return out;
}

void Scenario::copyDebsIntoRoot(const std::string& version) {
    const fs::path target = root().host("/tmp/debs-" + version);
    fs::create_directories(target);
    for (const auto& entry : fs::directory_iterator(work_.path() / ("debs-" + version)))
        if (entry.path().extension() == ".deb")
            fs::copy_file(entry.path(), target / entry.path().filename(), fs::copy_options::overwrite_existing);
}

InstalledService& Scenario::startService(const std::string& unitPath) {
    service_.reset();
    port_ = freeLoopbackPort();
    const auto start = std::chrono::steady_clock::now();
    try {
        service_.emplace(root(), unitPath, port_, work_.path() / "service.log");
    } catch (const std::exception& e) {
        BOOST_FAIL(e.what());
    }
    BOOST_TEST_MESSAGE("READY=1 from pid " << service_->mainPid() << " after " << secondsSince(start) << " s");
    return *service_;
}

int Scenario::stopService() {
    BOOST_REQUIRE_MESSAGE(service_.has_value(), "the service is not running");
    const int status = service_->stop();
    if (status != 0) BOOST_TEST_MESSAGE("server log:\n" << fileTail(work_.path() / "service.log", 4000));
    service_.reset();
    return status;
}

int Scenario::processesRunning(const std::string& inside) const {
    const std::string binary = root_->host(inside).string();
    int count = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/proc", ec)) {
        std::error_code unreadable;
        const auto exe = fs::read_symlink(entry.path() / "exe", unreadable).string();
        if (!unreadable && exe.rfind(binary, 0) == 0) ++count;
    }
    return count;
}

unsigned long Scenario::processUid(pid_t pid) const {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("Uid:", 0) == 0) return std::stoul(line.substr(4));
    throw std::runtime_error("no such process: " + std::to_string(pid));
}

void Scenario::rememberMasterKey() {
    masterKey_ = readFile(root().host("/var/lib/authcore/master.key"));
    BOOST_REQUIRE_MESSAGE(!masterKey_.empty(), "no master key before the upgrade");
}

std::string Scenario::copyExampleIntoRoot(const std::string& dir) {
    const fs::path examples = source_ / "docs/examples";
    fs::create_directories(root().host(dir));
    fs::copy_file(examples / "verify_saml_response.cpp", root().host(dir) / "verify_saml_response.cpp",
                  fs::copy_options::overwrite_existing);
    // The README's own command, so the documentation is what gets tested.
    std::istringstream readme(readFile(examples / "README.md"));
    std::string line;
    while (std::getline(readme, line)) {
        const auto at = line.find("g++ ");
        if (at != std::string::npos && line.find("verify_saml_response.cpp") != std::string::npos) {
            std::string command = line.substr(at);
            while (!command.empty() && (command.back() == '`' || command.back() == ' ')) command.pop_back();
            return command;
        }
    }
    BOOST_FAIL("docs/examples/README.md gives no g++ command for verify_saml_response.cpp");
    return "";
}

void Scenario::writeSamlFixtures(const std::string& dir) {
    saml::CertificateRequest request;
    request.commonName = "idp.example.test";
    request.notBefore = std::chrono::system_clock::now() - std::chrono::hours(1);
    request.rsaBits = 2048;
    const auto certificate = saml::generateSelfSignedCertificate(request);
    BOOST_REQUIRE_MESSAGE(certificate.has_value(), "certificate: " << certificate.error().message);
    const auto credential = saml::SigningCredential::fromPem(certificate->privateKeyPem, certificate->certificatePem);
    BOOST_REQUIRE_MESSAGE(credential.has_value(), "credential: " << credential.error().message);
    saml::ResponseSpec spec;  // IdP-initiated: the example has no AuthnRequest to match
    spec.issuer = kIdpEntityId;
    spec.destination = kAcsUrl;
    spec.audience = kSpEntityId;
    spec.nameId = kSubject;
    spec.nameIdFormat = saml::NameIdFormat::EmailAddress;
    spec.sessionIndex = "_session42";
    spec.now = std::chrono::system_clock::now();
    spec.authnInstant = spec.now - std::chrono::seconds(30);
    const auto built = saml::buildResponse(spec, *credential);
    BOOST_REQUIRE_MESSAGE(built.has_value(), "buildResponse: " << built.error().message);
    const std::string signedName = std::string(kSubject) + "</saml:NameID>";
    std::string tampered = built->xml;
    const auto at = tampered.find(signedName);
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, "no NameID in the built Response");
    tampered.replace(at, signedName.size(), std::string(kTamperedSubject) + "</saml:NameID>");
    writeFile(root().host(dir) / "response.xml", built->xml);
    writeFile(root().host(dir) / "tampered.xml", tampered);
    writeFile(root().host(dir) / "idp.pem", certificate->certificatePem);
}

} // namespace authcore::test
