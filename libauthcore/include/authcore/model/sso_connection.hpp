// SPDX-License-Identifier: Apache-2.0
// SsoConnection: an organization's enterprise identity provider (OIDC, SAML or LDAP).
#pragma once

#include <authcore/model/membership.hpp>
#include <authcore/time.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authcore {

enum class SsoProtocol { Oidc, Saml, Ldap };
/// `oidc`, `saml`, `ldap`.
std::string_view ssoProtocolName(SsoProtocol protocol) noexcept;
/// Case-insensitive inverse of ssoProtocolName.
std::optional<SsoProtocol> parseSsoProtocol(std::string_view text) noexcept;

/// Inactive connections are kept but route no domain and serve no login.
enum class SsoConnectionStatus { Active, Inactive };
/// `active`, `inactive`.
std::string_view ssoConnectionStatusName(SsoConnectionStatus status) noexcept;
std::optional<SsoConnectionStatus> parseSsoConnectionStatus(std::string_view text) noexcept;

/// One ordered pair: a user field and the IdP attribute it is read from, or
/// (group_scope_mapping) a group DN and the scope it grants.
struct SsoMapping {
    std::string field;
    std::string attribute;
    bool operator==(const SsoMapping&) const = default;
};

/// OpenID Connect provider settings.
struct SsoOidcSettings {
    std::string issuerUrl;
    std::string clientId;
    std::string sealedClientSecret; ///< Envelope-sealed, context = the connection id
    std::string scopes;          ///< space-separated; empty = `openid email profile`
    std::string tokenAuthMethod; ///< `client_secret_basic` (empty) or `client_secret_post`
    std::string redirectUri;     ///< override; empty = `{public_url}/auth/sso/{slug}/oidc/callback`
};

/// SAML 2.0 IdP settings (this server is the SP). Empty = not set.
struct SsoSamlSettings {
    std::string idpMetadataUrl; ///< one of idpMetadataUrl and idpMetadataXml is set
    std::string idpMetadataXml;
    std::string acsUrl;     ///< override; default `{public_url}/auth/sso/{slug}/saml/acs`
    std::string spEntityId; ///< override; default `{public_url}/auth/sso/{slug}/saml/metadata`
};

/// LDAP directory settings. Empty optional strings = not set.
struct SsoLdapSettings {
    std::string ldapUrl; ///< ldap:// or ldaps://
    std::string bindDn;
    std::string sealedBindPassword; ///< Envelope-sealed, context = the connection id
    std::string userBaseDn;
    std::string userFilter; ///< contains `{username}`
    std::string groupBaseDn;
    std::string groupFilter;
    std::vector<SsoMapping> groupScopeMapping; ///< group DN -> scope, in the order given
    bool startTls = true;
    std::string caCertPem;
    long timeoutMs = 0; ///< per directory operation; 0 = the default (5 s)
};

struct SsoConnection {
    std::string id; ///< `sso_conn_...`
    std::string organizationId;
    std::string name;
    std::string slug; ///< globally unique: `/auth/sso/{slug}` names no organization
    SsoProtocol protocol = SsoProtocol::Oidc;
    SsoConnectionStatus status = SsoConnectionStatus::Active;
    std::vector<std::string> domains; ///< lower case, each claimed by this connection only
    bool jitProvisioning = false;
    Role defaultRole = Role::Member;
    std::vector<SsoMapping> attributeMapping; ///< in the order given
    SsoOidcSettings oidc; ///< used when protocol is Oidc, empty otherwise
    SsoSamlSettings saml; ///< used when protocol is Saml, empty otherwise
    SsoLdapSettings ldap; ///< used when protocol is Ldap, empty otherwise
    long sessionTtlSeconds = 0; ///< lifetime of its SSO sessions; 0 = the default (8 h)
    bool legacy = false; ///< the organization's legacy single OIDC config (`/sso/config`)
    Timestamp createdAt{};
    Timestamp updatedAt{};
};

/// This server's SAML SP signing key for one connection, made on first use.
struct SsoSpCredential {
    std::string connectionId;
    std::string certificatePem;
    std::string sealedPrivateKey; ///< PKCS#8 PEM, Envelope-sealed, context = `sp:` + connection id
    Timestamp createdAt{};
};

/// An organization's SSO enforcement policy: while `enforced`, members whose
/// role is not in `exemptRoles` may not log in with a password.
struct SsoEnforcement {
    std::string organizationId;
    bool enforced = false;
    std::vector<Role> exemptRoles;
    Timestamp updatedAt{};
};

} // namespace authcore
