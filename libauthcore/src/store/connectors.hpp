// SPDX-License-Identifier: Apache-2.0
// Our Poco::Data connectors: Poco's SQLite and MySQL sessions, opened with our timeouts.
#pragma once

#include <chrono>
#include <string>

namespace authcore::sql {

/// Connector keys. Poco's own connectors take no timeout from a session
/// pool (SQLite retries a failed open, MySQL waits to connect, for 60 s)
/// and MySQL's has no read timeout; ours take them from the connection string.
inline constexpr const char* kSqliteConnector = "authcore-sqlite";
inline constexpr const char* kMySqlConnector = "authcore-mysql";

/// Registers Poco's and our connectors with Poco; once per process.
void registerConnectors();

/// `connectionString` carrying the timeout our connectors apply (whole
/// seconds, rounded up, at least 1).
std::string withTimeout(const std::string& connectionString, std::chrono::milliseconds timeout);

} // namespace authcore::sql
