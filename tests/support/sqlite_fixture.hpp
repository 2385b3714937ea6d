// SPDX-License-Identifier: Apache-2.0
// SqliteFixture: a migrated SQLite database in a temp dir, with a manual clock.
#pragma once

#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

#include <authcore/store/database.hpp>

#include <memory>

namespace authcore::test {

struct SqliteFixture {
    SqliteFixture() {
        db = Database::open(DatabaseOptions{"sqlite:" + dir.file("test.db"), 4, std::chrono::milliseconds{5000}});
        db->migrate();
    }
    TempDir dir;
    ManualClock clock;
    std::unique_ptr<Database> db;
};

} // namespace authcore::test
