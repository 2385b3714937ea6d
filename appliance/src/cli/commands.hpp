// SPDX-License-Identifier: Apache-2.0
// The `authcore` subcommands. Each returns the process exit code.
#pragma once

#include <string>
#include <vector>

namespace authcore::appliance {

int runServe(const std::string& configFile);
int runMigrate(const std::string& configFile);
int runAdmin(const std::string& configFile, const std::vector<std::string>& args);
int runKeys(const std::string& configFile, const std::vector<std::string>& args);
/// Exit 1 (via authcore::Error) when the target exists or the store is MySQL/MariaDB.
int runBackup(const std::string& configFile, const std::vector<std::string>& args);
int runConfigCheck(const std::string& configFile);
int runVersion();

} // namespace authcore::appliance
