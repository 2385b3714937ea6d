// SPDX-License-Identifier: Apache-2.0
// fork + exec rather than posix_spawn so that the child dies with us
// (PR_SET_PDEATHSIG) and no server outlives a crashed test run. Only
// async-signal-safe calls run between fork and exec.
#include "support/child_process.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <netinet/in.h>
#include <sstream>
#include <sys/socket.h>
#include <thread>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace authcore::test {

pid_t spawnProcess(const std::vector<std::string>& args, const std::filesystem::path& log) {
    std::vector<char*> argv;
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    const std::string logPath = log.string();
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
    if (pid > 0) return pid;
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (in < 0 || out < 0 || ::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(out, 2) < 0) ::_exit(126);
    ::execv(argv[0], argv.data());
    ::_exit(127);
}

int waitForProcess(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

namespace {

// True when every thread of `pid` is in the stopped state ('T' in /proc).
bool allThreadsStopped(pid_t pid) {
    const std::filesystem::path tasks = "/proc/" + std::to_string(pid) + "/task";
    std::error_code ec;
    for (const auto& task : std::filesystem::directory_iterator(tasks, ec)) {
        std::ifstream stat(task.path() / "stat");
        std::string line;
        std::getline(stat, line);
        const auto close = line.rfind(')'); // the command name may contain spaces
        if (close == std::string::npos || close + 2 >= line.size() || line[close + 2] != 'T') return false;
    }
    return !ec;
}

} // namespace

void pauseProcess(pid_t pid) {
    ::kill(pid, SIGSTOP);
    // kill() returns before the stop reaches every thread; on a loaded machine a
    // request could still be answered, so wait until all of them are stopped.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
    while (!allThreadsStopped(pid) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds{10});
}

int freeLoopbackPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        throw std::runtime_error("cannot find a free TCP port");
    ::close(fd);
    return ntohs(address.sin_port);
}

std::string fileTail(const std::filesystem::path& file, std::size_t bytes) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    const auto all = text.str();
    return all.size() > bytes ? all.substr(all.size() - bytes) : all;
}

} // namespace authcore::test
