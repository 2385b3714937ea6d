// SPDX-License-Identifier: Apache-2.0
// Only what systemd itself would do before exec: the hardening directives
// (namespaces, seccomp) are systemd-analyze's business, not this runner's.
#include "service_unit.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <pwd.h>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace authcore::test {
namespace {

std::vector<std::string> words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

std::vector<std::string> parseExecStart(const std::string& value) {
    if (value.find_first_of("\"'%\\") != std::string::npos)
        throw std::runtime_error("ExecStart uses quoting or specifiers this runner does not expand: " + value);
    auto argv = words(value);
    // Prefixes such as '-' or '@' change how systemd treats the command, not what runs.
    while (!argv.empty() && !argv[0].empty() && std::strchr("-@:+!", argv[0][0])) argv[0].erase(0, 1);
    if (argv.empty() || argv[0].empty() || argv[0][0] != '/') throw std::runtime_error("ExecStart is not absolute");
    return argv;
}

void apply(ServiceUnit& unit, const std::string& key, const std::string& value) {
    if (key == "ExecStart") unit.execStart = parseExecStart(value);
    else if (key == "User") unit.user = value;
    else if (key == "WorkingDirectory") unit.workingDirectory = value;
    else if (key == "StateDirectory") unit.stateDirectory = value;
    else if (key == "RuntimeDirectory") unit.runtimeDirectory = value;
    else if (key == "TimeoutStopSec") unit.timeoutStopSec = value;
    else if (key == "UMask") {
        std::size_t used = 0;
        unit.umask = static_cast<mode_t>(std::stoul(value, &used, 8));
        if (used != value.size() || unit.umask > 0777) throw std::runtime_error("bad UMask " + value);
    } else if (key == "Environment") {
        for (const auto& assignment : words(value)) {
            const auto eq = assignment.find('=');
            if (eq == std::string::npos || assignment.find('"') != std::string::npos)
                throw std::runtime_error("Environment= entry this runner cannot take: " + assignment);
            unit.environment[assignment.substr(0, eq)] = assignment.substr(eq + 1);
        }
    }
}

} // namespace

ServiceUnit parseServiceUnit(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ServiceUnit unit;
    for (const auto& [key, value] : serviceSettings(text)) apply(unit, key, value);
    if (unit.execStart.empty()) throw std::runtime_error("no ExecStart in " + file.string());
    return unit;
}

std::chrono::seconds parseTimespan(const std::string& text) {
    std::size_t used = 0;
    const long value = std::stol(text, &used);
    const auto unit = text.substr(used);
    if (unit.empty() || unit == "s") return std::chrono::seconds{value};
    if (unit == "min") return std::chrono::minutes{value};
    throw std::runtime_error("timespan this runner does not read: " + text);
}

ServiceUser ServiceUser::forUnit(const ServiceUnit& unit) {
    const passwd* pw = unit.user.empty() ? nullptr : ::getpwnam(unit.user.c_str());
    if (!pw && ::geteuid() == 0) pw = ::getpwnam("nobody");
    if (!pw) pw = ::getpwuid(::geteuid());
    if (!pw) throw std::runtime_error("no user to run the service as");
    return ServiceUser{pw->pw_uid, pw->pw_gid, pw->pw_name, pw->pw_dir};
}

ServiceProcess::ServiceProcess(const std::vector<std::string>& command,
                               const std::map<std::string, std::string>& environment, const ServiceUnit& unit,
                               const std::string& workingDirectory, const ServiceUser& user,
                               const std::filesystem::path& log) {
    std::vector<std::string> args;
    if (user.uid != ::geteuid())
        args = {"/usr/bin/setpriv", "--reuid=" + std::to_string(user.uid), "--regid=" + std::to_string(user.gid),
                "--clear-groups", "--"};
    args.insert(args.end(), command.begin(), command.end());
    std::vector<std::string> envStrings;
    for (const auto& [k, v] : environment) envStrings.push_back(k + "=" + v);
    std::vector<char*> argv, envp;
    for (auto& a : args) argv.push_back(a.data());
    for (auto& e : envStrings) envp.push_back(e.data());
    argv.push_back(nullptr);
    envp.push_back(nullptr);
    const std::string logPath = log.string();
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ > 0) return;
    // Child: only async-signal-safe calls until exec.
    ::umask(unit.umask);
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (in < 0 || out < 0 || ::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(out, 2) < 0) ::_exit(126);
    if (::chdir(workingDirectory.c_str()) != 0) ::_exit(200); // systemd's EXIT_CHDIR
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(203); // systemd's EXIT_EXEC
}

ServiceProcess::~ServiceProcess() {
    if (pid_ > 0 && !waitExit(std::chrono::milliseconds{0})) {
        ::kill(pid_, SIGKILL);
        waitExit(std::chrono::seconds{10});
    }
}

void ServiceProcess::signal(int sig) const { ::kill(pid_, sig); }

std::optional<int> ServiceProcess::waitExit(std::chrono::milliseconds timeout) {
    if (pid_ <= 0) return std::nullopt;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        int status = 0;
        const pid_t done = ::waitpid(pid_, &status, WNOHANG);
        if (done == pid_) {
            pid_ = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
}

} // namespace authcore::test
