// SPDX-License-Identifier: Apache-2.0
// scripts/package turns this build into six Debian packages with the right
// contents, control files and computed dependencies, and lintian accepts them.
#define BOOST_TEST_MODULE package_build
#include <boost/test/unit_test.hpp>

#include "support/shell.hpp"
#include "support/temp_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using authcore::test::runCommand;

const char* const kVersion = "0.1.0-1";
const std::vector<std::string> kPackages = {"authcore", "libauthcore0", "libauthcore-saml0",
                                            "libauthcore-ldap0", "libauthcore-graphql0", "libauthcore-dev"};

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

// One packaging run for the whole executable: it installs and packages the
// build tree, which takes tens of seconds.
struct Packaged {
    authcore::test::TempDir out;
    int status = 0;
    std::string log;

    Packaged() {
        log = runCommand(env("AUTHCORE_SOURCE_ROOT") + "/scripts/package --build-dir " + env("AUTHCORE_BUILD_ROOT") +
                             " --no-build --out " + out.path().string() + " --version " + kVersion,
                         status);
        instance = this;
    }
    ~Packaged() { instance = nullptr; }

    static inline Packaged* instance = nullptr;
};

BOOST_TEST_GLOBAL_FIXTURE(Packaged);

const Packaged& packaged() {
    BOOST_REQUIRE_MESSAGE(Packaged::instance->status == 0, "scripts/package failed: " << Packaged::instance->log);
    return *Packaged::instance;
}

std::string deb(const std::string& package) {
    return packaged().out.file(package + "_" + kVersion + "_amd64.deb");
}

// dpkg-deb's output for one package: `-c` lists the files, `-I deb FILE` prints a control file.
std::string dpkgDeb(const std::string& args) {
    int status = 0;
    auto output = runCommand("dpkg-deb " + args, status);
    BOOST_REQUIRE_MESSAGE(status == 0, "dpkg-deb " << args << ": " << output);
    return output;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(package_build)

BOOST_AUTO_TEST_CASE(all_six_packages_are_built) {
    for (const auto& package : kPackages) BOOST_TEST(std::filesystem::exists(deb(package)), package);
}

BOOST_AUTO_TEST_CASE(authcore_ships_the_stripped_binary_unit_and_system_files) {
    const auto files = dpkgDeb("-c " + deb("authcore"));
    for (const char* entry : {"-rwxr-xr-x root/root", "./usr/bin/authcore\n",
                              "./lib/systemd/system/authcore.service\n", "./usr/lib/sysusers.d/authcore.conf\n",
                              "./usr/lib/tmpfiles.d/authcore.conf\n", "./etc/authcore/authcore.properties\n",
                              "./usr/share/man/man1/authcore.1.gz\n", "./usr/share/doc/authcore/copyright\n",
                              "./usr/share/doc/authcore/changelog.Debian.gz\n", "./usr/share/doc/authcore/README.md\n"})
        BOOST_TEST(contains(files, entry), "missing " << entry);
    int status = 0;
    const auto sections = runCommand("dpkg-deb --fsys-tarfile " + deb("authcore") +
                                         " | tar -xO ./usr/bin/authcore > " + packaged().out.file("authcore.bin") +
                                         " && readelf -S " + packaged().out.file("authcore.bin"),
                                     status);
    BOOST_TEST(status == 0);
    BOOST_TEST(!contains(sections, ".symtab"), "the binary is not stripped");
}

BOOST_AUTO_TEST_CASE(only_the_binary_is_executable) {
    const auto files = dpkgDeb("-c " + deb("authcore"));
    BOOST_TEST(contains(files, "-rw-r--r-- root/root"));
    std::size_t executables = 0;
    for (std::size_t at = files.find("-rwx"); at != std::string::npos; at = files.find("-rwx", at + 1)) ++executables;
    BOOST_TEST(executables == 1u, files);
}

BOOST_AUTO_TEST_CASE(the_configuration_is_a_conffile) {
    BOOST_TEST(dpkgDeb("-I " + deb("authcore") + " conffiles") == "/etc/authcore/authcore.properties\n");
}

BOOST_AUTO_TEST_CASE(authcore_depends_are_computed_from_its_libraries) {
    const auto depends = dpkgDeb("-f " + deb("authcore") + " Depends");
    for (const char* dependency : {"adduser", "libc6 (>= ", "libssl3 (>= ", "libxmlsec1-openssl (>= "})
        BOOST_TEST(contains(depends, dependency), "missing " << dependency << " in " << depends);
}

BOOST_AUTO_TEST_CASE(authcore_has_the_maintainer_scripts) {
    const auto info = dpkgDeb("-I " + deb("authcore"));
    for (const char* script : {" postinst", " prerm", " postrm"}) BOOST_TEST(contains(info, script), script);
    BOOST_TEST(contains(dpkgDeb("-I " + deb("authcore") + " postinst"), "authcore migrate"));
}

BOOST_AUTO_TEST_CASE(saml_library_package_has_the_soname_shlibs_and_ldconfig_trigger) {
    const auto files = dpkgDeb("-c " + deb("libauthcore-saml0"));
    BOOST_TEST(contains(files, "/libauthcore-saml.so.0 -> libauthcore-saml.so.0.1.0"));
    BOOST_TEST(contains(files, "/libauthcore-saml.so.0.1.0\n"));
    BOOST_TEST(!contains(files, "/libauthcore-saml.so\n"), "the unversioned link belongs to -dev");
    BOOST_TEST(dpkgDeb("-I " + deb("libauthcore-saml0") + " shlibs") ==
               "libauthcore-saml 0 libauthcore-saml0 (>= 0.1.0)\n");
    BOOST_TEST(dpkgDeb("-I " + deb("libauthcore-saml0") + " triggers") == "activate-noawait ldconfig\n");
    BOOST_TEST(contains(dpkgDeb("-f " + deb("libauthcore-saml0") + " Depends"), "libxmlsec1-openssl (>= "));
}

BOOST_AUTO_TEST_CASE(dev_package_has_headers_pkgconfig_and_exact_depends) {
    const auto files = dpkgDeb("-c " + deb("libauthcore-dev"));
    for (const char* entry : {"/pkgconfig/authcore-saml.pc\n", "/pkgconfig/authcore.pc\n",
                              "./usr/include/authcore/saml/response_validator.hpp\n",
                              "/libauthcore-saml.so -> libauthcore-saml.so.0\n",
                              "./usr/share/doc/libauthcore-dev/examples/verify_saml_response.cpp\n"})
        BOOST_TEST(contains(files, entry), "missing " << entry);
    const auto depends = dpkgDeb("-f " + deb("libauthcore-dev") + " Depends");
    for (const char* dependency : {"libauthcore-saml0 (= 0.1.0-1)", "libauthcore0 (= 0.1.0-1)", "libxmlsec1-dev",
                                   "libxml2-dev", "libldap-dev", "libexpected-dev"})
        BOOST_TEST(contains(depends, dependency), "missing " << dependency << " in " << depends);
}

BOOST_AUTO_TEST_CASE(lintian_finds_no_error_or_warning) {
    int status = 0;
    runCommand("command -v lintian", status);
    if (status != 0) {
        BOOST_TEST_MESSAGE("SKIPPED: lintian is not installed (scripts/test installs it)");
        return;
    }
    std::string debs;
    for (const auto& package : kPackages) debs += " " + deb(package);
    const auto output = runCommand("lintian --fail-on error,warning --info" + debs, status);
    BOOST_TEST(status == 0, "lintian: " << output);
}

BOOST_AUTO_TEST_CASE(an_unconfigured_build_directory_is_refused) {
    authcore::test::TempDir empty;
    int status = 0;
    const auto output = runCommand(env("AUTHCORE_SOURCE_ROOT") + "/scripts/package --no-build --build-dir " +
                                       empty.path().string() + " --out " + empty.file("debs"),
                                   status);
    BOOST_TEST(status != 0);
    BOOST_TEST(contains(output, "is not a configured meson build directory"), output);
}

BOOST_AUTO_TEST_SUITE_END()
