// SPDX-License-Identifier: Apache-2.0
// A private slapd started and stopped by integration tests.
#include "support/slapd_server.hpp"

#include "support/child_process.hpp"

#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace authcore::test {
namespace {

constexpr const char* kSlapd = "/usr/sbin/slapd";
constexpr const char* kLdapAdd = "/usr/bin/ldapadd";
constexpr const char* kLdapSearch = "/usr/bin/ldapsearch";

void requireBinary(const char* path, const char* package) {
    if (::access(path, X_OK) != 0)
        throw std::runtime_error(std::string(path) + " not found: install " + package + " (scripts/test installs it)");
}

} // namespace

SlapdServer::SlapdServer(const std::string& ldif) : dir_(tls_.dir.path()) {
    requireBinary(kSlapd, "slapd");
    requireBinary(kLdapAdd, "ldap-utils");
    std::filesystem::create_directory(dir_ / "data");
    ldapPort_ = freeLoopbackPort();
    ldapsPort_ = freeLoopbackPort();
    writeConfig();
    try {
        restart();
        ldapAdd(std::string("dn: ") + kSuffix + "\nobjectClass: dcObject\nobjectClass: organization\no: Example\n"
                "dc: example\n\n" + ldif);
    } catch (...) {
        kill();
        throw;
    }
}

SlapdServer::~SlapdServer() { kill(); }

void SlapdServer::restart() {
    if (pid_ > 0) return;
    pid_ = spawnProcess({kSlapd, "-d", "stats", "-f", (dir_ / "slapd.conf").string(), "-h",
                         ldapUrl() + "/ " + ldapsUrl() + "/"},
                        dir_ / "slapd.log");
    waitUntilReady();
}

void SlapdServer::writeConfig() const {
    std::ofstream conf(dir_ / "slapd.conf");
    for (const char* schema : {"core", "cosine", "inetorgperson", "nis"})
        conf << "include /etc/ldap/schema/" << schema << ".schema\n";
    conf << "pidfile " << (dir_ / "slapd.pid").string() << "\n"
         << "modulepath /usr/lib/ldap\nmoduleload back_mdb\nmoduleload memberof\n"
         << "TLSCACertificateFile " << tls_.cert() << "\nTLSCertificateFile " << tls_.cert()
         << "\nTLSCertificateKeyFile " << tls_.key() << "\n"
         << "database mdb\nmaxsize 10485760\nsuffix \"" << kSuffix << "\"\nrootdn \"" << kRootDn << "\"\nrootpw "
         << kRootPassword << "\ndirectory " << (dir_ / "data").string() << "\n"
         << "overlay memberof\n"
         << "access to attrs=userPassword by anonymous auth by * none\naccess to * by users read by * none\n";
    if (!conf) throw std::runtime_error("cannot write slapd.conf");
}

void SlapdServer::waitUntilReady() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("slapd exited during start-up:\n" + log());
        }
        if (waitForProcess(spawnProcess({kLdapSearch, "-x", "-H", ldapUrl(), "-b", "", "-s", "base", "-o", "nettimeout=2"},
                                        dir_ / "client.log")) == 0)
            return;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("slapd did not answer within 30 s:\n" + log());
}

void SlapdServer::ldapAdd(const std::string& ldif) {
    const auto file = dir_ / "data.ldif";
    std::ofstream(file) << ldif;
    if (waitForProcess(spawnProcess({kLdapAdd, "-x", "-H", ldapUrl(), "-D", kRootDn, "-w", kRootPassword, "-f",
                                     file.string()},
                                    dir_ / "client.log")) != 0)
        throw std::runtime_error("ldapadd failed:\n" + fileTail(dir_ / "client.log", 3000));
}

std::string SlapdServer::caPem() const { return readFile(tls_.cert()); }

std::string SlapdServer::readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string SlapdServer::log() const { return fileTail(dir_ / "slapd.log", 1 << 20); }

void SlapdServer::kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    waitForProcess(pid_);
    pid_ = -1;
}

void SlapdServer::pause() {
    if (pid_ > 0) pauseProcess(pid_);
}

void SlapdServer::resume() {
    if (pid_ > 0) ::kill(pid_, SIGCONT);
}

} // namespace authcore::test
