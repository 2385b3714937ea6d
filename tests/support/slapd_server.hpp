// SPDX-License-Identifier: Apache-2.0
// SlapdServer: a private, throwaway OpenLDAP slapd for integration tests.
#pragma once

#include "support/tls_files.hpp"

#include <filesystem>
#include <string>
#include <sys/types.h>

namespace authcore::test {

/// Runs /usr/sbin/slapd as a child process from a generated slapd.conf (mdb database
/// dc=example,dc=org, memberof overlay, core/cosine/inetorgperson/nis schemas) on two
/// free 127.0.0.1 ports, ldap:// (StartTLS) and ldaps://, with a self-signed
/// certificate for IP 127.0.0.1. `ldif` (entries below the suffix) is loaded with
/// ldapadd as the root DN. Failures throw std::runtime_error with the server log.
class SlapdServer {
public:
    static constexpr const char* kSuffix = "dc=example,dc=org";
    static constexpr const char* kRootDn = "cn=admin,dc=example,dc=org";
    static constexpr const char* kRootPassword = "root-secret";

    explicit SlapdServer(const std::string& ldif);
    /// Kills the server if it runs; the temporary directory goes with `tls`.
    ~SlapdServer();
    SlapdServer(const SlapdServer&) = delete;
    SlapdServer& operator=(const SlapdServer&) = delete;

    std::string ldapUrl() const { return "ldap://127.0.0.1:" + std::to_string(ldapPort_); }
    std::string ldapsUrl() const { return "ldaps://127.0.0.1:" + std::to_string(ldapsPort_); }
    int ldapsPort() const { return ldapsPort_; }
    /// The server certificate, which is also its own CA.
    std::string caPem() const;
    /// The contents of a (PEM) file.
    static std::string readFile(const std::string& path);
    /// The server's log so far (slapd -d stats: one line per operation).
    std::string log() const;

    /// Starts slapd again on the same ports and data (after kill()).
    void restart();
    /// SIGKILL, as in a crash.
    void kill();
    /// SIGSTOP: connections stay open but nothing is answered.
    void pause();
    void resume();

private:
    void writeConfig() const;
    void waitUntilReady();
    void ldapAdd(const std::string& ldif);

    TlsFiles tls_;
    std::filesystem::path dir_;
    int ldapPort_ = 0;
    int ldapsPort_ = 0;
    pid_t pid_ = -1;
};

} // namespace authcore::test
