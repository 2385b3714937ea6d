// SPDX-License-Identifier: Apache-2.0
// Maps Poco::Data, SQLite and MySQL failures to authcore::Error codes.
#include "store/store_error.hpp"

#include <Poco/Data/DataException.h>
#include <Poco/Data/MySQL/MySQLException.h>
#include <Poco/Data/SQLite/SQLiteException.h>

#include <charconv>
#include <string>

namespace authcore::sql {
namespace {

constexpr std::size_t kMaxDetail = 400;

enum class Kind { Duplicate, BrokenReference, ConnectionLost, Unavailable, Other };

std::string redact(std::string text, std::string_view secret) {
    if (!secret.empty())
        for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos))
            text.replace(pos, secret.size(), "****");
    if (text.size() > kMaxDetail) text.resize(kMaxDetail);
    return text;
}

// Poco's MySQL exceptions carry the server's error number only in their
// text, as "[mysql_stmt_errno]: 1062" or "[mysql_errno]: 2006".
int mysqlErrorNumber(std::string_view text) {
    const auto pos = text.find("errno]: ");
    if (pos == std::string_view::npos) return 0;
    int code = 0;
    const auto digits = text.substr(pos + 8);
    std::from_chars(digits.data(), digits.data() + digits.size(), code);
    return code;
}

Kind mysqlKind(int code) {
    switch (code) {
    case 1062: case 1586: return Kind::Duplicate;                 // ER_DUP_ENTRY(_WITH_KEY_NAME)
    case 1216: case 1217: case 1451: case 1452: return Kind::BrokenReference; // foreign keys
    case 1053: case 1927: case 2002: case 2003: case 2006: case 2013: case 2055: case 4031:
        return Kind::ConnectionLost;                               // shutdown, killed, gone, lost
    case 1040: case 1045: case 1129: case 1205: case 1213:
        return Kind::Unavailable;                                  // too many, denied, blocked, lock wait, deadlock
    default: return Kind::Other;
    }
}

Kind sqliteConstraintKind(std::string_view text) {
    if (text.find("FOREIGN KEY") != std::string_view::npos) return Kind::BrokenReference;
    if (text.find("UNIQUE") != std::string_view::npos || text.find("PRIMARY KEY") != std::string_view::npos)
        return Kind::Duplicate;
    return Kind::Other;
}

Failure make(Kind kind, std::string_view subject, const std::string& detail) {
    switch (kind) {
    case Kind::Duplicate: return {Error(ErrorCode::Conflict, std::string(subject) + " already exists")};
    case Kind::BrokenReference:
        return {Error(ErrorCode::Conflict, "the change refers to a record that does not exist or is still referred to")};
    case Kind::ConnectionLost: return {Error(ErrorCode::StoreUnavailable, "database connection lost: " + detail), true};
    case Kind::Unavailable: return {Error(ErrorCode::StoreUnavailable, "database unavailable: " + detail)};
    case Kind::Other: break;
    }
    return {Error(ErrorCode::Internal, "database error: " + detail)};
}

bool isSqliteUnavailable(const Poco::Exception& e) {
    namespace lite = Poco::Data::SQLite;
    return dynamic_cast<const lite::DBLockedException*>(&e) || dynamic_cast<const lite::TableLockedException*>(&e) ||
           dynamic_cast<const lite::CantOpenDBFileException*>(&e) || dynamic_cast<const lite::IOErrorException*>(&e) ||
           dynamic_cast<const lite::DatabaseFullException*>(&e) || dynamic_cast<const lite::ReadOnlyException*>(&e);
}

bool isPoolUnavailable(const Poco::Exception& e) {
    namespace data = Poco::Data;
    return dynamic_cast<const data::ConnectionFailedException*>(&e) ||
           dynamic_cast<const data::SessionPoolExhaustedException*>(&e) ||
           dynamic_cast<const data::SessionUnavailableException*>(&e) ||
           dynamic_cast<const data::NotConnectedException*>(&e);
}

Kind pocoKind(const Poco::Exception& e) {
    if (dynamic_cast<const Poco::Data::MySQL::MySQLException*>(&e)) return mysqlKind(mysqlErrorNumber(e.displayText()));
    if (dynamic_cast<const Poco::Data::SQLite::ConstraintViolationException*>(&e))
        return sqliteConstraintKind(e.displayText());
    if (isSqliteUnavailable(e) || isPoolUnavailable(e)) return Kind::Unavailable;
    return Kind::Other;
}

} // namespace

Failure classifyCurrentException(std::string_view subject, std::string_view secret) {
    try {
        throw;
    } catch (const Error& e) {
        return {e};
    } catch (const Poco::Exception& e) {
        return make(pocoKind(e), subject, redact(e.displayText(), secret));
    } catch (const std::exception& e) {
        return make(Kind::Other, subject, redact(e.what(), secret));
    } catch (...) {
        return make(Kind::Other, subject, "unknown exception");
    }
}

} // namespace authcore::sql
