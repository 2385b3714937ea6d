// SPDX-License-Identifier: Apache-2.0
// The versioned schema migrations, kept as data, and the runner that applies them.
#pragma once

#include "store/dialect.hpp"
#include "store/poco_data.hpp"

#include <chrono>
#include <string_view>
#include <vector>

namespace authcore::sql {

/// One schema version. Tables are created first, then the `columns` that
/// are still missing are added, then `statements` run in order (they may use
/// Dialect::expand placeholders). Released migrations are never edited: a
/// change is a new migration with the next version. MySQL commits DDL
/// implicitly, so every step must be safe to re-run.
struct Migration {
    int version;
    std::string_view description;
    std::vector<TableSpec> tables;
    std::vector<std::string_view> statements;
    std::vector<ColumnSpec> columns = {};
};

/// Every migration, in ascending version order.
const std::vector<Migration>& migrations();

/// Highest applied version; 0 when the database has no schema_migrations.
int appliedVersion(Session& session, const Dialect& dialect);

/// Applies the pending migrations, each in its own transaction, and
/// returns how many. Concurrent runners (several nodes starting at once)
/// wait for each other up to `lockWait`, then fail with StoreUnavailable.
int applyPending(Session& session, const Dialect& dialect, std::chrono::seconds lockWait);

} // namespace authcore::sql
