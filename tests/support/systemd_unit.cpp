// SPDX-License-Identifier: Apache-2.0
#include "support/systemd_unit.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace authcore::test {
namespace {

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

bool hasLine(const std::string& message, const std::string& wanted) {
    std::istringstream lines(message);
    for (std::string line; std::getline(lines, line);)
        if (line == wanted) return true;
    return false;
}

} // namespace

std::vector<std::pair<std::string, std::string>> serviceSettings(const std::string& unitText) {
    std::vector<std::pair<std::string, std::string>> settings;
    std::istringstream lines(unitText);
    bool inService = false;
    for (std::string line; std::getline(lines, line);) {
        line = trim(line);
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;
        if (line[0] == '[') {
            inService = line == "[Service]";
            continue;
        }
        const auto eq = line.find('=');
        if (inService && eq != std::string::npos) settings.emplace_back(trim(line.substr(0, eq)), trim(line.substr(eq + 1)));
    }
    return settings;
}

std::map<std::string, std::string> serviceKeys(const std::string& unitText) {
    std::map<std::string, std::string> keys;
    for (auto& [key, value] : serviceSettings(unitText)) keys[key] = value;
    return keys;
}

NotifySocket::NotifySocket(const std::string& path) : path_(path) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored); // a socket left by an earlier, killed run
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (fd_ < 0 || path.size() >= sizeof address.sun_path) throw std::runtime_error("cannot make the notify socket");
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    const int on = 1;
    // The service runs as another user, which must be allowed to send.
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::chmod(path.c_str(), 0666) != 0 ||
        ::setsockopt(fd_, SOL_SOCKET, SO_PASSCRED, &on, sizeof on) != 0)
        throw std::runtime_error("cannot bind the notify socket: " + std::string(std::strerror(errno)));
}

NotifySocket::~NotifySocket() {
    ::close(fd_);
    ::unlink(path_.c_str());
}

bool NotifySocket::waitFor(const std::string& state, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        timeval tv{static_cast<time_t>(left.count() / 1000), static_cast<suseconds_t>((left.count() % 1000) * 1000 + 1)};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        char data[4096];
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))] = {};
        iovec iov{data, sizeof data};
        msghdr message{};
        message.msg_iov = &iov;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        const auto received = ::recvmsg(fd_, &message, 0);
        if (received <= 0 || !hasLine(std::string(data, static_cast<std::size_t>(received)), state)) continue;
        const cmsghdr* header = CMSG_FIRSTHDR(&message);
        if (header && header->cmsg_type == SCM_CREDENTIALS) {
            ucred credentials{};
            std::memcpy(&credentials, CMSG_DATA(header), sizeof credentials);
            lastSender_ = credentials.pid;
        }
        return true;
    }
    return false;
}

} // namespace authcore::test
