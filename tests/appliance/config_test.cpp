// SPDX-License-Identifier: Apache-2.0
// Config: defaults, properties file, AUTHCORE_* overrides, validation.
#include "support/temp_dir.hpp"

#include "config/config.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>

using authcore::appliance::Config;

namespace {

std::string writeFile(const authcore::test::TempDir& dir, const std::string& text) {
    const auto path = dir.file("authcore.properties");
    std::ofstream(path) << text;
    return path;
}

} // namespace

BOOST_AUTO_TEST_SUITE(appliance_config)

BOOST_AUTO_TEST_CASE(zero_config_defaults) {
    const auto config = Config::load("", {});
    BOOST_TEST(config.get("http.address") == "127.0.0.1");
    BOOST_TEST(config.getInt("http.port") == 8080);
    BOOST_TEST(config.get("store.url") == "sqlite:./authcore-data/authcore.db");
    BOOST_TEST(config.get("keys.master_key_file") == "./authcore-data/master.key");
    BOOST_TEST(config.publicUrl() == "http://127.0.0.1:8080");
    BOOST_TEST(config.frontendUrl() == config.publicUrl());
    BOOST_TEST(!config.secureCookies());
}

BOOST_AUTO_TEST_CASE(file_values_then_environment_overrides) {
    authcore::test::TempDir dir;
    const auto file = writeFile(dir, "http.port = 9000\npublic_url = https://auth.example.com/\nlog.level = debug\n");
    const auto config = Config::load(file, {{"AUTHCORE_HTTP_PORT", "9100"}});
    BOOST_TEST(config.getInt("http.port") == 9100);
    BOOST_TEST(config.sourceOf("http.port") == "AUTHCORE_HTTP_PORT");
    BOOST_TEST(config.publicUrl() == "https://auth.example.com");
    BOOST_TEST(config.secureCookies());
    BOOST_TEST(config.get("log.level") == "debug");
    BOOST_TEST(config.sourceOf("log.level") == file);
}

BOOST_AUTO_TEST_CASE(nested_upstream_keys_are_read) {
    authcore::test::TempDir dir;
    const auto file = writeFile(dir, "login.upstream.type = github\nlogin.upstream.client_id = abc\n");
    const auto config = Config::load(file, {});
    BOOST_TEST(config.get("login.upstream.type") == "github");
    BOOST_TEST(config.get("login.upstream.client_id") == "abc");
}

BOOST_AUTO_TEST_CASE(unknown_key_is_an_error_naming_it) {
    authcore::test::TempDir dir;
    const auto file = writeFile(dir, "tls.certificate = /etc/x.pem\n");
    try {
        Config::load(file, {});
        BOOST_FAIL("accepted an unknown key");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(std::string(e.what()).find("tls.certificate") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(bad_values_are_refused) {
    BOOST_CHECK_THROW(Config::load("", {{"AUTHCORE_HTTP_PORT", "eighty"}}), std::invalid_argument);
    BOOST_CHECK_THROW(Config::load("", {{"AUTHCORE_HTTP_PORT", "70000"}}), std::invalid_argument);
    BOOST_CHECK_THROW(Config::load("", {{"AUTHCORE_TOKEN_ALGORITHM", "HS256"}}), std::invalid_argument);
    BOOST_CHECK_THROW(Config::load("", {{"AUTHCORE_TLS_CERT", "/x.pem"}}), std::invalid_argument);
    BOOST_CHECK_THROW(Config::load("", {{"AUTHCORE_PUBLIC_URL", "auth.example.com"}}), std::invalid_argument);
    BOOST_CHECK_THROW(Config::load("", {{"AUTHCORE_LOG_FORMAT", "xml"}}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(missing_file_is_an_error) {
    BOOST_CHECK_THROW(Config::load("/nonexistent/authcore.properties", {}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(drain_seconds_defaults_to_20_and_is_bounded_0_to_300) {
    BOOST_TEST(Config::load("", {}).getInt("http.drain_seconds") == 20);
    BOOST_TEST(Config::load("", {{"AUTHCORE_HTTP_DRAIN_SECONDS", "0"}}).getInt("http.drain_seconds") == 0);
    BOOST_TEST(Config::load("", {{"AUTHCORE_HTTP_DRAIN_SECONDS", "300"}}).getInt("http.drain_seconds") == 300);
    for (const char* bad : {"301", "-1", "20s", ""})
        BOOST_CHECK_THROW(Config::load("", {{"AUTHCORE_HTTP_DRAIN_SECONDS", bad}}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(credential_names_resolve_in_the_systemd_credentials_directory) {
    const std::map<std::string, std::string> env{{"AUTHCORE_KEYS_MASTER_KEY_FILE", "credential:master.key"},
                                                 {"AUTHCORE_TLS_CERT", "credential:tls.crt"},
                                                 {"AUTHCORE_TLS_KEY", "credential:tls.key"},
                                                 {"CREDENTIALS_DIRECTORY", "/run/credentials/authcore.service"}};
    const auto config = Config::load("", env);
    BOOST_TEST(config.get("keys.master_key_file") == "/run/credentials/authcore.service/master.key");
    BOOST_TEST(config.get("tls.key") == "/run/credentials/authcore.service/tls.key");
    BOOST_TEST(config.sourceOf("tls.cert") == "AUTHCORE_TLS_CERT");
    // Without systemd's directory, or with a name that leaves it: refused.
    BOOST_CHECK_THROW(Config::load("", {{"AUTHCORE_KEYS_MASTER_KEY_FILE", "credential:master.key"}}),
                      std::invalid_argument);
    for (const char* bad : {"credential:", "credential:../etc/shadow", "credential:.."})
        BOOST_CHECK_THROW(Config::load("", {{"AUTHCORE_KEYS_MASTER_KEY_FILE", bad},
                                            {"CREDENTIALS_DIRECTORY", "/run/credentials/authcore.service"}}),
                          std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(appliance_config_display)

BOOST_AUTO_TEST_CASE(config_check_hides_secrets_and_url_passwords) {
    const auto config = Config::load("", {{"AUTHCORE_STORE_URL", "mysql://authcore:s3cret@db:3306/authcore"},
                                          {"AUTHCORE_LOGIN_UPSTREAM_CLIENT_SECRET", "upstream-secret"}});
    BOOST_TEST(config.displayValue("store.url") == "mysql://authcore:***@db:3306/authcore");
    BOOST_TEST(config.displayValue("login.upstream.client_secret") == "(set, hidden)");
    BOOST_TEST(config.displayValue("http.port") == "8080");
    const auto at = Config::load("", {{"AUTHCORE_STORE_URL", "mysql://auth:p@ssw0rd-secret@db:3306/authcore"}});
    BOOST_TEST(at.displayValue("store.url") == "mysql://auth:***@db:3306/authcore");
}

BOOST_AUTO_TEST_SUITE_END()
