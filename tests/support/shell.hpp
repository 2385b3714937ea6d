// SPDX-License-Identifier: Apache-2.0
// runCommand: a shell command's combined output and exit status, for tests.
#pragma once

#include <array>
#include <cstdio>
#include <string>

namespace authcore::test {

inline std::string runCommand(const std::string& command, int& status) {
    std::string output;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    std::array<char, 4096> buffer{};
    while (pipe && fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
    status = pipe ? pclose(pipe) : -1;
    return output;
}

} // namespace authcore::test
