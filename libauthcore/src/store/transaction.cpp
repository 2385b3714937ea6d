// SPDX-License-Identifier: Apache-2.0
// Transactions issued as SQL, so that SQLite can take its write lock up front.
#include "store/transaction.hpp"

#include <string>

namespace authcore::sql {

void inTransaction(Session& session, const Dialect& dialect, const std::function<void(Session&)>& body) {
    session << std::string(dialect.beginTransaction()), kw::now;
    try {
        body(session);
        session << "COMMIT", kw::now;
    } catch (...) {
        try {
            session << "ROLLBACK", kw::now;
        } catch (...) {
            // The connection is gone; the server rolls back on its own.
        }
        throw;
    }
}

} // namespace authcore::sql
