// SPDX-License-Identifier: Apache-2.0
// What an SSO connection may look like: names, domains, mappings and the
// settings of each protocol.
#include "services/sso_rules.hpp"


#include <authcore/error.hpp>


#include <algorithm>
#include <cctype>
#include <string_view>

namespace authcore {

const std::vector<std::string>& ssoUserFields() {
    static const std::vector<std::string> fields{"email", "name", "given_name", "family_name", "groups", "subject"};
    return fields;
}

const std::vector<SsoTextSettingField>& ssoTextSettingFields() {
    using S = SsoSettingsInput;
    constexpr auto oidc = SsoProtocol::Oidc;
    constexpr auto saml = SsoProtocol::Saml;
    constexpr auto ldap = SsoProtocol::Ldap;
    static const std::vector<SsoTextSettingField> fields{
        {"issuer_url", "issuerUrl", oidc, &S::issuerUrl},
        {"client_id", "clientId", oidc, &S::clientId},
        {"client_secret", "clientSecret", oidc, &S::clientSecret},
        {"scopes", "scopes", oidc, &S::scopes},
        {"token_auth_method", "tokenAuthMethod", oidc, &S::tokenAuthMethod},
        {"idp_metadata_url", "idpMetadataUrl", saml, &S::idpMetadataUrl},
        {"idp_metadata_xml", "idpMetadataXml", saml, &S::idpMetadataXml},
        {"acs_url", "acsUrl", saml, &S::acsUrl},
        {"sp_entity_id", "spEntityId", saml, &S::spEntityId},
        {"ldap_url", "ldapUrl", ldap, &S::ldapUrl},
        {"bind_dn", "bindDn", ldap, &S::bindDn},
        {"bind_password", "bindPassword", ldap, &S::bindPassword},
        {"user_base_dn", "userBaseDn", ldap, &S::userBaseDn},
        {"user_filter", "userFilter", ldap, &S::userFilter},
        {"group_base_dn", "groupBaseDn", ldap, &S::groupBaseDn},
        {"group_filter", "groupFilter", ldap, &S::groupFilter},
        {"ca_cert_pem", "caCertPem", ldap, &S::caCertPem}};
    return fields;
}

namespace rules {

const char* const kDefaultUserFilter = "(|(uid={username})(mail={username}))";

namespace {

constexpr std::size_t kMaxDomains = 50;
constexpr std::size_t kMaxText = 1024;
constexpr std::size_t kMaxSecret = 4096;

[[noreturn]] void invalid(const std::string& message) { throw Error(ErrorCode::InvalidInput, message); }

bool hasControl(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

std::string shown(const std::string& text) { return "'" + text.substr(0, 100) + "'"; }

bool isLabel(std::string_view label) {
    const bool charset = std::all_of(label.begin(), label.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    return !label.empty() && label.size() <= 63 && charset && label.front() != '-' && label.back() != '-';
}

} // namespace

SsoProtocol checkProtocol(const std::string& protocol) {
    const auto parsed = parseSsoProtocol(protocol);
    if (!parsed) invalid("protocol must be oidc, saml or ldap: got " + shown(protocol));
    return *parsed;
}

SsoConnectionStatus checkStatus(const std::string& status) {
    const auto parsed = parseSsoConnectionStatus(status);
    if (!parsed) invalid("status must be active or inactive: got " + shown(status));
    return *parsed;
}

void checkDefaultRole(Role role) {
    if (role == Role::Owner)
        invalid("default_role must be member or admin (owner is never granted by JIT provisioning)");
}

std::optional<std::string> normalizedDomain(const std::string& domain) {
    std::string lower;
    for (const unsigned char c : domain) lower.push_back(static_cast<char>(std::tolower(c)));
    if (lower.empty() || lower.size() > 253) return std::nullopt;
    std::size_t labels = 0;
    for (std::size_t start = 0; start <= lower.size(); ++labels) {
        const auto dot = std::min(lower.find('.', start), lower.size());
        if (!isLabel(std::string_view(lower).substr(start, dot - start))) return std::nullopt;
        start = dot + 1;
    }
    if (labels < 2) return std::nullopt;
    return lower;
}

std::vector<std::string> normalizedDomains(const std::vector<std::string>& domains) {
    if (domains.size() > kMaxDomains) invalid("at most 50 domains");
    std::vector<std::string> out;
    for (const auto& domain : domains) {
        auto lower = normalizedDomain(domain);
        if (!lower) invalid("domains: " + shown(domain) + " is not a domain name such as example.com");
        if (std::find(out.begin(), out.end(), *lower) != out.end())
            invalid("domains: '" + *lower + "' is listed twice");
        out.push_back(std::move(*lower));
    }
    return out;
}

void checkAttributeMapping(const std::vector<SsoMapping>& mapping) {
    const auto& known = ssoUserFields();
    for (std::size_t i = 0; i < mapping.size(); ++i) {
        const auto& [field, attribute] = mapping[i];
        if (std::find(known.begin(), known.end(), field) == known.end())
            invalid("attribute_mapping: unknown user field " + shown(field) +
                    " (known: email, name, given_name, family_name, groups, subject)");
        for (std::size_t j = 0; j < i; ++j)
            if (mapping[j].field == field) invalid("attribute_mapping: field '" + field + "' is mapped twice");
        if (attribute.empty() || attribute.size() > kMaxText || hasControl(attribute))
            invalid("attribute_mapping: the attribute name for '" + field + "' must be 1-1024 characters");
    }
}

std::string slugFromName(const std::string& name) {
    std::string slug;
    for (const unsigned char c : name) {
        if (std::isalnum(c) && c < 0x80)
            slug.push_back(static_cast<char>(std::tolower(c)));
        else if (!slug.empty() && slug.back() != '-')
            slug.push_back('-');
    }
    if (slug.size() > 50) slug.resize(50); // room for a "-N" suffix
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug.size() < 2 ? "sso" : slug;
}

void checkSecrets(const SsoSettingsInput& s) {
    if (s.clientSecret && (s.clientSecret->empty() || s.clientSecret->size() > kMaxSecret))
        invalid("client_secret must be 1-4096 characters");
    if (s.bindPassword && (s.bindPassword->empty() || s.bindPassword->size() > kMaxSecret))
        invalid("bind_password must be 1-4096 characters");
}

} // namespace rules
} // namespace authcore
