// SPDX-License-Identifier: Apache-2.0
// InstalledService: reads the unit the package installed rather than assuming its
// contents, so a packaged unit with a wrong path or user fails here.
#include "installed_service.hpp"

#include "support/child_process.hpp"

#include <chrono>
#include <csignal>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace authcore::test {

namespace {

// Where the test's notify socket lives inside the root (bound from the host side).
constexpr const char* kNotifySocket = "/run/authcore-test-notify.sock";

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// ExecStart as a shell command: prefixes like "-" or "@" dropped, each word quoted.
std::string execStartCommand(const std::string& execStart) {
    std::istringstream words(execStart.substr(execStart.find_first_not_of("-@:+!")));
    std::string command, word;
    while (words >> word) command += shellQuote(word) + " ";
    return command;
}

// A bound datagram socket that passes the sender's credentials, like systemd's.
int bindNotifySocket(const std::filesystem::path& path) {
    std::filesystem::remove(path);
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (fd < 0 || path.string().size() >= sizeof address.sun_path) throw std::runtime_error("notify socket: bad path");
    std::strcpy(address.sun_path, path.c_str());
    const int on = 1;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof on) != 0)
        throw std::runtime_error(std::string("notify socket: ") + std::strerror(errno));
    ::chmod(path.c_str(), 0666); // the service user must be allowed to send
    timeval timeout{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    return fd;
}

// The pid that sent READY=1 on `fd`, or -1 when none did before the deadline.
pid_t awaitReady(int fd, pid_t launcher, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        char data[512] = {};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))] = {};
        iovec iov{data, sizeof data - 1};
        msghdr message{};
        message.msg_iov = &iov;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        const auto received = ::recvmsg(fd, &message, 0);
        if (received <= 0) {
            if (::waitpid(launcher, nullptr, WNOHANG) == launcher) return -1; // it died before READY
            continue;
        }
        const cmsghdr* header = CMSG_FIRSTHDR(&message);
        if (std::string(data, static_cast<size_t>(received)).find("READY=1") == std::string::npos || !header ||
            header->cmsg_type != SCM_CREDENTIALS)
            continue;
        ucred credentials{};
        std::memcpy(&credentials, CMSG_DATA(header), sizeof credentials);
        return credentials.pid;
    }
    return -1;
}

} // namespace

std::map<std::string, std::string> unitServiceKeys(const std::string& unitText) {
    std::map<std::string, std::string> keys;
    std::istringstream lines(unitText);
    std::string line, section;
    while (std::getline(lines, line)) {
        line = trim(line);
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;
        if (line[0] == '[') {
            section = line;
        } else if (section == "[Service]" && line.find('=') != std::string::npos) {
            keys[trim(line.substr(0, line.find('=')))] = trim(line.substr(line.find('=') + 1));
        }
    }
    return keys;
}

InstalledService::InstalledService(const DebianRoot& root, const std::string& unitPath, int port,
                                   const std::filesystem::path& log)
    : socket_(root.host(kNotifySocket)) {
    const auto unitFile = root.run("cat " + shellQuote(unitPath));
    if (unitFile.status != 0) throw std::runtime_error("cannot read " + unitPath + ": " + unitFile.output);
    unit_ = unitServiceKeys(unitFile.output);
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
    const int fd = bindNotifySocket(socket_);
    launcher_ = spawnProcess(root.argv(command), log);
    mainPid_ = awaitReady(fd, launcher_, std::chrono::seconds(60));
    ::close(fd);
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
    std::error_code ignored;
    std::filesystem::remove(socket_, ignored);
}

} // namespace authcore::test
