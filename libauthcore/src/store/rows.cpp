// SPDX-License-Identifier: Apache-2.0
// Reading result columns and building bound parameters for the SQL stores.
#include "store/rows.hpp"

#include <authcore/error.hpp>

namespace authcore::sql {

Poco::Nullable<Poco::Int64> nullableSeconds(const std::optional<Timestamp>& t) {
    if (!t) return {};
    return unixSeconds(*t);
}

Poco::Nullable<std::string> nullableText(const std::string& text) {
    if (text.empty()) return {};
    return text;
}

std::string lowerAscii(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string textAt(const RecordSet& rows, std::size_t column, std::size_t row) {
    // MySQL reports TEXT columns as BLOBs; the conversion covers both.
    return rows.value(column, row).convert<std::string>();
}

std::string optionalTextAt(const RecordSet& rows, std::size_t column, std::size_t row) {
    return rows.isNull(column, row) ? std::string() : textAt(rows, column, row);
}

Poco::Int64 integerAt(const RecordSet& rows, std::size_t column, std::size_t row) {
    return rows.value(column, row).convert<Poco::Int64>();
}

Timestamp timeAt(const RecordSet& rows, std::size_t column, std::size_t row) {
    return fromUnix(integerAt(rows, column, row));
}

std::optional<Timestamp> optionalTimeAt(const RecordSet& rows, std::size_t column, std::size_t row) {
    if (rows.isNull(column, row)) return std::nullopt;
    return timeAt(rows, column, row);
}

void requireRow(Session& session, std::string_view table, std::string_view keyColumn, const std::string& key,
                std::string_view noun) {
    Poco::Int64 found = 0;
    session << "SELECT COUNT(*) FROM " + std::string(table) + " WHERE " + std::string(keyColumn) + " = ?",
        kw::bind(key), kw::into(found), kw::now;
    if (found == 0) throw Error(ErrorCode::NotFound, std::string(noun) + " not found");
}

void bindTexts(Statement& statement, const std::vector<std::string>& parameters) {
    for (const auto& parameter : parameters) statement.addBind(kw::bind(parameter));
}

std::size_t changeRows(Executor& executor, const std::string& sql, const std::vector<std::string>& parameters) {
    return executor.evaluate([&](Session& session) {
        Statement statement(session);
        statement << sql;
        bindTexts(statement, parameters);
        return statement.execute();
    });
}

void corruptValue(std::string_view column, std::string_view value) {
    throw Error(ErrorCode::Internal,
                "database error: unexpected value '" + std::string(value) + "' in " + std::string(column));
}

} // namespace authcore::sql
