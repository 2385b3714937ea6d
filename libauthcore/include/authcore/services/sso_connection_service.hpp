// SPDX-License-Identifier: Apache-2.0
// SsoConnectionService: an organization's enterprise SSO connections (OIDC,
// SAML, LDAP) and the look-ups the public SSO routes make. REST and GraphQL
// both call this. Secrets are sealed here and never leave in a view.
#pragma once

#include <authcore/crypto/envelope.hpp>
#include <authcore/model/sso_connection.hpp>
#include <authcore/services/audit_log.hpp>
#include <authcore/services/organization_service.hpp>
#include <authcore/services/principal.hpp>
#include <authcore/store/sso_connection_store.hpp>

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace authcore {

/// Protocol settings as given; absent fields are not set (create) or kept
/// (update). Each applies to one protocol only.
struct SsoSettingsInput {
    std::optional<std::string> issuerUrl, clientId, clientSecret;                         // OIDC
    std::optional<std::string> scopes, tokenAuthMethod;                                   // OIDC
    std::optional<std::string> idpMetadataUrl, idpMetadataXml, acsUrl, spEntityId;        // SAML
    std::optional<std::string> ldapUrl, bindDn, bindPassword, userBaseDn, userFilter;     // LDAP
    std::optional<std::string> groupBaseDn, groupFilter, caCertPem;                       // LDAP
    std::optional<std::vector<SsoMapping>> groupScopeMapping;                             // LDAP
    std::optional<bool> startTls;                                                         // LDAP
    std::optional<long long> ldapTimeoutMs;                                               // LDAP
};

/// A text setting of SsoSettingsInput: its REST and GraphQL names and the
/// protocol it belongs to.
struct SsoTextSettingField {
    const char* restName;
    const char* graphqlName;
    SsoProtocol protocol;
    std::optional<std::string> SsoSettingsInput::*member;
};
/// Every std::optional<std::string> member of SsoSettingsInput, in order.
const std::vector<SsoTextSettingField>& ssoTextSettingFields();

/// What create() takes (REST body, GraphQL SsoConnectionInput).
struct NewSsoConnection {
    std::string name;
    std::string protocol; ///< oidc, saml or ldap (any case)
    std::optional<std::string> slug; ///< absent: made from the name
    std::vector<std::string> domains;
    std::optional<bool> jitProvisioning;      ///< absent: false
    std::optional<Role> defaultRole;          ///< absent: member
    std::vector<SsoMapping> attributeMapping;
    std::optional<long long> sessionLifetimeSeconds; ///< absent: the default (8 h)
    SsoSettingsInput settings;
};

/// What update() takes (REST PATCH, GraphQL SsoConnectionUpdateInput);
/// absent fields are kept. Secrets are replaced only when given.
struct SsoConnectionChanges {
    std::optional<std::string> name;
    std::optional<std::vector<std::string>> domains;
    std::optional<bool> jitProvisioning;
    std::optional<Role> defaultRole;
    std::optional<std::vector<SsoMapping>> attributeMapping;
    std::optional<std::string> status; ///< active or inactive
    std::optional<long long> sessionLifetimeSeconds;
    SsoSettingsInput settings;
};

/// A connection as callers see it: the sealed secrets are emptied, and the
/// defaults filled in (SAML URLs, session lifetime, OIDC scopes and token
/// auth method, LDAP timeout), so that it shows what is in effect.
struct SsoConnectionView {
    SsoConnection connection;
    bool hasSecret = false; ///< an OIDC client secret or LDAP bind password is stored
};

/// What putLegacy() takes (`PUT /sso/config`): the legacy single OIDC config.
struct SsoLegacyConfigInput {
    std::string issuerUrl;
    std::string clientId;
    std::optional<std::string> clientSecret;         ///< required when creating; absent: kept
    std::string redirectUri;                         ///< empty: our `/auth/sso/{slug}/oidc/callback`
    std::optional<std::vector<std::string>> domains; ///< absent: none (create) or kept (replace)
    std::optional<bool> jitProvisioning;             ///< absent: false (create) or kept (replace)
};

/// The user fields an attribute mapping may name.
const std::vector<std::string>& ssoUserFields();

class SsoConnectionService {
public:
    /// `publicUrl` without a trailing '/': the base of the `/auth/sso/{slug}` URLs.
    SsoConnectionService(SsoConnectionStore& store, OrganizationService& organizations,
                         const crypto::Envelope& envelope, AuditLog& audit, const Clock& clock,
                         std::string publicUrl);

    // Owners and admins (and system admins) only; members get Forbidden,
    // others NotFound; API keys Forbidden. InvalidInput names the field and
    // changes nothing; Conflict when the slug or a domain is taken.

    SsoConnectionView create(const Principal& actor, const std::string& orgSlug, const NewSsoConnection& input);
    std::vector<SsoConnectionView> list(const Principal& actor, const std::string& orgSlug);
    /// NotFound also for a connection of another organization.
    SsoConnectionView get(const Principal& actor, const std::string& orgSlug, const std::string& id);
    SsoConnectionView update(const Principal& actor, const std::string& orgSlug, const std::string& id,
                             const SsoConnectionChanges& changes);
    void remove(const Principal& actor, const std::string& orgSlug, const std::string& id);

    /// For the public routes (no caller): the active connection with this
    /// slug, or nullopt (unknown and inactive alike).
    std::optional<SsoConnectionView> findBySlug(const std::string& slug);
    /// The active connection that claims `domain` (any case), or nullopt.
    std::optional<SsoConnectionView> findByDomain(const std::string& domain);

    /// The LDAP service account's password, opened for the appliance's LDAP
    /// client only (views never carry it). Empty when none is stored;
    /// Internal when the sealed value cannot be opened (master key changed?).
    std::string openBindPassword(const SsoConnection& connection) const;

    /// `{public_url}/auth/sso/{slug}/{protocol}/login`.
    std::string loginUrl(const SsoConnection& connection) const;

    /// For the OIDC relying party only: the connection's client secret in
    /// clear, read from the store (views carry none). Empty when none is set;
    /// Error(Internal) when the sealed value does not open (master key changed).
    std::string openClientSecret(const SsoConnection& connection) const;

    // The legacy single OIDC config (sso_connection_legacy.cpp): an ordinary
    // OIDC connection with `legacy` set, at most one per organization. Same
    // callers, checks and audit events as create/update/remove.

    /// Creates the organization's legacy connection ("Legacy OIDC
    /// configuration", generated slug) or replaces the settings of the one it
    /// has. InvalidInput (nothing written) for a bad field, a missing
    /// client_secret on creation, or a redirect_uri that is not an absolute
    /// https URL (http for localhost only).
    SsoConnectionView putLegacy(const Principal& actor, const std::string& orgSlug, const SsoLegacyConfigInput& input);
    /// NotFound when the organization has no legacy connection.
    SsoConnectionView getLegacy(const Principal& actor, const std::string& orgSlug);
    /// Deletes the legacy connection as remove() does; NotFound when none.
    void removeLegacy(const Principal& actor, const std::string& orgSlug);
    /// For the public login-url route (no caller): the organization's active
    /// legacy connection, or nullopt.
    std::optional<SsoConnectionView> findLegacy(const std::string& organizationId);
    /// The redirect URI an OIDC connection sends its provider: its override,
    /// else `{public_url}/auth/sso/{slug}/oidc/callback`.
    std::string oidcRedirectUri(const SsoConnection& connection) const;

private:
    /// Adjusts a connection after its input was checked, before it is sealed and written.
    using Adjust = std::function<void(SsoConnection&)>;
    SsoConnectionView insertNew(const Organization& org, const Principal& actor, const NewSsoConnection& input,
                                const Adjust& adjust);
    SsoConnectionView applyUpdate(const Organization& org, const Principal& actor, SsoConnection c,
                                  const SsoConnectionChanges& changes, const Adjust& adjust);
    std::optional<SsoConnection> legacyOf(const std::string& organizationId);
    SsoConnection requireOwn(const std::string& organizationId, const std::string& id);
    SsoConnectionView viewOf(SsoConnection connection) const;
    /// A slug made from `name` that no connection has yet.
    std::string freeSlugFor(const std::string& name);
    void seal(SsoConnection& connection, const SsoSettingsInput& settings) const;

    SsoConnectionStore& store_;
    OrganizationService& organizations_;
    const crypto::Envelope& envelope_;
    AuditLog& audit_;
    const Clock& clock_;
    std::string publicUrl_;
    std::mutex legacyMutex_; ///< one putLegacy at a time: two racing PUTs make one connection
};

} // namespace authcore
