// SPDX-License-Identifier: Apache-2.0
// Conversions between model values and bound parameters or result columns,
// and the query shapes the SQL stores share.
#pragma once

#include "store/executor.hpp"
#include "store/poco_data.hpp"

#include <authcore/time.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authcore::sql {

inline Poco::Int64 unixSeconds(Timestamp t) { return static_cast<Poco::Int64>(toUnix(t)); }
/// NULL for an absent time.
Poco::Nullable<Poco::Int64> nullableSeconds(const std::optional<Timestamp>& t);
/// NULL for an empty string (optional references).
Poco::Nullable<std::string> nullableText(const std::string& text);
/// ASCII lower case: emails are stored and compared this way.
std::string lowerAscii(std::string_view text);

std::string textAt(const RecordSet& rows, std::size_t column, std::size_t row);
/// "" for NULL.
std::string optionalTextAt(const RecordSet& rows, std::size_t column, std::size_t row);
Poco::Int64 integerAt(const RecordSet& rows, std::size_t column, std::size_t row);
Timestamp timeAt(const RecordSet& rows, std::size_t column, std::size_t row);
std::optional<Timestamp> optionalTimeAt(const RecordSet& rows, std::size_t column, std::size_t row);

/// Call after an UPDATE reported 0 rows: MySQL counts changed rows only, so
/// 0 may also mean "found but already equal". Throws Error(NotFound, "<noun>
/// not found") when no row of `table` has `keyColumn` = `key`. Table and
/// column are literals of the caller, never input.
void requireRow(Session& session, std::string_view table, std::string_view keyColumn, const std::string& key,
                std::string_view noun);

/// Throws Error(Internal): a stored value this build cannot read.
[[noreturn]] void corruptValue(std::string_view column, std::string_view value);

/// A name stored as text, read back with the model's `parse` (parseRole and the
/// like); a name it does not know is corruptValue(`name`), e.g. "memberships.role".
template <class Parse>
auto parsedAt(const RecordSet& rows, std::size_t column, std::size_t row, std::string_view name, Parse parse) {
    const auto text = textAt(rows, column, row);
    const auto value = parse(text);
    if (!value) corruptValue(name, text);
    return *value;
}

/// Binds `parameters` to the placeholders of `statement`, in order.
void bindTexts(Statement& statement, const std::vector<std::string>& parameters);

/// Executes `statement` and maps each row with `toValue(rows, row)`.
template <class F>
auto readRows(Statement& statement, F toValue) {
    statement.execute();
    const RecordSet rows(statement);
    std::vector<decltype(toValue(rows, std::size_t{}))> out;
    out.reserve(rows.rowCount());
    for (std::size_t row = 0; row < rows.rowCount(); ++row) out.push_back(toValue(rows, row));
    return out;
}

/// Runs the SELECT `sql` with `parameters` bound to its placeholders in order,
/// and maps each row with `toValue(rows, row)`.
template <class F>
auto selectRows(Executor& executor, const std::string& sql, const std::vector<std::string>& parameters, F toValue) {
    return executor.evaluate([&](Session& session) {
        Statement statement(session);
        statement << sql;
        bindTexts(statement, parameters);
        return readRows(statement, toValue);
    });
}

/// The first row of selectRows, if any (a lookup by a unique key).
template <class F>
auto selectOne(Executor& executor, const std::string& sql, const std::vector<std::string>& parameters, F toValue) {
    auto all = selectRows(executor, sql, parameters, toValue);
    std::optional<typename decltype(all)::value_type> out;
    if (!all.empty()) out = std::move(all.front());
    return out;
}

/// Runs the INSERT, UPDATE or DELETE `sql` with `parameters` bound to its
/// placeholders in order; the number of rows it changed.
std::size_t changeRows(Executor& executor, const std::string& sql, const std::vector<std::string>& parameters);

} // namespace authcore::sql
