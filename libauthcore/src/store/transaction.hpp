// SPDX-License-Identifier: Apache-2.0
// One transaction on one session, committed or rolled back as a whole.
#pragma once

#include "store/dialect.hpp"
#include "store/poco_data.hpp"

#include <functional>

namespace authcore::sql {

/// Runs `body` between the dialect's BEGIN and COMMIT; rolls back and
/// rethrows when `body` or the commit throws.
void inTransaction(Session& session, const Dialect& dialect, const std::function<void(Session&)>& body);

} // namespace authcore::sql
