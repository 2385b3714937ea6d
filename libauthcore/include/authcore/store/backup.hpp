// SPDX-License-Identifier: Apache-2.0
// backupDatabase: an online, consistent copy of a running store into a new file.
#pragma once

#include <authcore/store/database.hpp>

#include <string>

namespace authcore {

/// Writes a consistent copy of a running SQLite store to the new file `path`
/// (mode 0600, never half-written) while other connections go on writing.
/// Throws Error(Conflict) when `path` exists, Error(InvalidInput) for a
/// MySQL/MariaDB store (whose backups are the server's business:
/// mariadb-dump --single-transaction) or when `path` cannot be created, and
/// the store's own errors (StoreUnavailable, ...) otherwise.
void backupDatabase(Database& db, const std::string& path);

} // namespace authcore
