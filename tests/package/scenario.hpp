// SPDX-License-Identifier: Apache-2.0
// Scenario: the install test's global fixture — one Debian root and what the steps share.
#pragma once

#include "debian_root.hpp"
#include "installed_service.hpp"

#include "support/temp_dir.hpp"

#include <authcore/saml/library.hpp>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace authcore::test {

class Scenario {
public:
    static constexpr const char* kIdpEntityId = "https://idp.example.test/saml";
    static constexpr const char* kSpEntityId = "https://sp.example.test/metadata";
    static constexpr const char* kAcsUrl = "https://sp.example.test/acs";
    static constexpr const char* kSubject = "ada@example.test";
    static constexpr const char* kTamperedSubject = "eve@example.test";

    /// Prepares the root; when this machine cannot make one, records why instead.
    Scenario();
    ~Scenario();
    Scenario(const Scenario&) = delete;
    Scenario& operator=(const Scenario&) = delete;

    static Scenario& instance();
    /// Precondition of every case: false, with the reason, when there is no root.
    static boost::test_tools::assertion_result rootAvailable(boost::unit_test::test_unit_id);
    /// True once a Scenario found that this machine cannot make a root (it skipped).
    static bool wasUnavailable();
    /// The string member `key` of a JSON object ("" when absent).
    static std::string jsonString(const std::string& body, const std::string& key);

    DebianRoot& root() { return *root_; }
    /// The loopback port the service listens on (AUTHCORE_HTTP_PORT).
    int port() const { return port_; }

    /// scripts/package --no-build with `version`; the directory holding the .debs.
    std::filesystem::path buildDebs(const std::string& version);
    /// Copies the .debs of `version` to /tmp/debs-<version>/ in the root.
    void copyDebsIntoRoot(const std::string& version);
    /// Starts the installed unit (see InstalledService); fails the test when it cannot.
    InstalledService& startService(const std::string& unitPath);
    /// Stops it; the exit status.
    int stopService();

    /// How many processes run the root's `inside` binary.
    int processesRunning(const std::string& inside) const;
    /// The real uid of `pid`.
    unsigned long processUid(pid_t pid) const;

    void rememberMasterKey();
    const std::string& masterKeyBefore() const { return masterKey_; }

    /// Copies docs/examples/verify_saml_response.cpp to `dir` in the root; the build
    /// command docs/examples/README.md gives.
    std::string copyExampleIntoRoot(const std::string& dir);
    /// response.xml (signed), tampered.xml (subject changed after signing), idp.pem in `dir`.
    void writeSamlFixtures(const std::string& dir);

private:
    saml::Library saml_;  // for signing the example's Response with the build tree's libsaml
    TempDir work_;
    std::filesystem::path source_;
    std::filesystem::path build_;
    std::optional<DebianRoot> root_;
    std::string unavailable_;
    std::optional<InstalledService> service_;
    int port_ = 0;
    std::string masterKey_;
};

} // namespace authcore::test
