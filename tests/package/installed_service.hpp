// SPDX-License-Identifier: Apache-2.0
// InstalledService: the packaged unit's ExecStart run inside a DebianRoot as systemd would.
#pragma once

#include "debian_root.hpp"

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>

namespace authcore::test {

/// The packaged unit, started without systemd: its ExecStart as its User/Group, in its
/// WorkingDirectory with its UMask, STATE_DIRECTORY set, and a NOTIFY_SOCKET the test
/// listens on (Type=notify). AUTHCORE_HTTP_PORT moves it to a free loopback port.
class InstalledService {
public:
    /// Starts the unit read from `unitPath` in `root` and waits (60 s) for READY=1;
    /// throws std::runtime_error with the server's log when READY does not come.
    InstalledService(const DebianRoot& root, const std::string& unitPath, int port,
                     const std::filesystem::path& log);
    /// Kills the server if it still runs.
    ~InstalledService();
    InstalledService(const InstalledService&) = delete;
    InstalledService& operator=(const InstalledService&) = delete;

    /// The process that sent READY=1 (the kernel's SCM_CREDENTIALS, as systemd reads it).
    pid_t mainPid() const { return mainPid_; }
    /// The unit's [Service] keys.
    const std::map<std::string, std::string>& unit() const { return unit_; }
    /// SIGTERM to the main process; its exit status (-1: killed by a signal or no exit in 30 s).
    int stop();

private:
    std::map<std::string, std::string> unit_;
    pid_t launcher_ = -1;
    pid_t mainPid_ = -1;
};

} // namespace authcore::test
