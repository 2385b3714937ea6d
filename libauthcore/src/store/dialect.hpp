// SPDX-License-Identifier: Apache-2.0
// Dialect: everything that differs between SQLite and MySQL/MariaDB, in one place.
#pragma once

#include "store/database_url.hpp"

#include <chrono>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace authcore::sql {

struct IndexSpec {
    std::string_view name;
    std::string_view columns; ///< e.g. "organization_id, id"
};

/// A table as migrations declare it. `body` is written once for both
/// dialects; it may use the type placeholders Dialect::expand understands.
struct TableSpec {
    std::string_view name;
    std::string_view body;
    std::vector<IndexSpec> indexes;
};

/// A column a later migration adds to an existing table. `definition` (type,
/// nullability, default) may use the Dialect::expand placeholders.
struct ColumnSpec {
    std::string_view table;
    std::string_view name;
    std::string_view definition;
};

class Dialect {
public:
    static const Dialect& of(Backend backend);

    /// "sqlite" or "mysql".
    std::string_view name() const noexcept { return name_; }
    Backend backend() const noexcept { return backend_; }

    /// Replaces `{key}` (a string that is indexed or unique: TEXT or
    /// VARCHAR(255)) and `{serial}` (an auto-increment integer primary key).
    std::string expand(std::string_view sql) const;
    /// CREATE TABLE IF NOT EXISTS plus its indexes, as statements to run in order.
    std::vector<std::string> createTable(const TableSpec& table) const;
    /// `insert` followed by the clause that turns a duplicate `key` into an
    /// update of `updateColumns` to the inserted values.
    std::string upsert(std::string_view insert, std::string_view key,
                       std::initializer_list<std::string_view> updateColumns) const;

    /// `insert` made a no-op when a row with the same `key` (one column) exists.
    std::string insertOrIgnore(std::string_view insert, std::string_view key) const;
    /// ALTER TABLE ... ADD COLUMN for `column`; run it only when columnExistsQuery says 0.
    std::string addColumn(const ColumnSpec& column) const;

    /// Starts a write transaction (SQLite takes the write lock up front so that
    /// two writers wait on busy_timeout instead of deadlocking).
    std::string_view beginTransaction() const noexcept { return begin_; }
    /// One `?` (the table name); yields a count.
    std::string_view tableExistsQuery() const noexcept { return tableExists_; }
    /// Two `?` (table name, column name); yields a count.
    std::string_view columnExistsQuery() const noexcept { return columnExists_; }
    /// Run on every new pooled connection.
    std::vector<std::string> sessionSetup(std::chrono::milliseconds timeout) const;
    /// Appended to a SELECT inside a transaction to lock the rows it reads
    /// (MySQL); empty on SQLite, whose BEGIN IMMEDIATE already serialises writers.
    std::string_view lockingRead() const noexcept { return forUpdate_; }
    /// Serialises migrations across nodes; empty when the transaction suffices.
    std::string_view tryMigrationLock() const noexcept { return lock_; }
    std::string_view migrationUnlock() const noexcept { return unlock_; }

private:
    Dialect(Backend backend, std::string_view name);

    Backend backend_;
    std::string_view name_;
    std::string_view keyType_;
    std::string_view serialType_;
    std::string_view longTextType_;
    std::string_view tableOptions_;
    std::string_view begin_;
    std::string_view tableExists_;
    std::string_view columnExists_;
    std::string_view lock_;
    std::string_view unlock_;
    std::string_view forUpdate_;
};

} // namespace authcore::sql
