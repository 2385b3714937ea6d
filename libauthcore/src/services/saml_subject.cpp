// SPDX-License-Identifier: Apache-2.0
// SamlSubjects: who a user is to a service's SAML Service Provider (NameID and attributes).
#include <authcore/services/saml_subject.hpp>

#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/random.hpp>
#include <authcore/model/membership.hpp>

#include <optional>

namespace authcore {
namespace {

// Hashing the service and SP with the user id gives each SP its own
// identifier for the user, so two SPs cannot correlate users by NameID.
std::string persistentId(const SamlRuntime& runtime, const User& user) {
    const auto digest = crypto::sha256(runtime.serviceId + '\n' + runtime.config.entityId + '\n' + user.id);
    return crypto::hexEncode(digest).substr(0, 40);
}

std::string nameIdOf(const SamlRuntime& runtime, const User& user) {
    const auto& format = runtime.config.nameIdFormat;
    if (format == "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress") return user.email;
    if (format == "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent") return persistentId(runtime, user);
    if (format == "urn:oasis:names:tc:SAML:2.0:nameid-format:transient") return "_" + crypto::randomToken(16);
    return user.id;
}

std::pair<std::string, std::string> splitName(const std::string& name) {
    const auto space = name.find(' ');
    if (space == std::string::npos) return {name, ""};
    const auto rest = name.find_first_not_of(' ', space);
    return {name.substr(0, space), rest == std::string::npos ? "" : name.substr(rest)};
}

std::vector<std::string> valuesOf(const std::string& field, const User& user, const std::optional<Role>& role,
                                  const std::string& organizationSlug) {
    const auto [given, family] = splitName(user.name);
    std::string value;
    if (field == "id") value = user.id;
    else if (field == "email") value = user.email;
    else if (field == "name") value = user.name;
    else if (field == "given_name") value = given;
    else if (field == "family_name") value = family;
    else if (field == "roles" && role) value = std::string(roleName(*role));
    else if (field == "groups" && role) value = organizationSlug;
    if (value.empty()) return {};
    return {value};
}

} // namespace

SamlSubjects::SamlSubjects(OrganizationStore& organizations) : organizations_(organizations) {}

SamlSubject SamlSubjects::subjectFor(const SamlRuntime& runtime, const User& user) {
    SamlSubject subject{nameIdOf(runtime, user), {}};
    std::optional<Role> role;
    if (auto membership = organizations_.findMembership(runtime.organizationId, user.id)) role = membership->role;
    for (const auto& mapping : runtime.config.attributeMapping) {
        auto values = valuesOf(mapping.field, user, role, runtime.organizationSlug);
        if (!values.empty()) subject.attributes.emplace_back(mapping.attribute, std::move(values));
    }
    return subject;
}

} // namespace authcore
