// SPDX-License-Identifier: Apache-2.0
// SqlDatabase: Database on Poco::Data, for SQLite and MySQL/MariaDB alike.
#pragma once

#include "store/audit_store_sql.hpp"
#include "store/authorization_store_sql.hpp"
#include "store/client_store_sql.hpp"
#include "store/executor.hpp"
#include "store/identity_store_sql.hpp"
#include "store/organization_store_sql.hpp"
#include "store/saml_store_sql.hpp"
#include "store/service_store_sql.hpp"
#include "store/session_store_sql.hpp"
#include "store/signing_key_store_sql.hpp"
#include "store/sso_connection_store_sql.hpp"
#include "store/sso_session_store_sql.hpp"
#include "store/token_store_sql.hpp"
#include "store/user_store_sql.hpp"

#include <authcore/store/database.hpp>

namespace authcore::sql {

class SqlDatabase final : public Database {
public:
    SqlDatabase(const Dialect& dialect, PoolSettings settings, const DatabaseOptions& options);

    int migrate() override;
    int schemaVersion() override;
    bool ping() override;
    std::string dialect() const override;
    /// See backupDatabase().
    void backupTo(const std::string& path);

    UserStore& users() override { return users_; }
    OrganizationStore& organizations() override { return organizations_; }
    ClientStore& clients() override { return clients_; }
    SigningKeyStore& signingKeys() override { return signingKeys_; }
    AuditStore& audit() override { return audit_; }
    SessionStore& sessions() override { return sessions_; }
    AuthorizationStore& authorizations() override { return authorizations_; }
    TokenStore& tokens() override { return tokens_; }
    IdentityStore& identities() override { return identities_; }
    ServiceStore& services() override { return services_; }
    SamlStore& saml() override { return saml_; }
    SsoConnectionStore& ssoConnections() override { return ssoConnections_; }
    SsoSessionStore& ssoSessions() override { return ssoSessions_; }

private:
    Executor executor_;
    UserStoreSql users_;
    OrganizationStoreSql organizations_;
    ClientStoreSql clients_;
    SigningKeyStoreSql signingKeys_;
    AuditStoreSql audit_;
    SessionStoreSql sessions_;
    AuthorizationStoreSql authorizations_;
    TokenStoreSql tokens_;
    IdentityStoreSql identities_;
    ServiceStoreSql services_;
    SamlStoreSql saml_;
    SsoConnectionStoreSql ssoConnections_;
    SsoSessionStoreSql ssoSessions_;
};

} // namespace authcore::sql
