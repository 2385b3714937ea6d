// SPDX-License-Identifier: Apache-2.0
// Users: creation and password resets, always audited.
#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/services/user_service.hpp>

#include <algorithm>
#include <cctype>

namespace authcore {
namespace {

void requireSystemAdmin(const Principal& actor) {
    if (!actor.systemAdmin) throw Error(ErrorCode::Forbidden, "only a system administrator may manage users");
}

} // namespace

std::string normalizeEmail(std::string_view email) {
    std::string out(email);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    const auto at = out.find('@');
    const bool ok = out.size() <= 254 && at != std::string::npos && at > 0 && at == out.rfind('@') &&
                    out.find('.', at) != std::string::npos && out.back() != '.' && out[at + 1] != '.' &&
                    std::none_of(out.begin(), out.end(), [](unsigned char c) {
                        return std::isspace(c) || std::iscntrl(c) || c == '<' || c == '>' || c == ',';
                    });
    if (!ok) throw Error(ErrorCode::InvalidInput, "email is not a valid address");
    return out;
}

void checkPasswordPolicy(std::string_view password) {
    if (password.size() < 8) throw Error(ErrorCode::InvalidInput, "password must be at least 8 characters");
    if (password.size() > 1024) throw Error(ErrorCode::InvalidInput, "password must be at most 1024 characters");
}

UserService::UserService(UserStore& users, SessionStore& sessions, const crypto::PasswordHasher& hasher,
                         AuditLog& audit, const Clock& clock)
    : users_(users), sessions_(sessions), hasher_(hasher), audit_(audit), clock_(clock) {}

User UserService::create(const Principal& actor, const NewUser& request) {
    requireSystemAdmin(actor);
    User user;
    user.id = crypto::randomId("usr_");
    user.email = normalizeEmail(request.email);
    user.name = request.name.substr(0, 200);
    if (!request.password.empty()) {
        checkPasswordPolicy(request.password);
        user.passwordHash = hasher_.hash(request.password);
    }
    user.systemAdmin = request.systemAdmin;
    user.createdAt = user.updatedAt = clock_.now();
    if (users_.findByEmail(user.email)) throw Error(ErrorCode::Conflict, "a user with this email already exists");
    users_.insert(user);
    audit_.record("", actor.actor(), "user.create", user.id, true);
    return user;
}

void UserService::resetPassword(const Principal& actor, const std::string& email, const std::string& password) {
    requireSystemAdmin(actor);
    checkPasswordPolicy(password);
    auto user = users_.findByEmail(normalizeEmail(email));
    if (!user) throw Error(ErrorCode::NotFound, "no user with this email");
    user->passwordHash = hasher_.hash(password);
    user->updatedAt = clock_.now();
    users_.update(*user);
    // Whoever knew the old password may hold a session: it ends with the password.
    sessions_.removeForUser(user->id);
    audit_.record("", actor.actor(), "user.reset_password", user->id, true);
}

User UserService::get(const std::string& userId) {
    auto user = users_.findById(userId);
    if (!user) throw Error(ErrorCode::NotFound, "user not found");
    return *user;
}

} // namespace authcore
