// SPDX-License-Identifier: Apache-2.0
// Users in the SQL store.
#include "store/user_store_sql.hpp"

#include "store/rows.hpp"

namespace authcore::sql {
namespace {

constexpr std::string_view kEmailTaken = "a user with this email";

User userAt(const RecordSet& rows, std::size_t row) {
    User user;
    user.id = textAt(rows, 0, row);
    user.email = textAt(rows, 1, row);
    user.name = textAt(rows, 2, row);
    user.passwordHash = textAt(rows, 3, row);
    user.emailVerified = integerAt(rows, 4, row) != 0;
    user.systemAdmin = integerAt(rows, 5, row) != 0;
    user.createdAt = timeAt(rows, 6, row);
    user.updatedAt = timeAt(rows, 7, row);
    return user;
}

} // namespace

void insertUserRow(Session& session, const User& user) {
    session << "INSERT INTO users (id, email, name, password_hash, email_verified, system_admin, created_at, "
               "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        kw::bind(user.id), kw::bind(lowerAscii(user.email)), kw::bind(user.name), kw::bind(user.passwordHash),
        kw::bind(int{user.emailVerified}), kw::bind(int{user.systemAdmin}), kw::bind(unixSeconds(user.createdAt)),
        kw::bind(unixSeconds(user.updatedAt)), kw::now;
}

void UserStoreSql::insert(const User& user) {
    executor_.run(kEmailTaken, [&](Session& session) { insertUserRow(session, user); });
}

std::optional<User> UserStoreSql::findById(const std::string& id) { return findWhere("id", id); }

std::optional<User> UserStoreSql::findByEmail(const std::string& email) {
    return findWhere("email", lowerAscii(email));
}

std::optional<User> UserStoreSql::findWhere(const char* column, const std::string& value) {
    // `column` is one of two literals above, never caller input.
    const std::string sql = std::string("SELECT id, email, name, password_hash, email_verified, system_admin, "
                                        "created_at, updated_at FROM users WHERE ") + column + " = ?";
    return selectOne(executor_, sql, {value}, userAt);
}

void UserStoreSql::update(const User& user) {
    executor_.run(kEmailTaken, [&](Session& session) {
        Statement statement(session);
        statement << "UPDATE users SET email = ?, name = ?, password_hash = ?, email_verified = ?, system_admin = ?, "
                     "updated_at = ? WHERE id = ?",
            kw::bind(lowerAscii(user.email)), kw::bind(user.name), kw::bind(user.passwordHash),
            kw::bind(int{user.emailVerified}), kw::bind(int{user.systemAdmin}), kw::bind(unixSeconds(user.updatedAt)),
            kw::bind(user.id);
        if (statement.execute() == 0) requireRow(session, "users", "id", user.id, "user");
    });
}

long long UserStoreSql::count() {
    return executor_.evaluate([](Session& session) {
        Poco::Int64 n = 0;
        session << "SELECT COUNT(*) FROM users", kw::into(n), kw::now;
        return static_cast<long long>(n);
    });
}

} // namespace authcore::sql
