// SPDX-License-Identifier: Apache-2.0
// Schema migrations of the SQL store and their runner.
#include "store/migrations.hpp"

#include "store/rows.hpp"
#include "store/transaction.hpp"

#include <authcore/error.hpp>

#include <thread>

namespace authcore::sql {
namespace {

const TableSpec kMigrationsTable{"schema_migrations", "version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL", {}};

// Holds MySQL's named lock while migrating; SQLite needs none because every
// migration re-checks its version under BEGIN IMMEDIATE's write lock.
class MigrationLock {
public:
    MigrationLock(Session& session, const Dialect& dialect, std::chrono::seconds wait)
        : session_(session), dialect_(dialect) {
        if (dialect_.tryMigrationLock().empty()) return;
        // Polled with a zero server-side wait so that no statement outlasts
        // the connection's read timeout.
        const auto deadline = std::chrono::steady_clock::now() + wait;
        while (!tryLock()) {
            if (std::chrono::steady_clock::now() >= deadline)
                throw Error(ErrorCode::StoreUnavailable, "database unavailable: another node holds the migration lock");
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
        }
    }
    ~MigrationLock() {
        if (dialect_.migrationUnlock().empty()) return;
        try {
            Poco::Nullable<Poco::Int64> released;
            session_ << std::string(dialect_.migrationUnlock()), kw::into(released), kw::now;
        } catch (...) {
            // The server drops a connection's locks when it closes.
        }
    }
    MigrationLock(const MigrationLock&) = delete;
    MigrationLock& operator=(const MigrationLock&) = delete;

private:
    bool tryLock() {
        Poco::Nullable<Poco::Int64> granted;
        session_ << std::string(dialect_.tryMigrationLock()), kw::into(granted), kw::now;
        return !granted.isNull() && granted.value() == 1;
    }

    Session& session_;
    const Dialect& dialect_;
};

bool isApplied(Session& session, int version) {
    Poco::Int64 count = 0;
    session << "SELECT COUNT(*) FROM schema_migrations WHERE version = ?", kw::bind(version), kw::into(count), kw::now;
    return count > 0;
}

bool hasColumn(Session& session, const Dialect& dialect, const ColumnSpec& column) {
    Poco::Int64 count = 0;
    session << std::string(dialect.columnExistsQuery()), kw::bind(std::string(column.table)),
        kw::bind(std::string(column.name)), kw::into(count), kw::now;
    return count > 0;
}

// ADD COLUMN has no IF NOT EXISTS in SQLite or MySQL (only MariaDB), so a
// re-run after an interrupted MySQL migration skips what is already there.
void addMissingColumns(Session& session, const Dialect& dialect, const std::vector<ColumnSpec>& columns) {
    for (const auto& column : columns)
        if (!hasColumn(session, dialect, column)) session << dialect.addColumn(column), kw::now;
}

bool applyOne(Session& session, const Dialect& dialect, const Migration& migration) {
    bool applied = false;
    inTransaction(session, dialect, [&](Session& s) {
        if (isApplied(s, migration.version)) return;
        for (const auto& table : migration.tables)
            for (const auto& sql : dialect.createTable(table)) s << sql, kw::now;
        addMissingColumns(s, dialect, migration.columns);
        for (const auto statement : migration.statements) s << dialect.expand(statement), kw::now;
        s << "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", kw::bind(migration.version),
            kw::bind(unixSeconds(SystemClock().now())), kw::now;
        applied = true;
    });
    return applied;
}

} // namespace

int appliedVersion(Session& session, const Dialect& dialect) {
    Poco::Int64 tables = 0;
    session << std::string(dialect.tableExistsQuery()), kw::bind(std::string(kMigrationsTable.name)),
        kw::into(tables), kw::now;
    if (tables == 0) return 0;
    Poco::Int64 version = 0;
    session << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", kw::into(version), kw::now;
    return static_cast<int>(version);
}

int applyPending(Session& session, const Dialect& dialect, std::chrono::seconds lockWait) {
    for (const auto& sql : dialect.createTable(kMigrationsTable)) session << sql, kw::now;
    const MigrationLock lock(session, dialect, lockWait);
    int count = 0;
    for (const auto& migration : migrations())
        if (applyOne(session, dialect, migration)) ++count;
    return count;
}

} // namespace authcore::sql
