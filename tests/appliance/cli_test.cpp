// SPDX-License-Identifier: Apache-2.0
// The `authcore` binary end to end: admin commands, serve, login with curl-like
// requests, CLI changes seen by a running server on the same SQLite file.
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <csignal>
#include <sstream>
#include <thread>

namespace {

struct CliResult {
    int status;
    std::string out;
    std::string err;
};

std::string binary() { return std::string(std::getenv("AUTHCORE_BUILD_ROOT")) + "/appliance/authcore"; }

struct CliFixture {
    CliFixture() {
        Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
        port = probe.address().port();
        env["AUTHCORE_STORE_URL"] = "sqlite:" + dir.file("data/authcore.db");
        env["AUTHCORE_KEYS_MASTER_KEY_FILE"] = dir.file("data/master.key");
        env["AUTHCORE_HTTP_PORT"] = std::to_string(port);
    }
    ~CliFixture() {
        if (server) {
            Poco::Process::requestTermination(server->id());
            server->wait();
        }
    }

    CliResult run(const std::vector<std::string>& args) {
        Poco::Pipe outPipe, errPipe;
        auto handle = Poco::Process::launch(binary(), args, dir.path().string(), nullptr, &outPipe, &errPipe, env);
        Poco::PipeInputStream out(outPipe), err(errPipe);
        std::string outText, errText;
        Poco::StreamCopier::copyToString(out, outText);
        Poco::StreamCopier::copyToString(err, errText);
        return CliResult{handle.wait(), outText, errText};
    }

    /// Starts `authcore serve` and waits until /healthz answers.
    void serve() {
        server.emplace(Poco::Process::launch(binary(), {"serve"}, dir.path().string(), nullptr, &serverOut,
                                             &serverErr, env));
        for (int i = 0; i < 100; ++i) {
            try {
                if (authcore::test::httpRequest(port, "GET", "/healthz").status == 200) return;
            } catch (...) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        BOOST_FAIL("server did not become healthy");
    }

    authcore::test::TempDir dir;
    Poco::Process::Env env;
    unsigned short port = 0;
    Poco::Pipe serverOut, serverErr;
    std::optional<Poco::ProcessHandle> server;
};

std::string loginBody(const std::string& email, const std::string& password) {
    return R"({"email":")" + email + R"(","password":")" + password + "\"}";
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_cli, CliFixture)

BOOST_AUTO_TEST_CASE(create_user_then_duplicate_fails_with_conflict) {
    auto first = run({"admin", "create-user", "--email", "owner@example.com", "--password", "owner-password",
                      "--system-admin"});
    BOOST_TEST(first.status == 0, first.err);
    BOOST_TEST(first.out.find("created user usr_") == 0);
    auto again = run({"admin", "create-user", "--email", "owner@example.com", "--password", "owner-password"});
    BOOST_TEST(again.status == 1);
    BOOST_TEST(again.err.find("conflict") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_arguments_exit_2_with_a_message) {
    auto missing = run({"admin", "create-user", "--email", "x@example.com"});
    BOOST_TEST(missing.status == 2);
    BOOST_TEST(missing.err.find("--password is required") != std::string::npos);
    auto unknown = run({"admin", "create-user", "--email", "x@example.com", "--password", "pw-pw-pw-pw", "--bogus"});
    BOOST_TEST(unknown.status == 2);
    BOOST_TEST(run({"frobnicate"}).status == 2);
}

BOOST_AUTO_TEST_CASE(master_key_is_created_0600) {
    BOOST_TEST(run({"migrate"}).status == 0);
    struct stat st {};
    BOOST_REQUIRE(::stat(dir.file("data/master.key").c_str(), &st) == 0);
    BOOST_TEST((st.st_mode & 0777) == 0600u);
    BOOST_TEST(run({"migrate"}).out.find("applied 0 migration(s)") == 0);
}

BOOST_AUTO_TEST_CASE(config_check_prints_sources_and_refuses_unknown_keys) {
    auto ok = run({"config", "check"});
    BOOST_TEST(ok.status == 0);
    BOOST_TEST(ok.out.find("http.port = " + std::to_string(port) + "  [AUTHCORE_HTTP_PORT]") != std::string::npos);
    std::ofstream(dir.file("bad.properties")) << "htp.port = 1\n";
    auto bad = run({"config", "check", "--config", dir.file("bad.properties")});
    BOOST_TEST(bad.status == 2);
    BOOST_TEST(bad.err.find("unknown configuration key: htp.port") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(serve_hints_first_owner_then_cli_user_can_log_in) {
    serve();
    // The CLI writes to the SQLite file the running server uses.
    BOOST_TEST(run({"admin", "create-user", "--email", "owner@example.com", "--password", "owner-password"}).status == 0);
    BOOST_TEST(run({"admin", "create-org", "--slug", "acme", "--name", "Acme", "--owner", "owner@example.com"}).status == 0);
    auto login = authcore::test::httpRequest(port, "POST", "/api/v1/auth/login", loginBody("owner@example.com", "owner-password"));
    BOOST_TEST(login.status == 200);
    BOOST_TEST(run({"admin", "reset-password", "--email", "owner@example.com", "--password", "new-password"}).status == 0);
    BOOST_TEST(authcore::test::httpRequest(port, "POST", "/api/v1/auth/login", loginBody("owner@example.com", "owner-password")).status == 401);
    BOOST_TEST(authcore::test::httpRequest(port, "POST", "/api/v1/auth/login", loginBody("owner@example.com", "new-password")).status == 200);
    Poco::Process::requestTermination(server->id());
    BOOST_TEST(server->wait() == 0);
    server.reset();
    Poco::PipeInputStream out(serverOut);
    std::string text;
    Poco::StreamCopier::copyToString(out, text);
    BOOST_TEST(text.find("No users yet") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(keys_rotate_changes_the_current_key_and_keeps_old_tokens_valid) {
    run({"admin", "create-user", "--email", "owner@example.com", "--password", "owner-password"});
    auto rotated = run({"keys", "rotate"});
    BOOST_TEST(rotated.status == 0, rotated.err);
    BOOST_TEST(rotated.out.find("rotated signing keys; current key is now ") == 0);
    serve();
    auto jwks = authcore::test::httpRequest(port, "GET", "/v1/jwks");
    const auto kid = rotated.out.substr(std::string("rotated signing keys; current key is now ").size());
    BOOST_TEST(jwks.body.find(kid.substr(0, kid.size() - 1)) != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(appliance_cli_logging, CliFixture)

BOOST_AUTO_TEST_CASE(json_request_log_has_one_object_per_line_and_no_secrets) {
    env["AUTHCORE_LOG_FORMAT"] = "json";
    serve();
    authcore::test::httpRequest(port, "POST", "/api/v1/auth/login?code=query-secret",
                                loginBody("someone@example.com", "hunter2-password"));
    Poco::Process::requestTermination(server->id());
    BOOST_TEST(server->wait() == 0);
    server.reset();
    Poco::PipeInputStream err(serverErr);
    std::string text;
    Poco::StreamCopier::copyToString(err, text);
    BOOST_TEST(text.find("hunter2-password") == std::string::npos);
    BOOST_TEST(text.find("query-secret") == std::string::npos);
    BOOST_TEST(text.find(R"("msg":"request","ip":"127.0.0.1","method":"POST","ms":")") != std::string::npos, text);
    BOOST_TEST(text.find(R"("path":"/api/v1/auth/login","status":"401"})") != std::string::npos, text);
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) BOOST_TEST((line.front() == '{' && line.back() == '}'), line);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(appliance_cli_version, CliFixture)

BOOST_AUTO_TEST_CASE(version_names_the_build_and_its_protocol_libraries) {
    auto r = run({"--version"});
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(r.out.find("authcore 0.1.0\n") == 0, r.out);
    BOOST_TEST(r.out.find("xmlsec1 1.") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("(openssl)") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("OpenLDAP 2.") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(appliance_cli_notify, CliFixture)

BOOST_AUTO_TEST_CASE(serve_tells_systemd_ready_after_it_listens) {
    // What systemd does for Type=notify: a datagram socket named by NOTIFY_SOCKET.
    const auto socketPath = dir.file("notify.sock");
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    BOOST_REQUIRE(fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", socketPath.c_str());
    BOOST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    timeval timeout{20, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    env["NOTIFY_SOCKET"] = socketPath;
    server.emplace(Poco::Process::launch(binary(), {"serve"}, dir.path().string(), nullptr, &serverOut, &serverErr, env));
    char message[256] = {};
    const auto received = ::recv(fd, message, sizeof message - 1, 0);
    ::close(fd);
    BOOST_REQUIRE(received > 0);
    BOOST_TEST(std::string(message, static_cast<std::size_t>(received)).find("READY=1") != std::string::npos);
    // READY came after listen: the port answers at once.
    BOOST_TEST(authcore::test::httpRequest(port, "GET", "/healthz").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(appliance_cli_backup, CliFixture)

BOOST_AUTO_TEST_CASE(backup_while_serving_then_a_server_on_the_copy_logs_the_user_in) {
    serve();
    BOOST_TEST(run({"admin", "create-user", "--email", "owner@example.com", "--password", "owner-password"}).status == 0);
    // The server keeps writing (sessions, audit) while the copy is taken.
    std::atomic<bool> done{false};
    std::thread writer([&] {
        for (int i = 0; !done && i < 15; ++i)
            authcore::test::httpRequest(port, "POST", "/api/v1/auth/login", loginBody("owner@example.com", "owner-password"));
    });
    const auto backup = run({"backup", "--to", dir.file("backup.db")});
    done = true;
    writer.join();
    BOOST_TEST(backup.status == 0, backup.err);
    BOOST_TEST(backup.out.find("backup written to " + dir.file("backup.db")) == 0, backup.out);
    struct stat info{};
    BOOST_REQUIRE(::stat(dir.file("backup.db").c_str(), &info) == 0);
    BOOST_TEST((info.st_mode & 0777) == 0600u);

    const auto again = run({"backup", "--to", dir.file("backup.db")});
    BOOST_TEST(again.status == 1);
    BOOST_TEST(again.err.find("already exists; a backup never overwrites a file") != std::string::npos, again.err);

    Poco::Process::requestTermination(server->id());
    BOOST_TEST(server->wait() == 0);
    server.reset();
    env["AUTHCORE_STORE_URL"] = "sqlite:" + dir.file("backup.db");
    serve();
    BOOST_TEST(authcore::test::httpRequest(port, "POST", "/api/v1/auth/login", loginBody("owner@example.com", "owner-password")).status == 200);
}

BOOST_AUTO_TEST_CASE(backup_of_a_mysql_store_is_refused_with_a_pointer_to_mariadb_dump) {
    env["AUTHCORE_STORE_URL"] = "mysql://authcore:secret@127.0.0.1:1/authcore";
    const auto r = run({"backup", "--to", dir.file("mysql.db")});
    BOOST_TEST(r.status == 1);
    BOOST_TEST(r.err.find("mariadb-dump --single-transaction") != std::string::npos, r.err);
    BOOST_TEST(!std::filesystem::exists(dir.file("mysql.db")));
}

BOOST_AUTO_TEST_SUITE_END()
