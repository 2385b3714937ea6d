// SPDX-License-Identifier: Apache-2.0
// migrate, admin create-user|create-org|reset-password, keys rotate, config check.
#include "app/context.hpp"
#include "cli/arguments.hpp"
#include "cli/commands.hpp"

#include <iostream>

namespace authcore::appliance {
namespace {

Config loadConfig(const std::string& file) { return Config::load(file, Config::processEnvironment()); }

// The CLI logs only warnings: its stdout is for the user.
Logger& cliLogger() {
    static Logger logger(LogLevel::Warning, false);
    return logger;
}

int adminCreateUser(Context& ctx, const std::vector<std::string>& args) {
    Arguments a(args, {"--email", "--password", "--name"}, {"--system-admin"});
    NewUser request{a.required("--email"), a.required("--password"), a.optional("--name"), a.flag("--system-admin")};
    const auto user = ctx.users->create(Principal::system(), request);
    std::cout << "created user " << user.id << " <" << user.email << ">" << (user.systemAdmin ? " (system admin)" : "")
              << "\n";
    return 0;
}

int adminCreateOrg(Context& ctx, const std::vector<std::string>& args) {
    Arguments a(args, {"--slug", "--name", "--owner"}, {});
    const auto org = ctx.organizations->createWithOwner(Principal::system(), a.required("--slug"),
                                                        a.required("--name"), a.required("--owner"));
    std::cout << "created organization " << org.id << " (" << org.slug << ") owned by " << a.required("--owner")
              << "\n";
    return 0;
}

int adminResetPassword(Context& ctx, const std::vector<std::string>& args) {
    Arguments a(args, {"--email", "--password"}, {});
    ctx.users->resetPassword(Principal::system(), a.required("--email"), a.required("--password"));
    std::cout << "password reset for " << a.required("--email") << "\n";
    return 0;
}

} // namespace

int runMigrate(const std::string& configFile) {
    Context ctx(loadConfig(configFile), cliLogger());
    std::cout << "applied " << ctx.migrationsApplied << " migration(s); schema version " << ctx.db->schemaVersion()
              << "\n";
    return 0;
}

int runAdmin(const std::string& configFile, const std::vector<std::string>& args) {
    if (args.empty()) throw std::invalid_argument("usage: authcore admin create-user|create-org|reset-password ...");
    const auto rest = std::vector<std::string>(args.begin() + 1, args.end());
    Context ctx(loadConfig(configFile), cliLogger());
    if (args[0] == "create-user") return adminCreateUser(ctx, rest);
    if (args[0] == "create-org") return adminCreateOrg(ctx, rest);
    if (args[0] == "reset-password") return adminResetPassword(ctx, rest);
    throw std::invalid_argument("unknown admin command " + args[0]);
}

int runKeys(const std::string& configFile, const std::vector<std::string>& args) {
    if (args.size() != 1 || args[0] != "rotate") throw std::invalid_argument("usage: authcore keys rotate");
    Context ctx(loadConfig(configFile), cliLogger());
    const auto kid = ctx.keys->rotate();
    ctx.audit->record("", "system", "keys.rotate", kid, true);
    std::cout << "rotated signing keys; current key is now " << kid << "\n";
    return 0;
}

int runConfigCheck(const std::string& configFile) {
    const auto config = loadConfig(configFile);
    for (const auto& key : Config::knownKeys()) {
        std::cout << key << " = " << config.displayValue(key) << "  ["
                  << config.sourceOf(key) << "]\n";
    }
    std::cout << "public_url (effective) = " << config.publicUrl() << "\nconfiguration is valid\n";
    return 0;
}

} // namespace authcore::appliance
