// SPDX-License-Identifier: Apache-2.0
// DebianRoot: a fresh Debian 12 root (tests/package/fresh_root.sh) to install packages into.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace authcore::test {

/// A command's exit status (-1: no normal exit) and combined stdout/stderr.
struct CommandResult {
    int status = -1;
    std::string output;
};

/// `word` quoted for sh.
std::string shellQuote(const std::string& word);
/// Runs argv (no shell), collecting its combined output.
CommandResult runArgv(const std::vector<std::string>& argv);

/// Thrown when this machine cannot make a root at all (no debootstrap, mirror
/// unreachable); what() says why. Any other failure is an ordinary error.
struct RootUnavailable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class DebianRoot {
public:
    /// Unpacks the cached root tarball (built first when `cacheDir` has none) into a
    /// new directory under $TMPDIR. Throws RootUnavailable or std::runtime_error.
    DebianRoot(std::filesystem::path script, const std::filesystem::path& cacheDir);
    /// Removes the root, unless AUTHCORE_KEEP_ROOT=1 (then its path is logged).
    ~DebianRoot();
    DebianRoot(const DebianRoot&) = delete;
    DebianRoot& operator=(const DebianRoot&) = delete;

    /// The host path of `inside` (an absolute path in the root).
    std::filesystem::path host(const std::string& inside) const;
    /// Runs `shellCommand` with sh inside the root as root, with the apt archive cache.
    CommandResult run(const std::string& shellCommand) const;
    /// argv that runs `shellCommand` inside the root, for spawnProcess.
    std::vector<std::string> argv(const std::string& shellCommand) const;
    /// How long building or unpacking the cached root took, in seconds.
    double preparedSeconds() const { return preparedSeconds_; }

private:
    std::filesystem::path script_;
    std::filesystem::path aptCache_;
    std::filesystem::path dir_;
    double preparedSeconds_ = 0;
};

} // namespace authcore::test
