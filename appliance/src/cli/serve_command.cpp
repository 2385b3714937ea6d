// SPDX-License-Identifier: Apache-2.0
// `authcore serve`: build the context, listen, notify systemd, wait for signals.
#include "app/context.hpp"
#include "app/server_setup.hpp"
#include "cli/commands.hpp"
#include "http/server.hpp"
#include "routes/routes.hpp"

#include <authcore/saml/library.hpp>

#include <csignal>
#include <iostream>

#ifdef AUTHCORE_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

namespace authcore::appliance {
namespace {

void notifySystemd([[maybe_unused]] const char* state) {
#ifdef AUTHCORE_HAVE_SYSTEMD
    sd_notify(0, state);
#endif
}

void printFirstOwnerHint(Context& ctx) {
    try {
        if (ctx.db->users().count() > 0) return;
    } catch (const std::exception&) {
        return;
    }
    std::cout << "\nNo users yet. Create the first owner with:\n"
              << "  authcore admin create-user --email you@example.com --password '<a strong password>' "
                 "--system-admin\n"
              << "  authcore admin create-org --slug my-org --name 'My Org' --owner you@example.com\n"
              << "then sign in at " << ctx.config.publicUrl() << "/login or with\n"
              << "  curl -s " << ctx.config.publicUrl()
              << "/api/v1/auth/login -H 'Content-Type: application/json' "
                 "-d '{\"email\":\"you@example.com\",\"password\":\"...\"}'\n\n"
              << std::flush;
}

// Signals are taken synchronously on the main thread, which also runs the
// periodic housekeeping between them.
void waitForTermination(Context& ctx, const std::string& configFile, const sigset_t& signals) {
    auto lastPurge = std::chrono::steady_clock::now();
    for (;;) {
        timespec timeout{1, 0};
        const int sig = sigtimedwait(&signals, nullptr, &timeout);
        if (sig == SIGINT || sig == SIGTERM) return;
        if (sig == SIGHUP) {
            try {
                const auto fresh = Config::load(configFile, Config::processEnvironment());
                ctx.logger.setLevel(*parseLogLevel(fresh.get("log.level")));
                ctx.logger.info("configuration reloaded", {{"log.level", fresh.get("log.level")}});
            } catch (const std::exception& e) {
                ctx.logger.error("reload failed; keeping the running configuration", {{"error", e.what()}});
            }
        }
        try {
            ctx.audit->flush();
            if (std::chrono::steady_clock::now() - lastPurge > std::chrono::hours{1}) {
                ctx.db->sessions().purgeExpired(ctx.clock.now());
                lastPurge = std::chrono::steady_clock::now();
            }
        } catch (const std::exception& e) {
            ctx.logger.warn("housekeeping deferred", {{"error", e.what()}});
        }
    }
}

} // namespace

int runServe(const std::string& configFile) {
    sigset_t signals;
    sigemptyset(&signals);
    for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&signals, s);
    // Blocked before any thread starts, so only sigtimedwait sees them.
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto config = Config::load(configFile, Config::processEnvironment());
    // libxml2/xmlsec1 process-wide state lives exactly as long as the server.
    saml::Library samlLibrary;
    Logger logger(*parseLogLevel(config.get("log.level")), config.get("log.format") == "json");
    Context ctx(std::move(config), logger);
    if (ctx.migrationsApplied > 0)
        logger.info("database migrated", {{"applied", std::to_string(ctx.migrationsApplied)}});

    Router router;
    addAllRoutes(router, ctx);
    HttpServer server(serverOptionsFrom(ctx.config), router, ctx.metrics, logger);
    server.start();
    logger.info("listening", {{"address", ctx.config.get("http.address")},
                              {"port", std::to_string(server.port())},
                              {"public_url", ctx.config.publicUrl()}});
    notifySystemd("READY=1");
    printFirstOwnerHint(ctx);

    waitForTermination(ctx, configFile, signals);
    notifySystemd("STOPPING=1");
    logger.info("shutting down");
    server.stop();
    return 0;
}

} // namespace authcore::appliance
