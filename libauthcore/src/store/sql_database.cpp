// SPDX-License-Identifier: Apache-2.0
// Opening the SQL store, migrating it and checking that it answers.
#include "store/sql_database.hpp"

#include "store/database_url.hpp"
#include "store/migrations.hpp"
#include "store/connectors.hpp"
#include "store/sqlite_backup.hpp"

#include <authcore/error.hpp>
#include <authcore/store/backup.hpp>

namespace authcore {
namespace sql {
namespace {

// Long enough for another node to finish its migrations at start-up.
constexpr std::chrono::seconds kMigrationLockWait{60};

PoolSettings poolSettings(const DatabaseUrl& url, std::chrono::milliseconds timeout) {
    if (url.backend == Backend::Sqlite) return {kSqliteConnector, withTimeout(url.path, timeout), ""};
    return {kMySqlConnector, withTimeout(mysqlConnectionString(url), timeout), url.password};
}

} // namespace

SqlDatabase::SqlDatabase(const Dialect& dialect, PoolSettings settings, const DatabaseOptions& options)
    : executor_(dialect, std::move(settings), options), users_(executor_), organizations_(executor_),
      clients_(executor_), signingKeys_(executor_), audit_(executor_), sessions_(executor_),
      authorizations_(executor_), tokens_(executor_), identities_(executor_), services_(executor_),
      saml_(executor_), ssoConnections_(executor_), ssoSessions_(executor_) {}

int SqlDatabase::migrate() {
    return executor_.evaluate(
        [this](Session& session) { return applyPending(session, executor_.dialect(), kMigrationLockWait); });
}

int SqlDatabase::schemaVersion() {
    return executor_.evaluate([this](Session& session) { return appliedVersion(session, executor_.dialect()); });
}

bool SqlDatabase::ping() {
    try {
        return executor_.evaluate([](Session& session) {
            int one = 0;
            session << "SELECT 1", kw::into(one), kw::now;
            return one == 1;
        });
    } catch (const Error&) {
        return false;
    }
}

std::string SqlDatabase::dialect() const { return std::string(executor_.dialect().name()); }

void SqlDatabase::backupTo(const std::string& path) {
    if (dialect() != "sqlite")
        throw Error(ErrorCode::InvalidInput,
                    "authcore backs up only an SQLite store; back up MySQL/MariaDB with "
                    "mariadb-dump --single-transaction (or mysqldump --single-transaction)");
    writeSqliteBackup(executor_, path);
}

} // namespace sql

std::unique_ptr<Database> Database::open(const DatabaseOptions& options) {
    if (options.poolSize < 1) throw Error(ErrorCode::InvalidInput, "store pool size must be at least 1");
    if (options.timeout.count() <= 0) throw Error(ErrorCode::InvalidInput, "store timeout must be positive");
    const auto url = sql::parseDatabaseUrl(options.url);
    sql::registerConnectors();
    return std::make_unique<sql::SqlDatabase>(sql::Dialect::of(url.backend), sql::poolSettings(url, options.timeout),
                                              options);
}

// Database has one implementation; a backup needs its executor, which the
// interface does not expose.
void backupDatabase(Database& db, const std::string& path) {
    auto* sqlDatabase = dynamic_cast<sql::SqlDatabase*>(&db);
    if (!sqlDatabase) throw Error(ErrorCode::InvalidInput, "this store cannot be backed up");
    sqlDatabase->backupTo(path);
}

int Database::latestSchemaVersion() { return sql::migrations().back().version; }

} // namespace authcore
