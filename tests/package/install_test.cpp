// SPDX-License-Identifier: Apache-2.0
// Issue 9: the .debs installed with apt into a fresh Debian 12 root — service start as
// the unit says, first owner and login, upgrade keeping data, libraries, remove, purge.
// The cases are one scenario, run in declaration order; each is skipped, with the
// reason, when the earlier step it needs did not pass.
#define BOOST_TEST_MODULE package_install
#define BOOST_TEST_NO_MAIN  // main below: a run without a root is meson's SKIP, not OK
#include <boost/test/results_collector.hpp>
#include <boost/test/unit_test.hpp>

#include "debian_root.hpp"
#include "installed_service.hpp"
#include "scenario.hpp"

#include "support/http_client.hpp"

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
namespace utf = boost::unit_test;
using authcore::test::CommandResult;
using authcore::test::Scenario;
using authcore::test::httpRequest;

BOOST_TEST_GLOBAL_FIXTURE(Scenario);

namespace {

constexpr const char* kUnit = "/lib/systemd/system/authcore.service";
constexpr const char* kConfig = "/etc/authcore/authcore.properties";
constexpr const char* kOwner = "owner@example.com";
constexpr const char* kPassword = "correct horse battery";
constexpr const char* kOrg = "acme";

Scenario& scenario() { return Scenario::instance(); }

// A root command that must succeed; its output, or the test fails with it.
std::string mustRun(const std::string& command) {
    const CommandResult result = scenario().root().run(command);
    BOOST_REQUIRE_MESSAGE(result.status == 0, "`" << command << "` exited " << result.status << ":\n" << result.output);
    return result.output;
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// POST /api/v1/auth/login from the host; the access_token ("" when refused).
std::string login() {
    const auto response = httpRequest(scenario().port(), "POST", "/api/v1/auth/login",
                                      std::string(R"({"email":")") + kOwner + R"(","password":")" + kPassword + "\"}");
    BOOST_TEST_MESSAGE("login: " << response.status << " " << response.body.substr(0, 200));
    return response.status == 200 ? Scenario::jsonString(response.body, "access_token") : "";
}

// The organization as its owner sees it, after a fresh login.
int organizationStatus() {
    const std::string token = login();
    BOOST_REQUIRE_MESSAGE(!token.empty(), "the owner cannot log in");
    return httpRequest(scenario().port(), "GET", std::string("/api/v1/organizations/") + kOrg, "",
                       {{"Authorization", "Bearer " + token}})
        .status;
}

// `stat -c FORMAT path` inside the root (names resolved in the root's passwd).
std::string statInRoot(const std::string& format, const std::string& path) {
    std::string out = mustRun("stat -c " + authcore::test::shellQuote(format) + " " + path);
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

// Precondition: the case `name` of this suite passed. Not depends_on, which reorders
// the cases by dependency depth (remove would run before the example is built).
utf::decorator::precondition after(const char* name) {
    return utf::precondition([name](utf::test_unit_id id) {
        const auto& suite = utf::framework::get<utf::test_suite>(utf::framework::get(id, utf::TUT_ANY).p_parent_id);
        const utf::test_unit_id step = suite.get(name);
        boost::test_tools::assertion_result passed(step != utf::INV_TEST_UNIT_ID &&
                                                   utf::results_collector.results(step).passed());
        passed.message() << "it needs \"" << name << "\", which did not pass";
        return passed;
    });
}

} // namespace

BOOST_AUTO_TEST_SUITE(package_install, *utf::precondition(Scenario::rootAvailable))

BOOST_AUTO_TEST_CASE(package_script_builds_all_six_debs) {
    const fs::path out = scenario().buildDebs("0.1.0-1");
    for (const char* name : {"authcore", "libauthcore0", "libauthcore-saml0", "libauthcore-ldap0",
                             "libauthcore-graphql0", "libauthcore-dev"})
        BOOST_TEST(fs::is_regular_file(out / (std::string(name) + "_0.1.0-1_amd64.deb")), name << " .deb missing");
}

BOOST_AUTO_TEST_CASE(apt_installs_the_package_with_archive_dependencies,
                     *after("package_script_builds_all_six_debs")) {
    scenario().copyDebsIntoRoot("0.1.0-1");
    // Current lists, so dependencies resolve to what the archive (and security) serve today.
    mustRun("apt-get update -q");
    const std::string output = mustRun("cd /tmp/debs-0.1.0-1 && apt-get install -y -q ./authcore_0.1.0-1_amd64.deb");
    BOOST_TEST_MESSAGE(output);
    BOOST_TEST(mustRun("dpkg-query -W -f '${Status}' authcore") == "install ok installed");
}

BOOST_AUTO_TEST_CASE(postinst_creates_the_system_user_and_private_state,
                     *after("apt_installs_the_package_with_archive_dependencies")) {
    const CommandResult id = scenario().root().run("id authcore");
    BOOST_TEST(id.status == 0, "no authcore user: " << id.output);
    BOOST_TEST(statInRoot("%a %U:%G", "/var/lib/authcore") == "700 authcore:authcore");
    BOOST_TEST(statInRoot("%a %U:%G", "/var/lib/authcore/master.key") == "600 authcore:authcore");
    // Created by `migrate` in postinst, under the unit's UMask=0077 as the server would.
    BOOST_TEST(statInRoot("%a %U:%G", "/var/lib/authcore/authcore.db") == "600 authcore:authcore");
}

BOOST_AUTO_TEST_CASE(postinst_runs_the_migrations,
                     *after("apt_installs_the_package_with_archive_dependencies")) {
    // The host's python3 reads the root's database: tables exist only when `migrate` ran.
    const fs::path db = scenario().root().host("/var/lib/authcore/authcore.db");
    BOOST_REQUIRE_MESSAGE(fs::is_regular_file(db), "no database at /var/lib/authcore/authcore.db");
    const auto tables = authcore::test::runArgv(
        {"/usr/bin/python3", "-c",
         "import sqlite3, sys; c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True); "
         "print(c.execute(\"select count(*) from sqlite_master where type='table'\").fetchone()[0])",
         db.string()});
    BOOST_REQUIRE_MESSAGE(tables.status == 0, tables.output);
    BOOST_TEST(std::stoi(tables.output) > 0, "no tables in the database: " << tables.output);
}

BOOST_AUTO_TEST_CASE(postinst_starts_nothing_without_systemd,
                     *after("apt_installs_the_package_with_archive_dependencies")) {
    // No init runs in the root and policy-rc.d says 101: the install must not start a server.
    BOOST_TEST(scenario().processesRunning("/usr/bin/authcore") == 0);
}

BOOST_AUTO_TEST_CASE(configuration_is_a_conffile,
                     *after("apt_installs_the_package_with_archive_dependencies")) {
    const std::string conffiles = mustRun("dpkg-query -W -f '${Conffiles}' authcore");
    BOOST_TEST(conffiles.find(std::string(kConfig) + " ") != std::string::npos, "conffiles: " << conffiles);
}

BOOST_AUTO_TEST_CASE(service_starts_as_the_unit_says_and_answers_healthz,
                     *after("apt_installs_the_package_with_archive_dependencies")) {
    auto& service = scenario().startService(kUnit);
    // The process that said READY=1 is the unit's User, as NotifyAccess=main requires.
    const std::string uid = mustRun("id -u " + service.unit().at("User"));
    BOOST_TEST(std::stoul(uid) == scenario().processUid(service.mainPid()));
    BOOST_TEST(httpRequest(scenario().port(), "GET", "/healthz").status == 200);
}

BOOST_AUTO_TEST_CASE(first_owner_created_with_the_cli_logs_in,
                     *after("service_starts_as_the_unit_says_and_answers_healthz")) {
    mustRun(std::string("runuser -u authcore -- authcore admin create-user --email ") + kOwner + " --password '" +
            kPassword + "' --system-admin --config " + kConfig);
    mustRun(std::string("runuser -u authcore -- authcore admin create-org --slug ") + kOrg +
            " --name Acme --owner " + kOwner + " --config " + kConfig);
    BOOST_TEST(organizationStatus() == 200);
}

BOOST_AUTO_TEST_CASE(service_exits_zero_on_sigterm,
                     *after("first_owner_created_with_the_cli_logs_in")) {
    scenario().rememberMasterKey();
    BOOST_TEST(scenario().stopService() == 0);
}

BOOST_AUTO_TEST_CASE(apt_upgrades_to_a_rebuilt_package, *after("service_exits_zero_on_sigterm")) {
    scenario().buildDebs("0.1.0-2");
    scenario().copyDebsIntoRoot("0.1.0-2");
    BOOST_TEST_MESSAGE(mustRun("cd /tmp/debs-0.1.0-2 && apt-get install -y -q ./authcore_0.1.0-2_amd64.deb"));
    BOOST_TEST(mustRun("dpkg-query -W -f '${Version}' authcore") == "0.1.0-2");
}

BOOST_AUTO_TEST_CASE(upgrade_keeps_the_master_key, *after("apt_upgrades_to_a_rebuilt_package")) {
    const std::string after = readFile(scenario().root().host("/var/lib/authcore/master.key"));
    BOOST_TEST(!after.empty());
    BOOST_TEST((after == scenario().masterKeyBefore()), "master.key changed in the upgrade");
}

BOOST_AUTO_TEST_CASE(upgraded_service_keeps_the_owner_and_the_org,
                     *after("apt_upgrades_to_a_rebuilt_package")) {
    scenario().startService(kUnit);
    BOOST_TEST(organizationStatus() == 200);
    BOOST_TEST(scenario().stopService() == 0);
}

BOOST_AUTO_TEST_CASE(dev_package_gives_pkg_config_for_saml,
                     *after("apt_upgrades_to_a_rebuilt_package")) {
    BOOST_TEST_MESSAGE(mustRun("cd /tmp/debs-0.1.0-2 && apt-get install -y -q ./libauthcore*.deb"));
    const std::string flags = mustRun("pkg-config --cflags --libs authcore-saml");
    BOOST_TEST(flags.find("-lauthcore") != std::string::npos, "pkg-config: " << flags);
}

BOOST_AUTO_TEST_CASE(example_builds_with_the_documented_command,
                     *after("dev_package_gives_pkg_config_for_saml")) {
    const std::string command = scenario().copyExampleIntoRoot("/tmp/example");
    BOOST_TEST_MESSAGE("documented build: " << command);
    mustRun("cd /tmp/example && " + command);
    BOOST_TEST(fs::is_regular_file(scenario().root().host("/tmp/example/verify_saml_response")));
}

BOOST_AUTO_TEST_CASE(example_accepts_a_signed_response_and_refuses_a_tampered_one,
                     *after("example_builds_with_the_documented_command")) {
    scenario().writeSamlFixtures("/tmp/example");
    const std::string args = " idp.pem " + std::string(Scenario::kSpEntityId) + " " + Scenario::kAcsUrl + " " +
                             Scenario::kIdpEntityId;
    const CommandResult valid = scenario().root().run("cd /tmp/example && ./verify_saml_response response.xml" + args);
    BOOST_TEST(valid.status == 0, "valid Response refused: " << valid.output);
    BOOST_TEST(valid.output.find(Scenario::kSubject) != std::string::npos, "no subject in: " << valid.output);
    const CommandResult tampered = scenario().root().run("cd /tmp/example && ./verify_saml_response tampered.xml" + args);
    BOOST_TEST(tampered.status == 1, "tampered Response: exit " << tampered.status << ": " << tampered.output);
    BOOST_TEST(tampered.output.find("invalid:") != std::string::npos, "no refusal reason: " << tampered.output);
    BOOST_TEST(tampered.output.find(Scenario::kTamperedSubject) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(remove_keeps_the_state, *after("apt_upgrades_to_a_rebuilt_package")) {
    mustRun("apt-get remove -y -q authcore");
    BOOST_TEST(fs::is_regular_file(scenario().root().host("/var/lib/authcore/master.key")));
    BOOST_TEST(fs::is_regular_file(scenario().root().host("/var/lib/authcore/authcore.db")));
}

BOOST_AUTO_TEST_CASE(purge_removes_state_and_configuration, *after("remove_keeps_the_state")) {
    mustRun("apt-get purge -y -q authcore");
    BOOST_TEST(!fs::exists(scenario().root().host("/var/lib/authcore")), "/var/lib/authcore survived the purge");
    BOOST_TEST(!fs::exists(scenario().root().host("/etc/authcore")), "/etc/authcore survived the purge");
}

BOOST_AUTO_TEST_SUITE_END()

// Exit status 77 tells meson the test was skipped: with every case skipped for want of a
// root, Boost alone would exit 0 and meson would print OK.
int main(int argc, char* argv[]) {
    const int status = utf::unit_test_main(&init_unit_test, argc, argv);
    return status == 0 && Scenario::wasUnavailable() ? 77 : status;
}
