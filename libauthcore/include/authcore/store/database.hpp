// SPDX-License-Identifier: Apache-2.0
// Database: the Poco::Data store for SQLite and MySQL/MariaDB, with migrations.
#pragma once

#include <authcore/store/audit_store.hpp>
#include <authcore/store/authorization_store.hpp>
#include <authcore/store/client_store.hpp>
#include <authcore/store/identity_store.hpp>
#include <authcore/store/organization_store.hpp>
#include <authcore/store/saml_store.hpp>
#include <authcore/store/service_store.hpp>
#include <authcore/store/session_store.hpp>
#include <authcore/store/signing_key_store.hpp>
#include <authcore/store/sso_connection_store.hpp>
#include <authcore/store/sso_session_store.hpp>
#include <authcore/store/token_store.hpp>
#include <authcore/store/user_store.hpp>
#include <chrono>
#include <memory>
#include <string>

namespace authcore {

struct DatabaseOptions {
    /// `sqlite:PATH` or `mysql://user:pass@host:port/db` (also `mysql://user@/db?socket=PATH`).
    std::string url;
    int poolSize = 8;
    /// SQLite busy timeout; MySQL connect/read timeout.
    std::chrono::milliseconds timeout{5000};
};

/// Owns the connection pool and hands out the per-aggregate stores. Every
/// method throws authcore::Error: StoreUnavailable when the database cannot
/// be reached (never a crash), Conflict on a unique-key violation,
/// InvalidInput on a bad URL. Thread-safe.
class Database {
public:
    /// Opens the pool; does not migrate. A MySQL server that is down at open
    /// time is not an error: calls fail with StoreUnavailable until it is up.
    static std::unique_ptr<Database> open(const DatabaseOptions& options);
    virtual ~Database() = default;

    /// Applies pending migrations in order, each in its own transaction.
    /// Returns how many were applied.
    virtual int migrate() = 0;
    /// Highest applied migration (0 on an empty database).
    virtual int schemaVersion() = 0;
    /// Latest migration this build knows.
    static int latestSchemaVersion();
    /// A cheap round trip; false (never a throw) when unreachable.
    virtual bool ping() = 0;
    /// "sqlite" or "mysql".
    virtual std::string dialect() const = 0;

    virtual UserStore& users() = 0;
    virtual OrganizationStore& organizations() = 0;
    virtual ClientStore& clients() = 0;
    virtual SigningKeyStore& signingKeys() = 0;
    virtual AuditStore& audit() = 0;
    virtual SessionStore& sessions() = 0;
    virtual AuthorizationStore& authorizations() = 0;
    virtual TokenStore& tokens() = 0;
    virtual IdentityStore& identities() = 0;
    virtual ServiceStore& services() = 0;
    virtual SamlStore& saml() = 0;
    virtual SsoConnectionStore& ssoConnections() = 0;
    virtual SsoSessionStore& ssoSessions() = 0;
};

} // namespace authcore
