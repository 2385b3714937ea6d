// SPDX-License-Identifier: Apache-2.0
// DebianRoot: the C++ side of tests/package/fresh_root.sh, which holds the logic.
#include "debian_root.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/wait.h>
#include <unistd.h>

namespace authcore::test {

std::string shellQuote(const std::string& word) {
    std::string quoted = "'";
    for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

CommandResult runArgv(const std::vector<std::string>& argv) {
    std::string command;
    for (const auto& word : argv) command += shellQuote(word) + " ";
    CommandResult result;
    FILE* pipe = ::popen((command + "2>&1 </dev/null").c_str(), "r");
    if (!pipe) return result;
    std::array<char, 4096> buffer{};
    size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

namespace {

// fresh_root.sh's exit status for "this machine cannot make a root".
constexpr int kSkipStatus = 77;

std::filesystem::path makeTempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base ? base : "/tmp") + "/authcore-root-XXXXXX";
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    return pattern;
}

} // namespace

DebianRoot::DebianRoot(std::filesystem::path script, const std::filesystem::path& cacheDir)
    : script_(std::move(script)), aptCache_(cacheDir / "apt-archives") {
    const auto start = std::chrono::steady_clock::now();
    const auto tarball = runArgv({script_.string(), "tarball", cacheDir.string()});
    if (tarball.status == kSkipStatus) throw RootUnavailable(tarball.output);
    if (tarball.status != 0) throw std::runtime_error("fresh_root.sh tarball failed:\n" + tarball.output);
    // The tarball's path is the last line; debootstrap's progress came before it.
    std::string path = tarball.output;
    while (!path.empty() && path.back() == '\n') path.pop_back();
    path = path.substr(path.rfind('\n') + 1);
    std::filesystem::create_directories(aptCache_ / "partial");
    dir_ = makeTempDir();
    const auto unpack = runArgv({script_.string(), "unpack", path, dir_.string()});
    if (unpack.status != 0) throw std::runtime_error("fresh_root.sh unpack failed:\n" + unpack.output);
    preparedSeconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

DebianRoot::~DebianRoot() {
    const char* keep = std::getenv("AUTHCORE_KEEP_ROOT");
    if (keep && std::string(keep) == "1") {
        BOOST_TEST_MESSAGE("AUTHCORE_KEEP_ROOT=1: the root stays at " << dir_.string()
                           << " (enter it with " << script_.string() << " run " << dir_.string() << " -- bash)");
        return;
    }
    const auto removed = runArgv({script_.string(), "remove", dir_.string()});
    if (removed.status != 0) BOOST_TEST_MESSAGE("removing " << dir_.string() << " failed: " << removed.output);
}

std::filesystem::path DebianRoot::host(const std::string& inside) const {
    return dir_ / std::filesystem::path(inside).relative_path();
}

std::vector<std::string> DebianRoot::argv(const std::string& shellCommand) const {
    return {script_.string(), "run", "--apt-cache", aptCache_.string(), dir_.string(), "--", "/bin/sh", "-c",
            shellCommand};
}

CommandResult DebianRoot::run(const std::string& shellCommand) const {
    return runArgv(argv(shellCommand));
}

} // namespace authcore::test
