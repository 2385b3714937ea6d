// SPDX-License-Identifier: Apache-2.0
// The SQLite and MySQL/MariaDB dialects.
#include "store/dialect.hpp"

namespace authcore::sql {
namespace {

void replaceAll(std::string& text, std::string_view from, std::string_view to) {
    for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
        text.replace(pos, from.size(), to);
}

std::string joinUpdates(std::initializer_list<std::string_view> columns, std::string_view before,
                        std::string_view after) {
    std::string out;
    for (const auto column : columns) {
        if (!out.empty()) out += ", ";
        out.append(column).append(" = ").append(before).append(column).append(after);
    }
    return out;
}

} // namespace

Dialect::Dialect(Backend backend, std::string_view name) : backend_(backend), name_(name) {
    if (backend == Backend::Sqlite) {
        keyType_ = "TEXT";
        serialType_ = "INTEGER PRIMARY KEY AUTOINCREMENT";
        longTextType_ = "TEXT";
        begin_ = "BEGIN IMMEDIATE";
        tableExists_ = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?";
        columnExists_ = "SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = ?";
        return;
    }
    // VARCHAR(255) keeps utf8mb4 keys under InnoDB's 3072-byte index limit;
    // utf8mb4_bin makes comparison and ordering byte-wise, as in SQLite.
    keyType_ = "VARCHAR(255)";
    serialType_ = "BIGINT AUTO_INCREMENT PRIMARY KEY";
    // TEXT holds 64 KiB in MySQL; documents such as SAML metadata need more.
    longTextType_ = "MEDIUMTEXT";
    tableOptions_ = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    begin_ = "START TRANSACTION";
    tableExists_ = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?";
    columnExists_ = "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() "
                    "AND table_name = ? AND column_name = ?";
    lock_ = "SELECT GET_LOCK('authcore_migrations', 0)";
    unlock_ = "SELECT RELEASE_LOCK('authcore_migrations')";
    forUpdate_ = " FOR UPDATE";
}

const Dialect& Dialect::of(Backend backend) {
    static const Dialect sqlite(Backend::Sqlite, "sqlite");
    static const Dialect mysql(Backend::MySql, "mysql");
    return backend == Backend::Sqlite ? sqlite : mysql;
}

std::string Dialect::expand(std::string_view sql) const {
    std::string out(sql);
    replaceAll(out, "{key}", keyType_);
    replaceAll(out, "{serial}", serialType_);
    replaceAll(out, "{longtext}", longTextType_);
    return out;
}

std::vector<std::string> Dialect::createTable(const TableSpec& table) const {
    std::string body = expand(table.body);
    std::vector<std::string> statements;
    // MySQL has no CREATE INDEX IF NOT EXISTS; declaring the indexes inside
    // the idempotent CREATE TABLE keeps a re-run harmless.
    for (const auto& index : table.indexes) {
        if (backend_ == Backend::MySql)
            body.append(", INDEX ").append(index.name).append(" (").append(index.columns).append(")");
        else
            statements.push_back("CREATE INDEX IF NOT EXISTS " + std::string(index.name) + " ON " +
                                 std::string(table.name) + " (" + std::string(index.columns) + ")");
    }
    statements.insert(statements.begin(), "CREATE TABLE IF NOT EXISTS " + std::string(table.name) + " (" + body + ")" +
                                              std::string(tableOptions_));
    return statements;
}

std::string Dialect::upsert(std::string_view insert, std::string_view key,
                            std::initializer_list<std::string_view> updateColumns) const {
    std::string out(insert);
    if (backend_ == Backend::Sqlite)
        out.append(" ON CONFLICT (").append(key).append(") DO UPDATE SET ").append(
            joinUpdates(updateColumns, "excluded.", ""));
    else
        out.append(" ON DUPLICATE KEY UPDATE ").append(joinUpdates(updateColumns, "VALUES(", ")"));
    return out;
}

std::string Dialect::insertOrIgnore(std::string_view insert, std::string_view key) const {
    std::string out(insert);
    // Not MySQL's INSERT IGNORE: that would also hide other errors as warnings.
    if (backend_ == Backend::Sqlite)
        out.append(" ON CONFLICT (").append(key).append(") DO NOTHING");
    else
        out.append(" ON DUPLICATE KEY UPDATE ").append(key).append(" = ").append(key);
    return out;
}

std::string Dialect::addColumn(const ColumnSpec& column) const {
    return "ALTER TABLE " + std::string(column.table) + " ADD COLUMN " + std::string(column.name) + " " +
           expand(column.definition);
}

std::vector<std::string> Dialect::sessionSetup(std::chrono::milliseconds timeout) const {
    if (backend_ == Backend::MySql)
        return {"SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION'"};
    // PRAGMAs take no bound parameters; the number is ours, not caller input.
    return {"PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = " + std::to_string(timeout.count()),
            "PRAGMA journal_mode = WAL"};
}

} // namespace authcore::sql
