// SPDX-License-Identifier: Apache-2.0
// DatabaseUrl: DatabaseOptions::url taken apart, and the Poco connection strings built from it.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace authcore::sql {

enum class Backend { Sqlite, MySql };

struct DatabaseUrl {
    Backend backend = Backend::Sqlite;
    std::string path;     ///< SQLite database file
    std::string host;     ///< MySQL host; empty when `socket` is set
    unsigned port = 3306;
    std::string user;
    std::string password; ///< percent-decoded; never put in a message
    std::string database;
    std::string socket;   ///< MySQL Unix socket path, from `?socket=`
};

/// Parses `sqlite:PATH`, `mysql://user:pass@host:port/db` or
/// `mysql://user@/db?socket=PATH`, percent-decoding user, password, database
/// and socket. Throws Error(InvalidInput) saying what is wrong; the message
/// never contains the password.
DatabaseUrl parseDatabaseUrl(std::string_view url);

/// The Poco::Data::MySQL connection string for `url`.
std::string mysqlConnectionString(const DatabaseUrl& url);

} // namespace authcore::sql
