// SPDX-License-Identifier: Apache-2.0
// A private mariadbd started and stopped by integration tests.
#include "support/mariadb_server.hpp"

#include "support/child_process.hpp"

#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <chrono>
#include <filesystem>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <sstream>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace authcore::test {
namespace {

namespace fs = std::filesystem;

constexpr auto kStartLimit = std::chrono::seconds(30);
constexpr auto kStopLimit = std::chrono::seconds(30);
constexpr auto kPollInterval = std::chrono::milliseconds(100);

std::string findBinary(const std::vector<std::string>& candidates, const std::string& package) {
    for (const auto& path : candidates)
        if (::access(path.c_str(), X_OK) == 0) return path;
    throw std::runtime_error(candidates.front() + " not found (looked in /usr/sbin and /usr/bin): install " + package +
                             " (scripts/test installs it)");
}

fs::path makeTempDir() {
    // A short base keeps the Unix socket path under its 108-byte limit.
    std::string pattern = "/tmp/authcore-mariadb-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
        throw std::runtime_error(std::string("mkdtemp failed: ") + std::strerror(errno));
    return pattern;
}

std::string percentEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

} // namespace

MariaDbServer::MariaDbServer()
    : server_(findBinary({"/usr/sbin/mariadbd", "/usr/bin/mariadbd", "/usr/sbin/mysqld", "/usr/bin/mysqld"},
                         "mariadb-server")),
      client_(findBinary({"/usr/bin/mariadb", "/usr/bin/mysql"}, "mariadb-client")) {
    dir_ = makeTempDir();
    socket_ = dir_ / "mysqld.sock";
    try {
        install();
        port_ = freeLoopbackPort();
        start();
        const std::string user = std::string("'") + kUser + "'@";
        const std::string password = std::string(" IDENTIFIED BY '") + kPassword + "'";
        execRoot(std::string("CREATE USER ") + user + "'%'" + password + "; CREATE USER " + user + "'localhost'" +
                 password + "; GRANT ALL PRIVILEGES ON " + kDatabase + ".* TO " + user +
                 "'%'; GRANT ALL PRIVILEGES ON " + kDatabase + ".* TO " + user + "'localhost';");
        resetDatabase();
    } catch (...) {
        cleanUp();
        throw;
    }
}

MariaDbServer::~MariaDbServer() { cleanUp(); }

void MariaDbServer::cleanUp() {
    if (running()) kill();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
}

std::string MariaDbServer::url() const {
    return std::string("mysql://") + kUser + ":" + percentEncode(kPassword) + "@127.0.0.1:" + std::to_string(port_) +
           "/" + kDatabase;
}

std::string MariaDbServer::socketUrl() const {
    return std::string("mysql://") + kUser + ":" + percentEncode(kPassword) + "@/" + kDatabase +
           "?socket=" + percentEncode(socket_.string());
}

void MariaDbServer::install() {
    const auto installer =
        findBinary({"/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db", "/usr/sbin/mariadb-install-db"},
                   "mariadb-server");
    std::vector<std::string> args{installer, "--no-defaults", "--datadir=" + (dir_ / "data").string(),
                                  "--auth-root-authentication-method=normal", "--skip-test-db",
                                  "--innodb-log-file-size=10M"};
    if (::geteuid() == 0) args.push_back("--user=root");
    if (waitForProcess(spawnProcess(args, dir_ / "install.log")) != 0)
        throw std::runtime_error("mariadb-install-db failed:\n" + logTail(dir_ / "install.log"));
}

std::vector<std::string> MariaDbServer::serverArguments() const {
    std::vector<std::string> args{server_, "--no-defaults", "--datadir=" + (dir_ / "data").string(),
                                  "--socket=" + socket_.string(), "--port=" + std::to_string(port_),
                                  "--bind-address=127.0.0.1", "--pid-file=" + (dir_ / "mysqld.pid").string(),
                                  "--log-error=" + (dir_ / "error.log").string(), "--skip-name-resolve",
                                  "--innodb-log-file-size=10M", "--innodb-buffer-pool-size=32M",
                                  // Commits reach the OS at once, so they survive a SIGKILL.
                                  "--innodb-flush-log-at-trx-commit=2"};
    // mariadbd refuses to run as root unless told to.
    if (::geteuid() == 0) args.push_back("--user=root");
    return args;
}

void MariaDbServer::start() {
    if (running()) return;
    pid_ = spawnProcess(serverArguments(), dir_ / "server.log");
    waitUntilReady(kStartLimit);
}

void MariaDbServer::waitUntilReady(std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("mariadbd exited during start-up:\n" + logTail(dir_ / "error.log"));
        }
        if (answers()) return;
        std::this_thread::sleep_for(kPollInterval);
    }
    kill();
    throw std::runtime_error("mariadbd did not accept connections within 30 s:\n" + logTail(dir_ / "error.log"));
}

bool MariaDbServer::answers() {
    if (!fs::exists(socket_)) return false;
    return waitForProcess(spawnProcess({client_, "--no-defaults", "--protocol=socket", "--socket=" + socket_.string(), "--user=root",
                          "--connect-timeout=2", "-e", "SELECT 1"},
                         dir_ / "client.log")) == 0;
}

void MariaDbServer::stop() {
    if (!running()) return;
    ::kill(pid_, SIGCONT);
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + kStopLimit;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return;
        }
        std::this_thread::sleep_for(kPollInterval);
    }
    kill();
}

void MariaDbServer::kill() {
    if (!running()) return;
    ::kill(pid_, SIGKILL);
    waitForProcess(pid_);
    pid_ = -1;
}

void MariaDbServer::pause() {
    if (running()) pauseProcess(pid_);
}

void MariaDbServer::resume() {
    if (running()) ::kill(pid_, SIGCONT);
}

void MariaDbServer::resetDatabase() {
    execRoot(std::string("DROP DATABASE IF EXISTS ") + kDatabase + "; CREATE DATABASE " + kDatabase +
             " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;");
}

void MariaDbServer::execRoot(const std::string& sql) {
    const auto log = dir_ / "client.log";
    if (waitForProcess(spawnProcess({client_, "--no-defaults", "--protocol=socket", "--socket=" + socket_.string(), "--user=root",
                       "--batch", "-e", sql},
                      log)) != 0)
        throw std::runtime_error("mariadb client failed:\n" + logTail(log));
}

std::string MariaDbServer::logTail(const fs::path& log) const { return fileTail(log, 3000); }

} // namespace authcore::test
