// SPDX-License-Identifier: Apache-2.0
// The protocol settings of an SSO connection: which belong to which protocol,
// how given ones are applied, and what a complete set looks like.
#include "services/saml_rules.hpp"
#include "services/sso_rules.hpp"

#include <authcore/error.hpp>

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>
#include <utility>

namespace authcore::rules {
namespace {

constexpr std::size_t kMaxText = 1024;
constexpr std::size_t kMaxMetadataXml = 512 * 1024;
constexpr std::size_t kMaxLdapUrls = 10;

[[noreturn]] void invalid(const std::string& message) { throw Error(ErrorCode::InvalidInput, message); }

bool hasControl(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

bool hasSpaceOrControl(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7f; });
}

/// The REST names of the settings `s` gives, per protocol.
std::vector<std::pair<SsoProtocol, const char*>> givenSettings(const SsoSettingsInput& s) {
    std::vector<std::pair<SsoProtocol, const char*>> given;
    for (const auto& field : ssoTextSettingFields())
        if ((s.*field.member).has_value()) given.emplace_back(field.protocol, field.restName);
    if (s.groupScopeMapping) given.emplace_back(SsoProtocol::Ldap, "group_scope_mapping");
    if (s.startTls) given.emplace_back(SsoProtocol::Ldap, "start_tls");
    if (s.ldapTimeoutMs) given.emplace_back(SsoProtocol::Ldap, "ldap_timeout_ms");
    return given;
}

/// Some URL of the list is ldap:// (StartTLS or plain), not ldaps://.
bool hasPlainLdapUrl(const std::string& ldapUrl) {
    const auto urls = ldapUrlList(ldapUrl);
    return std::any_of(urls.begin(), urls.end(), [](const std::string& url) { return url.rfind("ldaps://", 0) != 0; });
}

void checkDn(const std::string& dn, const char* field) {
    if (dn.empty() || dn.size() > kMaxText || hasControl(dn) || dn.find('=') == std::string::npos)
        invalid(std::string(field) + " must be a distinguished name such as ou=people,dc=example,dc=org");
}

void checkFilter(const std::string& filter, const char* field) {
    int depth = 0;
    for (const char c : filter) {
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        if (depth < 0) break;
    }
    if (filter.size() < 3 || filter.size() > kMaxText || hasControl(filter) || filter.front() != '(' ||
        filter.back() != ')' || depth != 0)
        invalid(std::string(field) + " must be one parenthesised LDAP filter with balanced parentheses");
}

void checkLdapUrl(const std::string& url) {
    const std::string rule = "ldap_url must be ldap://host[:port] or ldaps://host[:port] URLs separated by spaces";
    Poco::URI parsed;
    try {
        parsed = Poco::URI(url);
    } catch (const Poco::Exception&) {
        invalid(rule);
    }
    const auto& scheme = parsed.getScheme();
    const bool bare = (parsed.getPath().empty() || parsed.getPath() == "/") && parsed.getRawQuery().empty() &&
                      parsed.getFragment().empty() && parsed.getUserInfo().empty();
    if (url.size() > 2048 || hasSpaceOrControl(url) || (scheme != "ldap" && scheme != "ldaps") ||
        parsed.getHost().empty() || !bare)
        invalid(rule);
}

void checkClientId(const std::string& clientId) {
    if (clientId.empty() || clientId.size() > kMaxText || hasSpaceOrControl(clientId))
        invalid("client_id must be 1-1024 characters without whitespace");
}

void checkMetadataXml(const std::string& xml) {
    const auto start = xml.find_first_not_of(" \t\r\n");
    if (xml.size() > kMaxMetadataXml || start == std::string::npos || xml[start] != '<' ||
        xml.find("EntityDescriptor") == std::string::npos)
        invalid("idp_metadata_xml must be a SAML metadata document (an EntityDescriptor) of at most 512 KiB");
}

void checkSpEntityId(const std::string& entityId) {
    const bool scheme = entityId.rfind("https://", 0) == 0 || entityId.rfind("http://", 0) == 0 ||
                        entityId.rfind("urn:", 0) == 0;
    if (entityId.size() > kMaxText || hasSpaceOrControl(entityId) || !scheme || entityId.size() < 5)
        invalid("sp_entity_id must be an absolute http(s) URI or a URN, at most 1024 characters");
}

void checkGroupScopeMapping(const std::vector<SsoMapping>& mapping) {
    for (std::size_t i = 0; i < mapping.size(); ++i) {
        checkDn(mapping[i].field, "group_scope_mapping: each group");
        for (std::size_t j = 0; j < i; ++j)
            if (mapping[j].field == mapping[i].field)
                invalid("group_scope_mapping: group '" + mapping[i].field.substr(0, 100) + "' is mapped twice");
        // A value that is no role goes into tokens' scope: it must be a scope token.
        const auto& scope = mapping[i].attribute;
        if (scope.size() > 200 || !isScopeToken(scope))
            invalid("group_scope_mapping: the scope (or role) of each group must be 1-200 characters of an RFC 6749 "
                    "scope token (printable ASCII without space, '\"' and '\\')");
    }
}

void checkOidc(const SsoOidcSettings& oidc, bool hasSecret) {
    if (oidc.issuerUrl.empty()) invalid("issuer_url is required for an oidc connection");
    checkSamlEndpoint(oidc.issuerUrl, "issuer_url");
    if (oidc.clientId.empty()) invalid("client_id is required for an oidc connection");
    checkClientId(oidc.clientId);
    if (!hasSecret) invalid("client_secret is required for an oidc connection");
}

void checkSaml(const SsoSamlSettings& saml) {
    const bool url = !saml.idpMetadataUrl.empty();
    const bool xml = !saml.idpMetadataXml.empty();
    if (url == xml) invalid("a saml connection needs exactly one of idp_metadata_url and idp_metadata_xml");
    if (url) checkSamlEndpoint(saml.idpMetadataUrl, "idp_metadata_url");
    if (xml) checkMetadataXml(saml.idpMetadataXml);
    if (!saml.acsUrl.empty()) checkSamlEndpoint(saml.acsUrl, "acs_url");
    if (!saml.spEntityId.empty()) checkSpEntityId(saml.spEntityId);
}

/// ldap_url: 1-10 URLs separated by spaces, tried in order (failover).
void checkLdapUrls(const SsoLdapSettings& ldap) {
    const auto urls = ldapUrlList(ldap.ldapUrl);
    if (urls.empty()) invalid("ldap_url is required for an ldap connection");
    if (urls.size() > kMaxLdapUrls || hasControl(ldap.ldapUrl))
        invalid("ldap_url must be at most 10 URLs separated by spaces");
    for (const auto& url : urls) checkLdapUrl(url);
    if (!hasPlainLdapUrl(ldap.ldapUrl) && ldap.startTls)
        invalid("start_tls must be false for ldaps:// URLs (the connection is already TLS)");
}

void checkLdap(const SsoLdapSettings& ldap, bool hasSecret) {
    checkLdapUrls(ldap);
    if (ldap.bindDn.empty()) invalid("bind_dn is required for an ldap connection");
    checkDn(ldap.bindDn, "bind_dn");
    if (!hasSecret) invalid("bind_password is required for an ldap connection");
    if (ldap.userBaseDn.empty()) invalid("user_base_dn is required for an ldap connection");
    checkDn(ldap.userBaseDn, "user_base_dn");
    checkFilter(ldap.userFilter, "user_filter");
    if (ldap.userFilter.find("{username}") == std::string::npos) invalid("user_filter must contain {username}");
    if (!ldap.groupBaseDn.empty()) checkDn(ldap.groupBaseDn, "group_base_dn");
    if (!ldap.groupFilter.empty()) checkFilter(ldap.groupFilter, "group_filter");
    checkGroupScopeMapping(ldap.groupScopeMapping);
    if (!ldap.caCertPem.empty()) checkCertificatePem(ldap.caCertPem, "ca_cert_pem");
}

} // namespace

void checkSettingsBelongTo(SsoProtocol protocol, const SsoSettingsInput& settings) {
    for (const auto& [owner, name] : givenSettings(settings))
        if (owner != protocol)
            invalid(std::string(name) + " applies to " + std::string(ssoProtocolName(owner)) +
                    " connections only, not to " + std::string(ssoProtocolName(protocol)));
}

void applySettings(SsoConnection& c, const SsoSettingsInput& s) {
    const auto set = [](std::string& target, const std::optional<std::string>& value) {
        if (value) target = *value;
    };
    set(c.oidc.issuerUrl, s.issuerUrl);
    set(c.oidc.clientId, s.clientId);
    if (s.scopes) c.oidc.scopes = normalizedSpaceList(*s.scopes);
    set(c.oidc.tokenAuthMethod, s.tokenAuthMethod);
    set(c.saml.idpMetadataUrl, s.idpMetadataUrl);
    set(c.saml.idpMetadataXml, s.idpMetadataXml);
    set(c.saml.acsUrl, s.acsUrl);
    set(c.saml.spEntityId, s.spEntityId);
    if (s.ldapUrl) c.ldap.ldapUrl = normalizedSpaceList(*s.ldapUrl);
    set(c.ldap.bindDn, s.bindDn);
    set(c.ldap.userBaseDn, s.userBaseDn);
    set(c.ldap.userFilter, s.userFilter);
    set(c.ldap.groupBaseDn, s.groupBaseDn);
    set(c.ldap.groupFilter, s.groupFilter);
    set(c.ldap.caCertPem, s.caCertPem);
    if (s.groupScopeMapping) c.ldap.groupScopeMapping = *s.groupScopeMapping;
    if (s.ldapTimeoutMs) c.ldap.timeoutMs = static_cast<long>(*s.ldapTimeoutMs);
    if (s.startTls)
        c.ldap.startTls = *s.startTls;
    else if (s.ldapUrl)
        c.ldap.startTls = hasPlainLdapUrl(*s.ldapUrl);
    if (c.protocol == SsoProtocol::Ldap && c.ldap.userFilter.empty()) c.ldap.userFilter = kDefaultUserFilter;
}

void checkSettings(const SsoConnection& connection, bool hasSecret) {
    switch (connection.protocol) {
    case SsoProtocol::Oidc: checkOidc(connection.oidc, hasSecret); break;
    case SsoProtocol::Saml: checkSaml(connection.saml); break;
    case SsoProtocol::Ldap: checkLdap(connection.ldap, hasSecret); break;
    }
}

} // namespace authcore::rules
