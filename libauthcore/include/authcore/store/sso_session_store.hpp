// SPDX-License-Identifier: Apache-2.0
// SsoSessionStore: live SSO sessions. Throws authcore::Error (StoreUnavailable,
// NotFound). Sessions go with their connection and their user.
#pragma once

#include <authcore/model/sso_session.hpp>

#include <optional>
#include <string>
#include <vector>

namespace authcore {

class SsoSessionStore {
public:
    virtual ~SsoSessionStore() = default;
    /// NotFound when the connection or the user does not exist.
    virtual void insert(const SsoSession& session) = 0;
    virtual std::optional<SsoSession> find(const std::string& id) = 0;
    /// The organization's sessions with expiresAt > now, newest first.
    virtual std::vector<SsoSession> listActive(const std::string& organizationId, Timestamp now) = 0;
    /// The connection's sessions of `subject`; only those with this
    /// sessionIndex when it is not empty.
    virtual std::vector<SsoSession> findBySubject(const std::string& connectionId, const std::string& subject,
                                                  const std::string& sessionIndex) = 0;
    /// The connection's sessions with this sessionIndex, whatever the subject
    /// (OpenID back-channel logout naming only a `sid`).
    virtual std::vector<SsoSession> findBySessionIndex(const std::string& connectionId,
                                                       const std::string& sessionIndex) = 0;
    /// The user's session whose tokens are the refresh family `refreshFamilyId`.
    virtual std::optional<SsoSession> findByRefreshFamily(const std::string& userId,
                                                          const std::string& refreshFamilyId) = 0;
    /// False when there was no such session.
    virtual bool remove(const std::string& id) = 0;
    /// Drops sessions past expiry; returns how many.
    virtual int purgeExpired(Timestamp now) = 0;
};

} // namespace authcore
