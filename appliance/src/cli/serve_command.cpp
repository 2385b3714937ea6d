// SPDX-License-Identifier: Apache-2.0
// `authcore serve`: build the context, listen, notify systemd, wait for signals.
#include "app/context.hpp"
#include "app/server_setup.hpp"
#include "cli/commands.hpp"
#include "http/server.hpp"
#include "routes/routes.hpp"

#include <authcore/saml/library.hpp>

#include <csignal>
#include <ctime>
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

// The certificate files are read again, at the paths of the reloaded
// configuration. Turning TLS on or off changes what the socket speaks, which
// only a restart can do.
void reloadTls(Context& ctx, HttpServer& server, const Config& fresh) {
    const auto& cert = fresh.get("tls.cert");
    if (server.tlsEnabled() == cert.empty()) {
        ctx.logger.warn("TLS cannot be switched on or off by a reload; restart the service to apply it",
                        {{"tls.cert", cert}});
        return;
    }
    if (!server.tlsEnabled()) return;
    try {
        const auto fingerprint = server.reloadTls(cert, fresh.get("tls.key"));
        ctx.logger.info("TLS certificate reloaded", {{"tls.cert", cert}, {"sha256", fingerprint}});
    } catch (const std::exception& e) {
        ctx.logger.error("TLS certificate reload refused; still serving the previous certificate",
                         {{"error", e.what()}});
    }
}

// SIGHUP: log.level and the TLS certificate; every other key needs a restart.
// RELOADING=1 ... READY=1 is the sd_notify reload handshake (also what tests wait for).
void reload(Context& ctx, HttpServer& server, const std::string& configFile) {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    const auto usec = static_cast<long long>(now.tv_sec) * 1000000 + now.tv_nsec / 1000;
    notifySystemd(("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(usec)).c_str());
    try {
        const auto fresh = Config::load(configFile, Config::processEnvironment());
        ctx.logger.setLevel(*parseLogLevel(fresh.get("log.level")));
        ctx.logger.info("configuration reloaded", {{"log.level", fresh.get("log.level")}});
        reloadTls(ctx, server, fresh);
    } catch (const std::exception& e) {
        ctx.logger.error("reload failed; keeping the running configuration", {{"error", e.what()}});
    }
    notifySystemd("READY=1");
}

// Signals are taken synchronously on the main thread, which also runs the
// periodic housekeeping between them.
void waitForTermination(Context& ctx, HttpServer& server, const std::string& configFile, const sigset_t& signals) {
    auto lastPurge = std::chrono::steady_clock::now();
    for (;;) {
        timespec timeout{1, 0};
        const int sig = sigtimedwait(&signals, nullptr, &timeout);
        if (sig == SIGINT || sig == SIGTERM) return;
        if (sig == SIGHUP) reload(ctx, server, configFile);
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

// New connections are refused before STOPPING=1 goes out; requests in
// progress get http.drain_seconds, which stays below the unit's TimeoutStopSec.
void drain(Context& ctx, HttpServer& server) {
    server.stopAccepting();
    notifySystemd("STOPPING=1");
    const auto limit = ctx.config.getInt("http.drain_seconds");
    ctx.logger.info("shutting down", {{"drain_seconds", std::to_string(limit)}});
    const int aborted = server.drain(std::chrono::seconds{limit});
    if (aborted > 0)
        ctx.logger.warn("drain time over; aborted the requests still running", {{"requests", std::to_string(aborted)}});
    try {
        ctx.audit->flush(); // what the last requests recorded
    } catch (const std::exception& e) {
        ctx.logger.warn("audit flush failed at exit", {{"error", e.what()}});
    }
    ctx.logger.info("stopped");
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

    waitForTermination(ctx, server, configFile, signals);
    drain(ctx, server);
    return 0;
}

} // namespace authcore::appliance
