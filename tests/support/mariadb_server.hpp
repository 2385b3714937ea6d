// SPDX-License-Identifier: Apache-2.0
// MariaDbServer: a private, throwaway mariadbd for integration tests.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace authcore::test {

/// Runs mariadbd as a child process on a free 127.0.0.1 port, with its own
/// datadir in a temporary directory, a database `authcore_test` and a user
/// `authcore` whose password needs percent-encoding in a URL. Every failure
/// (MariaDB not installed, server not starting) throws std::runtime_error
/// with the reason and the tail of the server log, so a suite fails loudly
/// instead of skipping.
class MariaDbServer {
public:
    static constexpr const char* kDatabase = "authcore_test";
    static constexpr const char* kUser = "authcore";
    static constexpr const char* kPassword = "s3cret:p@ss/w%rd";

    /// Creates the datadir, starts the server and creates database and user.
    MariaDbServer();
    /// Kills the server if it runs and removes the temporary directory.
    ~MariaDbServer();
    MariaDbServer(const MariaDbServer&) = delete;
    MariaDbServer& operator=(const MariaDbServer&) = delete;

    /// mysql://authcore:PASSWORD@127.0.0.1:PORT/authcore_test, percent-encoded.
    std::string url() const;
    /// mysql://authcore:PASSWORD@/authcore_test?socket=PATH
    std::string socketUrl() const;
    int port() const { return port_; }

    /// Starts mariadbd on the same datadir and port; returns once it accepts
    /// connections (at most 30 s).
    void start();
    /// SIGTERM, SIGKILL after 30 s; waits for the process to end.
    void stop();
    /// SIGKILL, as in a crash; waits for the process to end.
    void kill();
    /// SIGSTOP: the server keeps its connections open but answers nothing.
    void pause();
    /// SIGCONT after pause().
    void resume();
    bool running() const { return pid_ > 0; }

    /// Drops and recreates the test database, empty.
    void resetDatabase();
    /// Runs `sql` as root through the mariadb client; throws on failure.
    void execRoot(const std::string& sql);

private:
    void cleanUp();
    void install();
    void waitUntilReady(std::chrono::seconds limit);
    bool answers();
    std::vector<std::string> serverArguments() const;
    std::string logTail(const std::filesystem::path& log) const;

    std::filesystem::path dir_;
    std::filesystem::path socket_;
    std::string server_;
    std::string client_;
    int port_ = 0;
    pid_t pid_ = -1;
};

} // namespace authcore::test
