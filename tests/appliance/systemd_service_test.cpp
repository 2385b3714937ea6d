// SPDX-License-Identifier: Apache-2.0
// The built unit's ExecStart run as systemd runs it (unprivileged user, UMask,
// WorkingDirectory, service environment, NOTIFY_SOCKET): READY only once the
// port answers, SIGHUP reloads (log level, TLS pair), SIGTERM drains.
#include "service_unit.hpp"

#include "support/child_process.hpp"
#include "support/shell.hpp"
#include "support/temp_dir.hpp"
#include "support/tls_files.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <csignal>
#include <fstream>
#include <memory>
#include <netinet/in.h>
#include <random>
#include <sys/socket.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace authcore::test;
namespace fs = std::filesystem;

namespace {

std::string buildRoot() { return std::getenv("AUTHCORE_BUILD_ROOT"); }
std::string sourceRoot() { return std::getenv("AUTHCORE_SOURCE_ROOT"); }
constexpr const char* kUnitConfig = "/etc/authcore/authcore.properties";

std::string randomHex(std::size_t length) {
    std::random_device random;
    std::string out;
    while (out.size() < length) out += "0123456789abcdef"[random() % 16];
    return out;
}

// The shipped default configuration, with /var/lib/authcore moved to `stateDir`.
std::vector<std::pair<std::string, std::string>> shippedSettings(const std::string& stateDir) {
    std::ifstream in(sourceRoot() + "/systemd/authcore.properties");
    std::vector<std::pair<std::string, std::string>> out;
    for (std::string line; std::getline(in, line);) {
        const auto eq = line.find(" = ");
        if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
        auto value = line.substr(eq + 3);
        if (const auto at = value.find("/var/lib/authcore"); at != std::string::npos)
            value.replace(at, std::string("/var/lib/authcore").size(), stateDir);
        out.emplace_back(line.substr(0, eq), value);
    }
    return out;
}

int runCommandStatus(const std::string& command) {
    int status = 0;
    runCommand(command, status);
    return status;
}

void httpGet(int port, const std::string& path) {
    runCommandStatus("curl -s -o /dev/null --max-time 5 http://127.0.0.1:" + std::to_string(port) + path);
}

int connectTo(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) return fd;
    const int error = errno;
    ::close(fd);
    errno = error;
    return -1;
}

void sendAll(int fd, const std::string& data) {
    BOOST_REQUIRE(::send(fd, data.data(), data.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(data.size()));
}

// Everything until the peer closes (or 30 s pass).
std::string readToEnd(int fd) {
    timeval timeout{30, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string out;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
    return out;
}

std::string servedFingerprint(int port) {
    int status = 0;
    return runCommand("openssl s_client -connect 127.0.0.1:" + std::to_string(port) +
                          " </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256",
                      status);
}

std::string fileFingerprint(const std::string& cert) {
    int status = 0;
    return runCommand("openssl x509 -noout -fingerprint -sha256 -in " + cert, status);
}

void copyContents(const std::string& from, const std::string& to) {
    // Rewritten in place: owner and mode stay those of `to`.
    std::ifstream in(from);
    std::ofstream(to, std::ios::trunc) << in.rdbuf();
}

struct UnitService {
    UnitService()
        : unit(parseServiceUnit(buildRoot() + "/systemd/authcore-buildtree.service")),
          user(ServiceUser::forUnit(unit)), port(freeLoopbackPort()) {
        fs::permissions(base.path(), fs::perms(0711)); // the service user must get through to its directories
        for (const auto& [dir, mode] : {std::pair{stateDir, 0700}, {configDir, 0700}, {credentialsDir, 0500}}) {
            fs::create_directory(dir);
            BOOST_REQUIRE(::chown(dir.c_str(), user.uid, user.gid) == 0);
            ::chmod(dir.c_str(), static_cast<mode_t>(mode));
        }
        settings = shippedSettings(stateDir);
        set("http.port", std::to_string(port));
        notify = std::make_unique<NotifySocket>(base.file("notify.sock"));
    }

    void set(const std::string& key, const std::string& value) {
        for (auto& [k, v] : settings)
            if (k == key) return void(v = value);
        settings.emplace_back(key, value);
    }

    void writeConfig() {
        const auto file = configDir + "/authcore.properties";
        std::ofstream out(file, std::ios::trunc);
        for (const auto& [k, v] : settings) out << k << " = " << v << "\n";
        out.close();
        BOOST_REQUIRE(::chown(file.c_str(), user.uid, user.gid) == 0);
    }

    // A file in the configuration directory that the service user can read.
    std::string configFile(const std::string& name, const std::string& copyOf) {
        const auto file = configDir + "/" + name;
        std::ofstream(file).close();
        copyContents(copyOf, file);
        BOOST_REQUIRE(::chown(file.c_str(), user.uid, user.gid) == 0);
        return file;
    }

    // ExecStart as written, with the unit's --config path moved to our directory.
    std::vector<std::string> command() const {
        auto argv = unit.execStart;
        for (std::size_t i = 0; i + 1 < argv.size(); ++i)
            if (argv[i] == "--config" && argv[i + 1] == kUnitConfig) argv[i + 1] = configDir + "/authcore.properties";
        return argv;
    }

    std::map<std::string, std::string> environment() const {
        std::map<std::string, std::string> env = unit.environment;
        env["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin";
        env["HOME"] = user.home;
        env["USER"] = env["LOGNAME"] = user.name;
        env["INVOCATION_ID"] = randomHex(32);
        env["NOTIFY_SOCKET"] = notify->path();
        env["STATE_DIRECTORY"] = stateDir;
        env["CONFIGURATION_DIRECTORY"] = configDir;
        env["CREDENTIALS_DIRECTORY"] = credentialsDir;
        if (!unit.runtimeDirectory.empty()) env["RUNTIME_DIRECTORY"] = base.file("run");
        return env;
    }

    void start() {
        writeConfig();
        process = std::make_unique<ServiceProcess>(command(), environment(), unit, stateDir, user, logFile);
        BOOST_REQUIRE_MESSAGE(notify->waitFor("READY=1", std::chrono::seconds{60}), "no READY=1; log:\n" << log());
    }

    void reload() {
        process->signal(SIGHUP);
        BOOST_REQUIRE_MESSAGE(notify->waitFor("READY=1", std::chrono::seconds{30}), "no READY=1 after SIGHUP");
    }

    /// SIGTERM, STOPPING=1, and the exit status within TimeoutStopSec.
    std::optional<int> stop() {
        process->signal(SIGTERM);
        BOOST_TEST(notify->waitFor("STOPPING=1", std::chrono::seconds{10}));
        return process->waitExit(parseTimespan(unit.timeoutStopSec));
    }

    std::string log() const { return fileTail(logFile, 1 << 20); }

    TempDir base;
    ServiceUnit unit;
    ServiceUser user;
    int port;
    std::string stateDir = base.file("state");
    std::string configDir = base.file("config");
    std::string credentialsDir = base.file("credentials");
    std::string logFile = base.file("service.log");
    std::vector<std::pair<std::string, std::string>> settings;
    std::unique_ptr<NotifySocket> notify;
    std::unique_ptr<ServiceProcess> process;
};

uid_t realUidOf(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("Uid:", 0) == 0) return static_cast<uid_t>(std::stoul(line.substr(4)));
    return static_cast<uid_t>(-1);
}

std::string halfLoginRequest(std::string& rest) {
    const std::string body = R"({"email":"nobody@example.com","password":"not-the-password"})";
    rest = body.substr(body.size() / 2);
    return "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, body.size() / 2);
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_systemd_service, UnitService)

BOOST_AUTO_TEST_CASE(the_unit_starts_unprivileged_ready_after_listening_and_stops_cleanly) {
    BOOST_TEST(unit.execStart.front() == buildRoot() + "/appliance/authcore");
    BOOST_TEST((command() != unit.execStart), "ExecStart no longer passes --config " << kUnitConfig);
    BOOST_TEST(unit.workingDirectory == "/var/lib/" + unit.stateDirectory);
    BOOST_TEST(unit.umask == 0077u);
    BOOST_TEST(parseTimespan(unit.timeoutStopSec).count() == 30);
    start();
    // READY=1 came after listen: the very next connection is served.
    BOOST_TEST(runCommandStatus("curl -sf --max-time 5 http://127.0.0.1:" + std::to_string(port) + "/healthz") == 0);
    BOOST_TEST(realUidOf(process->pid()) == user.uid);
    struct stat key{};
    BOOST_REQUIRE(::stat((stateDir + "/master.key").c_str(), &key) == 0);
    BOOST_TEST((key.st_mode & 0777) == 0600u);
    BOOST_TEST(key.st_uid == user.uid);
    struct stat db{};
    BOOST_REQUIRE(::stat((stateDir + "/authcore.db").c_str(), &db) == 0);
    BOOST_TEST((db.st_mode & 0077) == 0u, "UMask=0077 not applied to the database");
    const auto status = stop();
    BOOST_TEST((status && *status == 0), log());
}

BOOST_AUTO_TEST_CASE(sighup_applies_a_new_log_level) {
    set("log.level", "info");
    start();
    httpGet(port, "/probe-before-reload");
    set("log.level", "warn");
    writeConfig();
    reload();
    httpGet(port, "/probe-after-reload");
    BOOST_TEST((stop() == std::optional<int>(0)), log());
    BOOST_TEST(log().find("/probe-before-reload") != std::string::npos, log());
    BOOST_TEST(log().find("/probe-after-reload") == std::string::npos, log());
}

BOOST_AUTO_TEST_CASE(sighup_serves_a_new_certificate_and_keeps_the_old_one_when_the_new_pair_is_bad) {
    TlsFiles first, second;
    const auto cert = configFile("cert.pem", first.cert());
    const auto key = configFile("key.pem", first.key());
    set("tls.cert", cert);
    set("tls.key", key);
    start();
    BOOST_TEST(servedFingerprint(port) == fileFingerprint(first.cert()));

    copyContents(second.cert(), cert);
    copyContents(second.key(), key);
    reload();
    BOOST_TEST(servedFingerprint(port) == fileFingerprint(second.cert()), log());

    copyContents(first.key(), key); // a key that does not match the certificate
    reload();
    BOOST_TEST(servedFingerprint(port) == fileFingerprint(second.cert()));
    std::ofstream(cert, std::ios::trunc) << "not a certificate\n";
    reload();
    BOOST_TEST(servedFingerprint(port) == fileFingerprint(second.cert()));
    BOOST_TEST(log().find("is not the key of the certificate") != std::string::npos, log());
    BOOST_TEST(log().find("holds no PEM certificate") != std::string::npos, log());
    BOOST_TEST((stop() == std::optional<int>(0)), log());
}

BOOST_AUTO_TEST_CASE(sigterm_lets_a_request_in_progress_finish_and_refuses_new_connections) {
    start();
    std::string rest;
    const int fd = connectTo(port);
    BOOST_REQUIRE(fd >= 0);
    sendAll(fd, halfLoginRequest(rest));
    std::this_thread::sleep_for(std::chrono::milliseconds{500}); // the handler is now reading the body
    process->signal(SIGTERM);
    BOOST_REQUIRE(notify->waitFor("STOPPING=1", std::chrono::seconds{10}));
    BOOST_TEST(connectTo(port) == -1);
    BOOST_TEST(errno == ECONNREFUSED);
    sendAll(fd, rest);
    const auto response = readToEnd(fd);
    ::close(fd);
    BOOST_TEST(response.rfind("HTTP/1.1 401", 0) == 0, response);
    auto lower = response;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    BOOST_TEST(lower.find("\r\nconnection: close\r\n") != std::string::npos, response);
    BOOST_TEST(response.find(R"("error":"unauthenticated")") != std::string::npos, response);
    BOOST_TEST((process->waitExit(std::chrono::seconds{20}) == std::optional<int>(0)), log());
}

BOOST_AUTO_TEST_CASE(a_request_still_running_at_the_drain_limit_is_aborted_and_counted) {
    set("http.drain_seconds", "1");
    start();
    std::string rest;
    const int fd = connectTo(port);
    BOOST_REQUIRE(fd >= 0);
    sendAll(fd, halfLoginRequest(rest)); // and never the rest
    std::this_thread::sleep_for(std::chrono::milliseconds{500});
    const auto stopped = std::chrono::steady_clock::now();
    process->signal(SIGTERM);
    BOOST_TEST((process->waitExit(std::chrono::seconds{10}) == std::optional<int>(0)), log());
    BOOST_TEST((std::chrono::steady_clock::now() - stopped < std::chrono::seconds{5}));
    BOOST_TEST(readToEnd(fd).find("HTTP/1.1 2") == std::string::npos);
    ::close(fd);
    BOOST_TEST(log().find(R"(drain time over; aborted the requests still running requests="1")") != std::string::npos,
               log());
    // Cut off in its socket, the handler ended: nothing was left to the exit.
    BOOST_TEST(log().find("connections still busy after the drain") == std::string::npos, log());
}

BOOST_AUTO_TEST_CASE(the_master_key_can_come_from_the_credentials_directory) {
    // What LoadCredential=master.key:/etc/authcore/master.key gives the service.
    const auto key = credentialsDir + "/master.key";
    int status = 0;
    std::ofstream(key) << runCommand("openssl rand -base64 32", status);
    BOOST_REQUIRE(status == 0);
    BOOST_REQUIRE(::chown(key.c_str(), user.uid, user.gid) == 0 && ::chmod(key.c_str(), 0400) == 0);
    set("keys.master_key_file", "credential:master.key");
    start();
    BOOST_TEST(runCommandStatus("curl -sf --max-time 5 http://127.0.0.1:" + std::to_string(port) + "/v1/jwks") == 0);
    BOOST_TEST((stop() == std::optional<int>(0)), log());
    BOOST_TEST(!fs::exists(stateDir + "/master.key"));
    BOOST_TEST(!fs::exists(stateDir + "/credential:master.key"));
}

BOOST_AUTO_TEST_CASE(systemd_run_starts_and_stops_the_unit_where_systemd_runs) {
    if (!fs::exists("/run/systemd/system")) {
        BOOST_TEST_MESSAGE("systemd is not PID 1 here (no /run/systemd/system): systemd-run case skipped");
        return;
    }
    writeConfig();
    const auto unitName = "authcore-test-" + randomHex(8);
    std::vector<std::string> args{"/usr/bin/systemd-run", "--wait", "--collect", "--unit=" + unitName,
                                  "-p", "Type=notify", "-p", "User=" + user.name, "-p", "UMask=0077",
                                  "-p", "WorkingDirectory=" + stateDir};
    const auto argv = command();
    args.insert(args.end(), argv.begin(), argv.end());
    const auto runner = spawnProcess(args, base.file("systemd-run.log"));
    bool healthy = false;
    for (int i = 0; i < 100 && !healthy; ++i, std::this_thread::sleep_for(std::chrono::milliseconds{200}))
        healthy = runCommandStatus("curl -sf --max-time 2 http://127.0.0.1:" + std::to_string(port) + "/healthz") == 0;
    BOOST_TEST(healthy, fileTail(base.file("systemd-run.log"), 4096));
    runCommandStatus("systemctl stop " + unitName);
    BOOST_TEST(waitForProcess(runner) == 0, fileTail(base.file("systemd-run.log"), 4096));
}

BOOST_AUTO_TEST_SUITE_END()
