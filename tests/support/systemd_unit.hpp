// SPDX-License-Identifier: Apache-2.0
// What a test needs to stand in for systemd: a unit's [Service] settings read
// back, and the NOTIFY_SOCKET a Type=notify service reports to.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace authcore::test {

/// The [Service] settings of a unit file's text, in file order (a key may repeat,
/// as Environment= does).
std::vector<std::pair<std::string, std::string>> serviceSettings(const std::string& unitText);
/// The same, one value per key: the last one wins, as in systemd for single-valued keys.
std::map<std::string, std::string> serviceKeys(const std::string& unitText);

/// A datagram socket bound at `path` that any user may send to, and that receives
/// the sender's credentials (SO_PASSCRED), as systemd's notify socket does.
class NotifySocket {
public:
    explicit NotifySocket(const std::string& path);
    ~NotifySocket(); ///< closes and unlinks the socket
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;
    const std::string& path() const { return path_; }
    /// Reads messages until one has the line `state` (e.g. "READY=1"); false on timeout.
    bool waitFor(const std::string& state, std::chrono::milliseconds timeout);
    /// The pid that sent the message waitFor last accepted (-1 before any).
    pid_t lastSender() const { return lastSender_; }

private:
    std::string path_;
    int fd_ = -1;
    pid_t lastSender_ = -1;
};

} // namespace authcore::test
