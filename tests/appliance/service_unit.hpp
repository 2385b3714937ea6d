// SPDX-License-Identifier: Apache-2.0
// The built systemd unit read back, and its ExecStart run the way systemd
// would run it: unprivileged user, UMask, WorkingDirectory, the environment
// systemd gives a service, and a NOTIFY_SOCKET the test owns.
#pragma once

#include "support/systemd_unit.hpp"

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace authcore::test {

/// The [Service] settings the tests run by.
struct ServiceUnit {
    std::vector<std::string> execStart;
    std::string user;
    std::string workingDirectory;
    std::string stateDirectory;
    std::string runtimeDirectory;
    std::string timeoutStopSec;
    mode_t umask = 022;
    std::map<std::string, std::string> environment;
};

/// Parses `file`; throws std::runtime_error on a setting it cannot take
/// literally (quotes or % specifiers in ExecStart, a malformed UMask).
ServiceUnit parseServiceUnit(const std::filesystem::path& file);
/// "30s", "2min", "45" as a duration.
std::chrono::seconds parseTimespan(const std::string& text);

/// Who the service runs as.
struct ServiceUser {
    uid_t uid;
    gid_t gid;
    std::string name;
    std::string home;
    /// The unit's User= if it exists; else `nobody` when we are root; else us.
    static ServiceUser forUnit(const ServiceUnit& unit);
};

/// One started service process.
class ServiceProcess {
public:
    /// Forks, applies the unit's UMask and `workingDirectory`, sends stdout and
    /// stderr to `log`, and execs `argv` with exactly `environment`, through
    /// setpriv --reuid/--regid/--clear-groups when `user` is not us.
    ServiceProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& environment,
                   const ServiceUnit& unit, const std::string& workingDirectory, const ServiceUser& user,
                   const std::filesystem::path& log);
    ~ServiceProcess(); ///< SIGKILL if still running
    ServiceProcess(const ServiceProcess&) = delete;
    ServiceProcess& operator=(const ServiceProcess&) = delete;
    pid_t pid() const { return pid_; }
    void signal(int sig) const;
    /// The exit status, or nullopt when it has not exited within `timeout`
    /// (-1 when it died by a signal).
    std::optional<int> waitExit(std::chrono::milliseconds timeout);

private:
    pid_t pid_ = -1;
};

} // namespace authcore::test
