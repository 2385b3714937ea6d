// SPDX-License-Identifier: Apache-2.0
// SSO connections and their claimed domains in the SQL store.
#include "store/sso_connection_store_sql.hpp"

#include "store/rows.hpp"
#include "store/text_list.hpp"

#include <authcore/error.hpp>

#include <iterator>

namespace authcore::sql {
namespace {

// Every column but id, organization_id and created_at, in binding order.
const std::string kMutableColumns[] = {
    "name", "slug", "protocol", "status", "jit_provisioning", "default_role", "attribute_mapping",
    "issuer_url", "client_id", "sealed_client_secret",
    "idp_metadata_url", "idp_metadata_xml", "acs_url", "sp_entity_id",
    "ldap_url", "bind_dn", "sealed_bind_password", "user_base_dn", "user_filter", "group_base_dn", "group_filter",
    "group_scope_mapping", "start_tls", "ca_cert_pem", "updated_at",
    "session_ttl_seconds", "legacy", "oidc_scopes", "oidc_token_auth_method", "oidc_redirect_uri", "ldap_timeout_ms"};

/// The mutable columns as `a, b` (suffix "") or `a = ?, b = ?` (suffix " = ?").
std::string joined(const std::string& suffix) {
    std::string out;
    for (const auto& column : kMutableColumns) out += (out.empty() ? "" : ", ") + column + suffix;
    return out;
}

std::string placeholders() {
    std::string out;
    for (std::size_t i = 0; i < std::size(kMutableColumns); ++i) out += ", ?";
    return out;
}

const std::string kSelect = "SELECT id, organization_id, created_at, " + joined("") + " FROM sso_connections ";

Poco::Int64 flag(bool value) { return value ? 1 : 0; }

/// Binds the kMutableColumns values of `c`, in order.
void bindMutable(Statement& s, const SsoConnection& c) {
    s, kw::bind(c.name), kw::bind(c.slug), kw::bind(std::string(ssoProtocolName(c.protocol))),
        kw::bind(std::string(ssoConnectionStatusName(c.status))), kw::bind(flag(c.jitProvisioning)),
        kw::bind(std::string(roleName(c.defaultRole))), kw::bind(encodePairs(c.attributeMapping));
    s, kw::bind(nullableText(c.oidc.issuerUrl)), kw::bind(nullableText(c.oidc.clientId)),
        kw::bind(nullableText(c.oidc.sealedClientSecret));
    s, kw::bind(nullableText(c.saml.idpMetadataUrl)), kw::bind(nullableText(c.saml.idpMetadataXml)),
        kw::bind(nullableText(c.saml.acsUrl)), kw::bind(nullableText(c.saml.spEntityId));
    const auto& l = c.ldap;
    s, kw::bind(nullableText(l.ldapUrl)), kw::bind(nullableText(l.bindDn)), kw::bind(nullableText(l.sealedBindPassword)),
        kw::bind(nullableText(l.userBaseDn)), kw::bind(nullableText(l.userFilter)),
        kw::bind(nullableText(l.groupBaseDn)), kw::bind(nullableText(l.groupFilter)),
        kw::bind(encodePairs(l.groupScopeMapping)), kw::bind(flag(l.startTls)), kw::bind(nullableText(l.caCertPem));
    s, kw::bind(unixSeconds(c.updatedAt));
    s, kw::bind(static_cast<Poco::Int64>(c.sessionTtlSeconds)), kw::bind(flag(c.legacy)),
        kw::bind(nullableText(c.oidc.scopes)), kw::bind(nullableText(c.oidc.tokenAuthMethod)),
        kw::bind(nullableText(c.oidc.redirectUri)), kw::bind(static_cast<Poco::Int64>(l.timeoutMs));
}

// Column numbers of kSelect: 0-2 id, organization_id, created_at, then kMutableColumns from 3.
void settingsAt(const RecordSet& rows, std::size_t row, SsoConnection& c) {
    c.oidc = {optionalTextAt(rows, 10, row), optionalTextAt(rows, 11, row), optionalTextAt(rows, 12, row),
              optionalTextAt(rows, 30, row), optionalTextAt(rows, 31, row), optionalTextAt(rows, 32, row)};
    c.saml = {optionalTextAt(rows, 13, row), optionalTextAt(rows, 14, row), optionalTextAt(rows, 15, row),
              optionalTextAt(rows, 16, row)};
    auto& l = c.ldap;
    l.ldapUrl = optionalTextAt(rows, 17, row);
    l.bindDn = optionalTextAt(rows, 18, row);
    l.sealedBindPassword = optionalTextAt(rows, 19, row);
    l.userBaseDn = optionalTextAt(rows, 20, row);
    l.userFilter = optionalTextAt(rows, 21, row);
    l.groupBaseDn = optionalTextAt(rows, 22, row);
    l.groupFilter = optionalTextAt(rows, 23, row);
    l.groupScopeMapping = pairsAt<SsoMapping>(rows, 24, row, "sso_connections.group_scope_mapping");
    l.startTls = integerAt(rows, 25, row) != 0;
    l.caCertPem = optionalTextAt(rows, 26, row);
    l.timeoutMs = static_cast<long>(integerAt(rows, 33, row));
}

SsoConnection connectionAt(const RecordSet& rows, std::size_t row) {
    SsoConnection c;
    c.id = textAt(rows, 0, row);
    c.organizationId = textAt(rows, 1, row);
    c.createdAt = timeAt(rows, 2, row);
    c.name = textAt(rows, 3, row);
    c.slug = textAt(rows, 4, row);
    c.protocol = parsedAt(rows, 5, row, "sso_connections.protocol", parseSsoProtocol);
    c.status = parsedAt(rows, 6, row, "sso_connections.status", parseSsoConnectionStatus);
    c.jitProvisioning = integerAt(rows, 7, row) != 0;
    c.defaultRole = parsedAt(rows, 8, row, "sso_connections.default_role", parseRole);
    c.attributeMapping = pairsAt<SsoMapping>(rows, 9, row, "sso_connections.attribute_mapping");
    settingsAt(rows, row, c);
    c.updatedAt = timeAt(rows, 27, row);
    c.sessionTtlSeconds = static_cast<long>(integerAt(rows, 28, row));
    c.legacy = integerAt(rows, 29, row) != 0;
    return c;
}

/// Conflict unless the slug and every domain are free or already `c`'s.
void requireFree(Session& session, const SsoConnection& c) {
    Poco::Int64 slugs = 0;
    session << "SELECT COUNT(*) FROM sso_connections WHERE slug = ? AND id <> ?", kw::bind(c.slug), kw::bind(c.id),
        kw::into(slugs), kw::now;
    if (slugs > 0) throw Error(ErrorCode::Conflict, "an SSO connection with slug '" + c.slug + "' already exists");
    for (const auto& domain : c.domains) {
        Poco::Int64 claims = 0;
        session << "SELECT COUNT(*) FROM sso_connection_domains WHERE domain = ? AND connection_id <> ?",
            kw::bind(domain), kw::bind(c.id), kw::into(claims), kw::now;
        if (claims > 0)
            throw Error(ErrorCode::Conflict, "domain '" + domain + "' is already claimed by another SSO connection");
    }
}

void writeDomains(Session& session, const SsoConnection& c) {
    session << "DELETE FROM sso_connection_domains WHERE connection_id = ?", kw::bind(c.id), kw::now;
    for (std::size_t i = 0; i < c.domains.size(); ++i)
        session << "INSERT INTO sso_connection_domains (domain, connection_id, sort_order) VALUES (?, ?, ?)",
            kw::bind(c.domains[i]), kw::bind(c.id), kw::bind(static_cast<Poco::Int64>(i)), kw::now;
}

} // namespace

void SsoConnectionStoreSql::insert(const SsoConnection& c) {
    // The unique keys back requireFree up against a concurrent writer.
    executor_.transact("an SSO connection with this id, slug or domain", [&](Session& session) {
        requireRow(session, "organizations", "id", c.organizationId, "organization");
        requireFree(session, c);
        Statement statement(session);
        statement << "INSERT INTO sso_connections (id, organization_id, created_at, " + joined("") +
                         ") VALUES (?, ?, ?" + placeholders() + ")";
        statement, kw::bind(c.id), kw::bind(c.organizationId), kw::bind(unixSeconds(c.createdAt));
        bindMutable(statement, c);
        statement.execute();
        writeDomains(session, c);
    });
}

void SsoConnectionStoreSql::update(const SsoConnection& c) {
    executor_.transact("an SSO connection with this slug or domain", [&](Session& session) {
        requireRow(session, "sso_connections", "id", c.id, "SSO connection");
        requireFree(session, c);
        Statement statement(session);
        statement << "UPDATE sso_connections SET " + joined(" = ?") + " WHERE id = ?";
        bindMutable(statement, c);
        statement, kw::bind(c.id);
        statement.execute();
        writeDomains(session, c);
    });
}

bool SsoConnectionStoreSql::remove(const std::string& id) {
    // Domains go by ON DELETE CASCADE; deleting them first keeps SQLite
    // files opened without foreign keys clean as well.
    bool removed = false;
    executor_.transact("SSO connection", [&](Session& session) {
        session << "DELETE FROM sso_connection_domains WHERE connection_id = ?", kw::bind(id), kw::now;
        Statement statement(session);
        statement << "DELETE FROM sso_connections WHERE id = ?", kw::bind(id);
        removed = statement.execute() > 0;
    });
    return removed;
}

std::optional<SsoConnection> SsoConnectionStoreSql::find(const std::string& id) { return selectOne("id = ?", id); }

std::optional<SsoConnection> SsoConnectionStoreSql::findBySlug(const std::string& slug) {
    return selectOne("slug = ?", slug);
}

std::optional<SsoConnection> SsoConnectionStoreSql::findByDomain(const std::string& domain) {
    return selectOne("id IN (SELECT connection_id FROM sso_connection_domains WHERE domain = ?)", domain);
}

std::vector<SsoConnection> SsoConnectionStoreSql::listByOrganization(const std::string& organizationId) {
    return select("organization_id = ? ORDER BY created_at, id", {organizationId});
}

std::optional<SsoSpCredential> SsoConnectionStoreSql::findSpCredential(const std::string& connectionId) {
    return sql::selectOne(executor_,
                          "SELECT connection_id, certificate_pem, sealed_private_key, created_at "
                          "FROM sso_sp_credentials WHERE connection_id = ?",
                          {connectionId}, [](const RecordSet& rows, std::size_t row) {
                              return SsoSpCredential{textAt(rows, 0, row), textAt(rows, 1, row), textAt(rows, 2, row),
                                                     timeAt(rows, 3, row)};
                          });
}

bool SsoConnectionStoreSql::insertSpCredential(const SsoSpCredential& c) {
    bool inserted = false;
    try {
        executor_.transact("an SP credential for this SSO connection", [&](Session& session) {
            requireRow(session, "sso_connections", "id", c.connectionId, "SSO connection");
            // INSERT .. SELECT .. WHERE NOT EXISTS: the loser of a race between
            // nodes writes nothing and learns it from the row count.
            Statement statement(session);
            statement << "INSERT INTO sso_sp_credentials (connection_id, certificate_pem, sealed_private_key, "
                         "created_at) SELECT ?, ?, ?, ? FROM sso_connections WHERE id = ? AND NOT EXISTS "
                         "(SELECT 1 FROM sso_sp_credentials WHERE connection_id = ?)",
                kw::bind(c.connectionId), kw::bind(c.certificatePem), kw::bind(c.sealedPrivateKey),
                kw::bind(unixSeconds(c.createdAt)), kw::bind(c.connectionId), kw::bind(c.connectionId);
            inserted = statement.execute() > 0;
        });
    } catch (const Error& e) {
        // Two writers past NOT EXISTS at once: the primary key keeps the first.
        if (e.code() != ErrorCode::Conflict) throw;
        return false;
    }
    return inserted;
}

std::vector<SsoConnection> SsoConnectionStoreSql::select(const std::string& where,
                                                         const std::vector<std::string>& parameters) {
    auto connections = selectRows(executor_, kSelect + "WHERE " + where, parameters, connectionAt);
    for (auto& c : connections)
        c.domains = selectRows(executor_, "SELECT domain FROM sso_connection_domains WHERE connection_id = ? "
                                          "ORDER BY sort_order",
                               {c.id}, [](const RecordSet& rows, std::size_t row) { return textAt(rows, 0, row); });
    return connections;
}

std::optional<SsoConnection> SsoConnectionStoreSql::selectOne(const std::string& where, const std::string& parameter) {
    auto all = select(where, {parameter});
    if (all.empty()) return std::nullopt;
    return std::move(all.front());
}

} // namespace authcore::sql
