// SPDX-License-Identifier: Apache-2.0
// An online, consistent copy of an SQLite store into a new file.
#pragma once

#include "store/executor.hpp"

#include <string>

namespace authcore::sql {

/// Copies the database behind `executor` (an SQLite one) into `target` with
/// VACUUM INTO: one read transaction, so the copy is consistent while writers
/// go on. The copy is written to a 0600 temporary file next to `target` and
/// then linked into place, so `target` never exists half-written. Throws
/// Error(Conflict) when `target` already exists, Error(InvalidInput) when its
/// directory cannot take the file, and the executor's errors otherwise.
void writeSqliteBackup(Executor& executor, const std::string& target);

} // namespace authcore::sql
