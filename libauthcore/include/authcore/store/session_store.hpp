// SPDX-License-Identifier: Apache-2.0
// SessionStore: browser sessions, durable so a restart logs nobody out.
#pragma once

#include <authcore/model/browser_session.hpp>
#include <optional>
#include <string>

namespace authcore {

class SessionStore {
public:
    virtual ~SessionStore() = default;
    virtual void insert(const BrowserSession& session) = 0;
    virtual std::optional<BrowserSession> find(const std::string& idHash) = 0;
    virtual bool remove(const std::string& idHash) = 0;
    /// Ends every session of the user (after a credential change); returns how many.
    virtual int removeForUser(const std::string& userId) = 0;
    /// Deletes sessions expired at `now`; returns how many.
    virtual int purgeExpired(Timestamp now) = 0;
};

} // namespace authcore
