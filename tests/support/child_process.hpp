// SPDX-License-Identifier: Apache-2.0
// Child processes for integration tests (mariadbd, Python peers): they die
// with the test process, and their output goes to a log file.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace authcore::test {

/// Starts args[0] (an absolute path) with stdin from /dev/null and stdout and
/// stderr appended to `log`. The child gets SIGKILL if the test process dies.
pid_t spawnProcess(const std::vector<std::string>& args, const std::filesystem::path& log);
/// Waits for `pid`; its exit status, or -1 when it did not exit normally.
int waitForProcess(pid_t pid);
/// SIGSTOP to `pid`; returns once every thread of it is stopped (at most 10 s).
void pauseProcess(pid_t pid);
/// A TCP port on 127.0.0.1 that was free a moment ago.
int freeLoopbackPort();
/// The last `bytes` bytes of a (log) file, or all of it.
std::string fileTail(const std::filesystem::path& file, std::size_t bytes);

} // namespace authcore::test
