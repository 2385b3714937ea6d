// SPDX-License-Identifier: Apache-2.0
// The schema, as an append-only list of migrations.
#include "store/migrations.hpp"

namespace authcore::sql {
namespace {

// {key}: a string that is a key, unique or indexed (see Dialect::expand).
TableSpec usersTable() {
    return {"users",
            "id {key} NOT NULL PRIMARY KEY, email {key} NOT NULL UNIQUE, name TEXT NOT NULL, "
            "password_hash TEXT NOT NULL, email_verified INTEGER NOT NULL, system_admin INTEGER NOT NULL, "
            "created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL",
            {}};
}

TableSpec organizationsTable() {
    return {"organizations",
            "id {key} NOT NULL PRIMARY KEY, slug {key} NOT NULL UNIQUE, name TEXT NOT NULL, "
            "max_services INTEGER NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL",
            {}};
}

TableSpec membershipsTable() {
    return {"memberships",
            "organization_id {key} NOT NULL, user_id {key} NOT NULL, role {key} NOT NULL, created_at BIGINT NOT NULL, "
            "PRIMARY KEY (organization_id, user_id), "
            "FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE, "
            "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE",
            {{"memberships_user", "user_id"}}};
}

TableSpec clientsTable() {
    return {"clients",
            "client_id {key} NOT NULL PRIMARY KEY, description TEXT NOT NULL, client_type {key} NOT NULL, "
            "owner_organization_id {key}, owner_user_id {key}, "
            "secret1_hash TEXT NOT NULL, secret1_updated_at BIGINT, secret2_hash TEXT NOT NULL, secret2_updated_at BIGINT, "
            "created_at BIGINT NOT NULL, "
            "FOREIGN KEY (owner_organization_id) REFERENCES organizations (id) ON DELETE CASCADE, "
            "FOREIGN KEY (owner_user_id) REFERENCES users (id)",
            {{"clients_owner_organization", "owner_organization_id"}, {"clients_owner_user", "owner_user_id"}}};
}

TableSpec signingKeysTable() {
    return {"signing_keys",
            "kid {key} NOT NULL PRIMARY KEY, algorithm {key} NOT NULL, status {key} NOT NULL, "
            "public_jwk TEXT NOT NULL, sealed_private_key TEXT NOT NULL, created_at BIGINT NOT NULL, retired_at BIGINT",
            {}};
}

TableSpec auditEventsTable() {
    // organization_id is '' outside any organization and has no foreign key:
    // the log outlives what it mentions.
    return {"audit_events",
            "id {key} NOT NULL PRIMARY KEY, at BIGINT NOT NULL, organization_id {key} NOT NULL, actor {key} NOT NULL, "
            "action {key} NOT NULL, target TEXT NOT NULL, outcome {key} NOT NULL",
            {{"audit_events_organization", "organization_id, id"}}};
}

TableSpec browserSessionsTable() {
    return {"browser_sessions",
            "id_hash {key} NOT NULL PRIMARY KEY, user_id {key} NOT NULL, created_at BIGINT NOT NULL, "
            "expires_at BIGINT NOT NULL, FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE",
            {{"browser_sessions_user", "user_id"}, {"browser_sessions_expiry", "expires_at"}}};
}

// Migration 2.

TableSpec clientScopesTable() {
    return {"client_scopes",
            "client_id {key} NOT NULL, scope {key} NOT NULL, description TEXT NOT NULL, "
            "PRIMARY KEY (client_id, scope), "
            "FOREIGN KEY (client_id) REFERENCES clients (client_id) ON DELETE CASCADE",
            {}};
}

TableSpec jwtBearersTable() {
    return {"jwt_bearers",
            "id {key} NOT NULL PRIMARY KEY, client_id {key} NOT NULL, jwks_url TEXT NOT NULL, iss TEXT NOT NULL, "
            "sub TEXT NOT NULL, aud TEXT NOT NULL, created_at BIGINT NOT NULL, "
            "FOREIGN KEY (client_id) REFERENCES clients (client_id) ON DELETE CASCADE",
            {{"jwt_bearers_client", "client_id, created_at, id"}}};
}

TableSpec authorizationsTable() {
    // The unique key serves listing by subject; the index, listing by audience.
    return {"authorizations",
            "id {key} NOT NULL PRIMARY KEY, subject_client_id {key} NOT NULL, audience_client_id {key} NOT NULL, "
            "scopes TEXT NOT NULL, created_at BIGINT NOT NULL, "
            "UNIQUE (subject_client_id, audience_client_id), "
            "FOREIGN KEY (subject_client_id) REFERENCES clients (client_id) ON DELETE CASCADE, "
            "FOREIGN KEY (audience_client_id) REFERENCES clients (client_id) ON DELETE CASCADE",
            {{"authorizations_audience", "audience_client_id, subject_client_id"}}};
}

TableSpec refreshTokensTable() {
    // client_id has no foreign key: a token names the client it was issued
    // to, and expires on its own.
    return {"refresh_tokens",
            "id_hash {key} NOT NULL PRIMARY KEY, family_id {key} NOT NULL, user_id {key} NOT NULL, "
            "client_id {key} NOT NULL, audience TEXT NOT NULL, scope TEXT NOT NULL, created_at BIGINT NOT NULL, "
            "expires_at BIGINT NOT NULL, used_at BIGINT, revoked INTEGER NOT NULL DEFAULT 0, "
            "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE",
            {{"refresh_tokens_family", "family_id"},
             {"refresh_tokens_user", "user_id"},
             {"refresh_tokens_expiry", "expires_at"}}};
}

TableSpec revokedAccessTokensTable() {
    return {"revoked_access_tokens", "jti {key} NOT NULL PRIMARY KEY, expires_at BIGINT NOT NULL",
            {{"revoked_access_tokens_expiry", "expires_at"}}};
}

// redirect_uris holds a JSON array of strings (see text_list.hpp): a URI may
// contain any character, and JSON escaping round-trips all of them. It is
// nullable, with NULL read as "no URIs", because SQLite cannot add a column
// with an expression default and MySQL before 8.0.13 cannot default a TEXT.
std::vector<ColumnSpec> clientColumnsV2() {
    return {{"clients", "redirect_uris", "TEXT"}, {"clients", "public_client", "INTEGER NOT NULL DEFAULT 0"}};
}

// Migration 3.

TableSpec externalIdentitiesTable() {
    return {"external_identities",
            "provider {key} NOT NULL, subject {key} NOT NULL, user_id {key} NOT NULL, email TEXT NOT NULL, "
            "created_at BIGINT NOT NULL, PRIMARY KEY (provider, subject), "
            "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE",
            {{"external_identities_user", "user_id"}}};
}

// What a refresh keeps of the login, so that refreshed tokens carry the same
// email and auth_time. Nullable for the reason given at clientColumnsV2.
std::vector<ColumnSpec> refreshTokenColumnsV3() {
    return {{"refresh_tokens", "email", "TEXT"}, {"refresh_tokens", "auth_time", "BIGINT"}};
}

// Migration 4. Lists (redirect URIs, scopes, features, permissions) are JSON
// arrays of strings, as clients.redirect_uris.

TableSpec servicesTable() {
    // client_id has no foreign key: the store removes the service and its
    // client together, and a client delete must not silently take a service.
    return {"services",
            "id {key} NOT NULL PRIMARY KEY, organization_id {key} NOT NULL, slug {key} NOT NULL, name TEXT NOT NULL, "
            "service_type {key} NOT NULL, client_id {key} NOT NULL UNIQUE, redirect_uris TEXT NOT NULL, "
            "github_scopes TEXT NOT NULL, google_scopes TEXT NOT NULL, microsoft_scopes TEXT NOT NULL, "
            "created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, UNIQUE (organization_id, slug), "
            "FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE",
            {}};
}

TableSpec plansTable() {
    return {"plans",
            "id {key} NOT NULL PRIMARY KEY, service_id {key} NOT NULL, name {key} NOT NULL, price_cents BIGINT NOT NULL, "
            "currency {key} NOT NULL, features TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, "
            "UNIQUE (service_id, name), FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE",
            {}};
}

TableSpec subscriptionsTable() {
    return {"subscriptions",
            "id {key} NOT NULL PRIMARY KEY, plan_id {key} NOT NULL, user_id {key} NOT NULL, status {key} NOT NULL, "
            "created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, "
            "FOREIGN KEY (plan_id) REFERENCES plans (id) ON DELETE CASCADE, "
            "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE",
            {{"subscriptions_plan", "plan_id, status"}, {"subscriptions_user", "user_id"}}};
}

TableSpec apiKeysTable() {
    return {"api_keys",
            "id {key} NOT NULL PRIMARY KEY, service_id {key} NOT NULL, prefix {key} NOT NULL UNIQUE, name TEXT NOT NULL, "
            "permissions TEXT NOT NULL, secret_hash TEXT NOT NULL, expires_at BIGINT, last_used_at BIGINT, "
            "created_at BIGINT NOT NULL, FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE",
            {{"api_keys_service", "service_id, created_at"}}};
}

// Migration 5. The attribute mapping is a JSON array of strings, field and
// attribute alternating, in the order given.

TableSpec samlIdpConfigsTable() {
    return {"saml_idp_configs",
            "service_id {key} NOT NULL PRIMARY KEY, enabled INTEGER NOT NULL, entity_id TEXT NOT NULL, "
            "acs_url TEXT NOT NULL, name_id_format TEXT NOT NULL, attribute_mapping TEXT NOT NULL, "
            "sign_assertions INTEGER NOT NULL, sign_response INTEGER NOT NULL, slo_url TEXT, sp_certificate_pem TEXT, "
            "want_authn_requests_signed INTEGER NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, "
            "FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE",
            {}};
}

TableSpec samlCertificatesTable() {
    return {"saml_certificates",
            "id {key} NOT NULL PRIMARY KEY, service_id {key} NOT NULL, certificate_pem TEXT NOT NULL, "
            "sealed_private_key TEXT NOT NULL, valid_from BIGINT NOT NULL, valid_until BIGINT NOT NULL, "
            "status {key} NOT NULL, created_at BIGINT NOT NULL, "
            "FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE",
            {{"saml_certificates_service", "service_id, status"}}};
}

// Migration 6. Mappings are JSON arrays of strings, field and attribute
// alternating, in the order given. A domain row per claimed domain: its
// primary key makes a domain route to one connection, whatever the organization.

TableSpec ssoConnectionsTable() {
    return {"sso_connections",
            "id {key} NOT NULL PRIMARY KEY, organization_id {key} NOT NULL, name TEXT NOT NULL, "
            "slug {key} NOT NULL UNIQUE, protocol {key} NOT NULL, status {key} NOT NULL, "
            "jit_provisioning INTEGER NOT NULL, default_role {key} NOT NULL, attribute_mapping TEXT NOT NULL, "
            "issuer_url TEXT, client_id TEXT, sealed_client_secret TEXT, "
            "idp_metadata_url TEXT, idp_metadata_xml {longtext}, acs_url TEXT, sp_entity_id TEXT, "
            "ldap_url TEXT, bind_dn TEXT, sealed_bind_password TEXT, user_base_dn TEXT, user_filter TEXT, "
            "group_base_dn TEXT, group_filter TEXT, group_scope_mapping TEXT NOT NULL, start_tls INTEGER NOT NULL, "
            "ca_cert_pem TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, "
            "FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE",
            {{"sso_connections_organization", "organization_id, created_at"}}};
}

TableSpec ssoConnectionDomainsTable() {
    return {"sso_connection_domains",
            "domain {key} NOT NULL PRIMARY KEY, connection_id {key} NOT NULL, sort_order INTEGER NOT NULL, "
            "FOREIGN KEY (connection_id) REFERENCES sso_connections (id) ON DELETE CASCADE",
            {{"sso_connection_domains_connection", "connection_id, sort_order"}}};
}

// Migration 7. A session row per SSO login that ended in a code; the lookup
// by (connection, subject) serves IdP-initiated logout, the one by
// (organization, expiry) the admins' list of active sessions.

TableSpec ssoSessionsTable() {
    return {"sso_sessions",
            "id {key} NOT NULL PRIMARY KEY, organization_id {key} NOT NULL, connection_id {key} NOT NULL, "
            "user_id {key} NOT NULL, email TEXT NOT NULL, subject {key} NOT NULL, session_index TEXT NOT NULL, "
            "refresh_family_id {key} NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, "
            "FOREIGN KEY (connection_id) REFERENCES sso_connections (id) ON DELETE CASCADE, "
            "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE",
            {{"sso_sessions_subject", "connection_id, subject"},
             {"sso_sessions_organization", "organization_id, expires_at"},
             {"sso_sessions_user", "user_id"}}};
}

TableSpec ssoSpCredentialsTable() {
    return {"sso_sp_credentials",
            "connection_id {key} NOT NULL PRIMARY KEY, certificate_pem TEXT NOT NULL, "
            "sealed_private_key TEXT NOT NULL, created_at BIGINT NOT NULL, "
            "FOREIGN KEY (connection_id) REFERENCES sso_connections (id) ON DELETE CASCADE",
            {}};
}

// Migration 8. One row per organization that has set a policy; no row reads
// as "not enforced, nothing exempt".
TableSpec ssoEnforcementTable() {
    return {"sso_enforcement",
            "organization_id {key} NOT NULL PRIMARY KEY, enforced INTEGER NOT NULL, exempt_roles TEXT NOT NULL, "
            "updated_at BIGINT NOT NULL, "
            "FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE",
            {}};
}

// Migration 9. Per-connection settings that arrived after the first SSO
// release, and the scopes an SSO login granted (LDAP group mapping). Numbers
// default to 0 ("the built-in default"); texts are nullable for the reason
// given at clientColumnsV2.
std::vector<ColumnSpec> ssoColumnsV9() {
    return {{"sso_connections", "session_ttl_seconds", "BIGINT NOT NULL DEFAULT 0"},
            {"sso_connections", "legacy", "INTEGER NOT NULL DEFAULT 0"},
            {"sso_connections", "oidc_scopes", "TEXT"},
            {"sso_connections", "oidc_token_auth_method", "TEXT"},
            {"sso_connections", "oidc_redirect_uri", "TEXT"},
            {"sso_connections", "ldap_timeout_ms", "BIGINT NOT NULL DEFAULT 0"},
            {"sso_sessions", "scope", "TEXT"}};
}

} // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list{
        {1, "users, organizations, memberships, clients, signing keys, audit log, browser sessions",
         {usersTable(), organizationsTable(), membershipsTable(), clientsTable(), signingKeysTable(),
          auditEventsTable(), browserSessionsTable()},
         {}},
        {2, "client redirect URIs and public flag, client scopes, jwt-bearer trust, authorizations, refresh tokens, "
            "revoked access tokens",
         {clientScopesTable(), jwtBearersTable(), authorizationsTable(), refreshTokensTable(),
          revokedAccessTokensTable()},
         {},
         clientColumnsV2()},
        {3, "upstream identities of users (/login); email and auth_time of refresh tokens",
         {externalIdentitiesTable()},
         {},
         refreshTokenColumnsV3()},
        {4, "services, plans, subscriptions, API keys",
         {servicesTable(), plansTable(), subscriptionsTable(), apiKeysTable()},
         {}},
        {5, "SAML IdP configurations and signing certificates of services",
         {samlIdpConfigsTable(), samlCertificatesTable()},
         {}},
        {6, "SSO connections of organizations and the domains they claim",
         {ssoConnectionsTable(), ssoConnectionDomainsTable()},
         {}},
        {7, "SSO sessions and the SAML SP signing credentials of SSO connections",
         {ssoSessionsTable(), ssoSpCredentialsTable()},
         {}},
        {8, "SSO enforcement policies of organizations", {ssoEnforcementTable()}, {}},
        {9, "SSO session lifetime, OIDC scopes/auth method/redirect URI, LDAP timeout and the legacy flag of "
            "connections; scopes of SSO sessions",
         {},
         {},
         ssoColumnsV9()},
    };
    return list;
}

} // namespace authcore::sql
