// SPDX-License-Identifier: Apache-2.0
// Parsing of store URLs and the Poco connection strings built from them.
#include "store/database_url.hpp"

#include <authcore/error.hpp>

#include <cctype>
#include <charconv>

namespace authcore::sql {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";
constexpr std::string_view kMySqlPrefix = "mysql://";

[[noreturn]] void invalid(const std::string& what) {
    throw Error(ErrorCode::InvalidInput, "store.url: " + what);
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// `part` names the component in the error, so a bad password is reported
// without being echoed.
std::string percentDecode(std::string_view text, std::string_view part) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        const int hi = i + 2 < text.size() ? hexValue(text[i + 1]) : -1;
        const int lo = hi >= 0 ? hexValue(text[i + 2]) : -1;
        if (lo < 0) invalid("bad percent-encoding in the " + std::string(part));
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

unsigned parsePort(std::string_view text) {
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc{} || end != text.data() + text.size() || port == 0 || port > 65535)
        invalid("the port must be a number from 1 to 65535");
    return port;
}

// Splits "host", "host:port", "[v6]" or "[v6]:port".
void parseHostPort(std::string_view text, DatabaseUrl& url) {
    std::string_view host = text;
    std::string_view port;
    if (text.starts_with('[')) {
        const auto close = text.find(']');
        if (close == std::string_view::npos) invalid("unterminated [ in the host");
        host = text.substr(1, close - 1);
        const auto rest = text.substr(close + 1);
        if (!rest.empty() && !rest.starts_with(':')) invalid("unexpected text after the host");
        if (!rest.empty()) port = rest.substr(1);
    } else if (const auto colon = text.rfind(':'); colon != std::string_view::npos) {
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
    }
    url.host = percentDecode(host, "host");
    if (!port.empty() || text.ends_with(':')) url.port = parsePort(port);
}

void parseUserInfo(std::string_view text, DatabaseUrl& url) {
    const auto colon = text.find(':');
    url.user = percentDecode(text.substr(0, colon), "user");
    if (colon != std::string_view::npos) url.password = percentDecode(text.substr(colon + 1), "password");
}

void parseQuery(std::string_view query, DatabaseUrl& url) {
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto item = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (!item.starts_with("socket=")) invalid("the only query parameter understood is socket=PATH");
        url.socket = percentDecode(item.substr(7), "socket");
    }
}

bool hasOuterSpace(const std::string& s) {
    return !s.empty() && (std::isspace(static_cast<unsigned char>(s.front())) ||
                          std::isspace(static_cast<unsigned char>(s.back())));
}

// The Poco connection string is `key=value;...` with no escaping and values
// trimmed, so a ';' or surrounding blank would silently change a credential.
void checkRepresentable(const DatabaseUrl& url) {
    for (const auto* field : {&url.user, &url.password, &url.database, &url.host, &url.socket})
        if (field->find(';') != std::string::npos) invalid("user, password, host, database and socket cannot contain ';'");
    if (hasOuterSpace(url.user) || hasOuterSpace(url.password))
        invalid("user and password cannot start or end with a blank");
}

DatabaseUrl parseMySql(std::string_view rest) {
    DatabaseUrl url;
    url.backend = Backend::MySql;
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos) invalid("a MySQL URL needs a database: mysql://user:pass@host:port/db");
    const auto authority = rest.substr(0, slash);
    auto path = rest.substr(slash + 1);
    const auto question = path.find('?');
    if (question != std::string_view::npos) parseQuery(path.substr(question + 1), url);
    url.database = percentDecode(path.substr(0, question), "database");
    const auto at = authority.rfind('@');
    if (at == std::string_view::npos) invalid("a MySQL URL needs a user: mysql://user:pass@host:port/db");
    parseUserInfo(authority.substr(0, at), url);
    parseHostPort(authority.substr(at + 1), url);
    if (url.user.empty()) invalid("the MySQL user is empty");
    if (url.database.empty() || url.database.find('/') != std::string::npos) invalid("the MySQL database name is missing or has a '/'");
    if (!url.socket.empty() && !url.host.empty()) invalid("give either a host or ?socket=, not both");
    checkRepresentable(url);
    return url;
}

DatabaseUrl parseSqlite(std::string_view path) {
    if (path.empty()) invalid("sqlite: needs a file path, e.g. sqlite:/var/lib/authcore/authcore.db");
    // Every pooled connection would get a database of its own.
    if (path == ":memory:") invalid("an in-memory SQLite database is not supported; give a file path");
    DatabaseUrl url;
    url.backend = Backend::Sqlite;
    url.path = std::string(path);
    return url;
}

} // namespace

DatabaseUrl parseDatabaseUrl(std::string_view url) {
    if (url.starts_with(kSqlitePrefix)) return parseSqlite(url.substr(kSqlitePrefix.size()));
    if (url.starts_with(kMySqlPrefix)) return parseMySql(url.substr(kMySqlPrefix.size()));
    invalid("expected sqlite:PATH or mysql://user:pass@host:port/db");
}

std::string mysqlConnectionString(const DatabaseUrl& url) {
    // Poco's connector passes no socket to libmariadb; libmariadb (3.3+)
    // reads a `key=value` host as its own connection string, which does.
    const std::string host = url.socket.empty() ? (url.host.empty() ? "localhost" : url.host) : "socket=" + url.socket;
    return "host=" + host + ";port=" + std::to_string(url.port) + ";user=" + url.user + ";password=" + url.password +
           ";db=" + url.database + ";character-set=utf8mb4";
}

} // namespace authcore::sql
