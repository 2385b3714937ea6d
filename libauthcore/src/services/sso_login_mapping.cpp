// SPDX-License-Identifier: Apache-2.0
// Attribute mapping of SSO assertions: mapped names first, then the names
// IdPs commonly use (SAML friendly names, LDAP, OIDC claims and OID URIs).
#include "services/sso_login_mapping.hpp"

#include <authcore/error.hpp>
#include <authcore/services/sso_group_mapping.hpp>
#include <authcore/services/user_service.hpp>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <optional>

namespace authcore::detail {
namespace {

constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxSubject = 255;

const std::initializer_list<const char*> kEmailAttributes = {
    "email", "mail", "emailAddress", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    "urn:oid:0.9.2342.19200300.100.1.3"};
const std::initializer_list<const char*> kNameAttributes = {"name", "displayName", "cn"};

std::string lowerAscii(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

/// The first value of `attribute`; an empty value counts as absent.
std::optional<std::string> firstValue(const SsoAssertion& assertion, const std::string& attribute) {
    const auto it = assertion.attributes.find(attribute);
    if (it == assertion.attributes.end() || it->second.empty() || it->second.front().empty()) return std::nullopt;
    return it->second.front();
}

/// The mapped attribute's value when `field` is mapped (and only then: an
/// admin's mapping is not second-guessed), else the first default present.
std::optional<std::string> fieldValue(const SsoConnection& connection, const SsoAssertion& assertion,
                                      const std::string& field, std::initializer_list<const char*> defaults) {
    const auto& mapping = connection.attributeMapping;
    const auto mapped = std::find_if(mapping.begin(), mapping.end(), [&](const auto& m) { return m.field == field; });
    if (mapped != mapping.end()) return firstValue(assertion, mapped->attribute);
    for (const auto* attribute : defaults)
        if (auto value = firstValue(assertion, attribute)) return value;
    return std::nullopt;
}

std::string emailOf(const SsoConnection& connection, const SsoAssertion& assertion) {
    auto email = fieldValue(connection, assertion, "email", kEmailAttributes);
    if (!email && assertion.subjectIsEmail && !assertion.subject.empty()) email = assertion.subject;
    if (!email) throw Error(ErrorCode::InvalidInput, "the identity provider sent no email");
    try {
        return normalizeEmail(*email);
    } catch (const Error&) {
        throw Error(ErrorCode::InvalidInput, "the identity provider sent an email that is not a valid address");
    }
}

std::string nameOf(const SsoConnection& connection, const SsoAssertion& assertion) {
    auto name = fieldValue(connection, assertion, "name", kNameAttributes);
    if (!name) {
        const auto given = fieldValue(connection, assertion, "given_name", {"givenName"});
        const auto family = fieldValue(connection, assertion, "family_name", {"sn"});
        name = given && family ? *given + " " + *family : given.value_or(family.value_or(""));
    }
    return name->substr(0, kMaxName);
}

} // namespace

MappedAssertion mapAssertion(const SsoConnection& connection, const SsoAssertion& assertion) {
    MappedAssertion out;
    out.email = emailOf(connection, assertion);
    out.name = nameOf(connection, assertion);
    out.subject = fieldValue(connection, assertion, "subject", {}).value_or(assertion.subject);
    if (out.subject.empty() || out.subject.size() > kMaxSubject)
        throw Error(ErrorCode::InvalidInput, "the identity provider sent no usable subject");
    return out;
}

std::string grantedScope(const SsoConnection& connection, const SsoAssertion& assertion) {
    const auto groups = assertion.attributes.find("groups");
    if (groups == assertion.attributes.end()) return "";
    std::string scope;
    for (const auto& granted : mapSsoGroups(connection.ldap.groupScopeMapping, groups->second).scopes)
        scope += (scope.empty() ? "" : " ") + granted;
    return scope;
}

bool inConnectionDomains(const SsoConnection& connection, const std::string& email) {
    const auto domain = lowerAscii(email.substr(email.rfind('@') + 1));
    return std::any_of(connection.domains.begin(), connection.domains.end(),
                       [&](const std::string& claimed) { return lowerAscii(claimed) == domain; });
}

} // namespace authcore::detail
