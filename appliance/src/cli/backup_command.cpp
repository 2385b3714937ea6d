// SPDX-License-Identifier: Apache-2.0
// `authcore backup --to FILE`: an online copy of the store; the store layer decides how.
#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "config/config.hpp"

#include <authcore/store/backup.hpp>

#include <chrono>
#include <iostream>

namespace authcore::appliance {

int runBackup(const std::string& configFile, const std::vector<std::string>& args) {
    Arguments a(args, {"--to"}, {});
    const auto& target = a.required("--to");
    const auto config = Config::load(configFile, Config::processEnvironment());
    // One connection and no migration: the copy is of the store as it is.
    auto db = Database::open(DatabaseOptions{config.get("store.url"), 1, std::chrono::milliseconds{5000}});
    backupDatabase(*db, target);
    std::cout << "backup written to " << target << "\n"
              << "keep a copy of " << config.get("keys.master_key_file")
              << " too: without it the signing keys in the backup cannot be decrypted\n";
    return 0;
}

} // namespace authcore::appliance
