// SPDX-License-Identifier: Apache-2.0
// Poco connectors whose sessions fail within a timeout instead of Poco's 60 s.
#include "store/connectors.hpp"

#include <Poco/Data/DataException.h>
#include <Poco/Data/MySQL/Connector.h>
#include <Poco/Data/MySQL/SessionImpl.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SessionImpl.h>
#include <Poco/Data/SessionFactory.h>

#include <algorithm>
#include <mutex>
#include <utility>

namespace authcore::sql {
namespace {

constexpr std::string_view kTimeoutKey = "authcore-timeout=";

// libmariadb reads MYSQL_OPT_READ/WRITE_TIMEOUT only while connecting, and
// Poco connects inside its constructor. Reconnecting once with the options
// set is the only way to bound reads on a hung server (Debian's Poco is built
// on libmariadb, which libauthcore links directly for this call).
void applyIoTimeouts(Poco::Data::MySQL::SessionHandle& handle, unsigned seconds) {
    handle.options(MYSQL_OPT_READ_TIMEOUT, seconds);
    handle.options(MYSQL_OPT_WRITE_TIMEOUT, seconds);
    handle.options(MYSQL_OPT_RECONNECT, true);
    const bool failed = ::mariadb_reconnect(handle) != 0;
    // Silent reconnects would hide a lost transaction; we retry ourselves.
    handle.options(MYSQL_OPT_RECONNECT, false);
    if (failed) throw Poco::Data::MySQL::ConnectionException("reconnect with timeouts failed", handle);
}

// Splits "authcore-timeout=N;rest" into N and rest.
std::pair<unsigned, std::string> splitTimeout(const std::string& connectionString) {
    if (!connectionString.starts_with(kTimeoutKey)) return {10, connectionString};
    const auto semicolon = connectionString.find(';');
    const auto seconds = std::stoul(connectionString.substr(kTimeoutKey.size(), semicolon - kTimeoutKey.size()));
    return {static_cast<unsigned>(seconds), connectionString.substr(semicolon + 1)};
}

class TimedConnector : public Poco::Data::Connector {
public:
    explicit TimedConnector(std::string name) : name_(std::move(name)) {}
    const std::string& name() const override { return name_; }

    Poco::AutoPtr<Poco::Data::SessionImpl> createSession(const std::string& connectionString,
                                                         std::size_t /*poolDefault*/) override {
        const auto [seconds, rest] = splitTimeout(connectionString);
        return open(rest, seconds);
    }

protected:
    virtual Poco::AutoPtr<Poco::Data::SessionImpl> open(const std::string& connectionString, unsigned seconds) = 0;

private:
    std::string name_;
};

class TimedSqliteConnector final : public TimedConnector {
public:
    TimedSqliteConnector() : TimedConnector(kSqliteConnector) {}

protected:
    Poco::AutoPtr<Poco::Data::SessionImpl> open(const std::string& path, unsigned seconds) override {
        return new Poco::Data::SQLite::SessionImpl(path, seconds);
    }
};

class TimedMySqlConnector final : public TimedConnector {
public:
    TimedMySqlConnector() : TimedConnector(kMySqlConnector) {}

protected:
    Poco::AutoPtr<Poco::Data::SessionImpl> open(const std::string& connectionString, unsigned seconds) override {
        Poco::AutoPtr<Poco::Data::MySQL::SessionImpl> session =
            new Poco::Data::MySQL::SessionImpl(connectionString, seconds);
        applyIoTimeouts(session->handle(), seconds);
        return session;
    }
};

} // namespace

void registerConnectors() {
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        // Initialises the client library before any thread uses it.
        Poco::Data::MySQL::Connector::registerConnector();
        Poco::Data::SessionFactory::instance().add(new TimedSqliteConnector);
        Poco::Data::SessionFactory::instance().add(new TimedMySqlConnector);
    });
}

std::string withTimeout(const std::string& connectionString, std::chrono::milliseconds timeout) {
    // Whole seconds are what libmariadb takes; round up so 1500 ms waits 2 s.
    const auto seconds = std::max<long long>(1, (timeout.count() + 999) / 1000);
    return std::string(kTimeoutKey) + std::to_string(seconds) + ";" + connectionString;
}

} // namespace authcore::sql
