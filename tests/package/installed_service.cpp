// SPDX-License-Identifier: Apache-2.0
// InstalledService: reads the unit the package installed rather than assuming its
// contents, so a packaged unit with a wrong path or user fails here.
#include "installed_service.hpp"

#include "support/child_process.hpp"
#include "support/systemd_unit.hpp"

#include <chrono>
#include <csignal>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace authcore::test {

namespace {

// Where the test's notify socket lives inside the root (bound from the host side).
constexpr const char* kNotifySocket = "/run/authcore-test-notify.sock";

// ExecStart as a shell command: prefixes like "-" or "@" dropped, each word quoted.
std::string execStartCommand(const std::string& execStart) {
    std::istringstream words(execStart.substr(execStart.find_first_not_of("-@:+!")));
    std::string command, word;
    while (words >> word) command += shellQuote(word) + " ";
    return command;
}

// The pid that sent READY=1, or -1 when the launcher died or the deadline passed first.
pid_t awaitReady(NotifySocket& socket, pid_t launcher, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (socket.waitFor("READY=1", std::chrono::seconds(1))) return socket.lastSender();
        if (::waitpid(launcher, nullptr, WNOHANG) == launcher) return -1; // it died before READY
    }
    return -1;
}

} // namespace

InstalledService::InstalledService(const DebianRoot& root, const std::string& unitPath, int port,
                                   const std::filesystem::path& log) {
    const auto unitFile = root.run("cat " + shellQuote(unitPath));
    if (unitFile.status != 0) throw std::runtime_error("cannot read " + unitPath + ": " + unitFile.output);
    unit_ = serviceKeys(unitFile.output);
    for (const char* key : {"ExecStart", "User", "Group", "StateDirectory"})
        if (unit_[key].empty()) throw std::runtime_error(unitPath + " has no " + key + "=");
    const std::string directory = unit_.count("WorkingDirectory") ? unit_["WorkingDirectory"] : "/";
    const std::string umask = unit_.count("UMask") ? unit_["UMask"] : "0022";
    // setpriv --pdeathsig=keep: the uid change clears the parent-death signal that
    // fresh_root.sh's unshare --kill-child set; keeping it means the server dies with the test.
    const std::string command = "cd " + shellQuote(directory) + " && umask " + umask +
                                " && exec env STATE_DIRECTORY=" + shellQuote("/var/lib/" + unit_["StateDirectory"]) +
                                " NOTIFY_SOCKET=" + kNotifySocket + " AUTHCORE_HTTP_PORT=" + std::to_string(port) +
                                " setpriv --reuid=" + shellQuote(unit_["User"]) + " --regid=" +
                                shellQuote(unit_["Group"]) + " --init-groups --pdeathsig=keep -- " +
                                execStartCommand(unit_["ExecStart"]);
    NotifySocket socket(root.host(kNotifySocket).string());
    launcher_ = spawnProcess(root.argv(command), log);
    mainPid_ = awaitReady(socket, launcher_, std::chrono::seconds(60));
    if (mainPid_ <= 0) {
        ::kill(launcher_, SIGKILL);
        ::waitpid(launcher_, nullptr, 0);
        throw std::runtime_error("no READY=1 from `" + command + "` within 60 s; its log:\n" + fileTail(log, 4000));
    }
}

int InstalledService::stop() {
    if (launcher_ <= 0) return -1;
    ::kill(mainPid_, SIGTERM);
    // unshare --fork exits with its child's status, and the child is the server.
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (::waitpid(launcher_, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(launcher_, SIGKILL);
            ::waitpid(launcher_, &status, 0);
            launcher_ = -1;
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    launcher_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

InstalledService::~InstalledService() {
    if (launcher_ > 0) {
        ::kill(launcher_, SIGKILL); // --kill-child takes the server with it
        ::waitpid(launcher_, nullptr, 0);
    }
}

} // namespace authcore::test
