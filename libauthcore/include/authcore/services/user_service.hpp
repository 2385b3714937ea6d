// SPDX-License-Identifier: Apache-2.0
// UserService: creating users and managing their passwords.
#pragma once

#include <authcore/crypto/password_hasher.hpp>
#include <authcore/model/user.hpp>
#include <authcore/services/audit_log.hpp>
#include <authcore/services/principal.hpp>
#include <authcore/store/session_store.hpp>
#include <authcore/store/user_store.hpp>
#include <string>

namespace authcore {

struct NewUser {
    std::string email;
    std::string password; ///< may be empty: no password login (SSO-only user)
    std::string name;
    bool systemAdmin = false;
};

/// Lower-cases and checks an email address; throws InvalidInput when it is not one.
std::string normalizeEmail(std::string_view email);

class UserService {
public:
    UserService(UserStore& users, SessionStore& sessions, const crypto::PasswordHasher& hasher, AuditLog& audit,
                const Clock& clock);
    /// Only the system or a system admin creates users directly. Conflict when
    /// the email is taken; InvalidInput for a bad email or a weak password.
    User create(const Principal& actor, const NewUser& request);
    /// Sets a new password and ends the user's browser sessions (system or
    /// system admin only). NotFound for an unknown email.
    void resetPassword(const Principal& actor, const std::string& email, const std::string& password);
    /// NotFound when absent.
    User get(const std::string& userId);

private:
    UserStore& users_;
    SessionStore& sessions_;
    const crypto::PasswordHasher& hasher_;
    AuditLog& audit_;
    const Clock& clock_;
};

/// Passwords are 8..1024 characters; throws InvalidInput otherwise.
void checkPasswordPolicy(std::string_view password);

} // namespace authcore
