// SPDX-License-Identifier: Apache-2.0
// authcore: the appliance's command line.
#include "cli/commands.hpp"

#include <authcore/error.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace {

const char* const kUsage =
    "usage: authcore <command> [--config FILE] [options]\n"
    "  serve                       run the server\n"
    "  migrate                     apply database migrations\n"
    "  admin create-user --email E --password P [--name N] [--system-admin]\n"
    "  admin create-org --slug S --name N --owner E\n"
    "  admin reset-password --email E --password P\n"
    "  keys rotate                 publish the next signing key and start using it\n"
    "  backup --to FILE            online copy of an SQLite store (never overwrites FILE)\n"
    "  config check                validate and print the effective configuration\n"
    "  version                     this build and the libraries it uses\n";

int dispatch(const std::string& command, const std::string& configFile, const std::vector<std::string>& rest) {
    using namespace authcore::appliance;
    if (command == "serve" && rest.empty()) return runServe(configFile);
    if (command == "migrate" && rest.empty()) return runMigrate(configFile);
    if (command == "admin") return runAdmin(configFile, rest);
    if (command == "keys") return runKeys(configFile, rest);
    if (command == "backup") return runBackup(configFile, rest);
    if (command == "config" && rest.size() == 1 && rest[0] == "check") return runConfigCheck(configFile);
    if (command == "version" && rest.empty()) return runVersion();
    std::cerr << kUsage;
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string configFile;
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--config" && i + 1 < args.size()) {
            configFile = args[++i];
        } else if (args[i].rfind("--config=", 0) == 0) {
            configFile = args[i].substr(9);
        } else if (args[i] == "--version") {
            return authcore::appliance::runVersion();
        } else if (args[i] == "--help" || args[i] == "-h") {
            std::cout << kUsage;
            return 0;
        } else {
            rest.push_back(args[i]);
        }
    }
    if (rest.empty()) {
        std::cerr << kUsage;
        return 2;
    }
    const auto command = rest.front();
    rest.erase(rest.begin());
    try {
        return dispatch(command, configFile, rest);
    } catch (const authcore::Error& e) {
        std::cerr << "authcore: " << authcore::errorCodeName(e.code()) << ": " << e.what() << "\n";
        return e.code() == authcore::ErrorCode::StoreUnavailable ? 75 : 1;
    } catch (const std::invalid_argument& e) {
        std::cerr << "authcore: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "authcore: " << e.what() << "\n";
        return 1;
    }
}
