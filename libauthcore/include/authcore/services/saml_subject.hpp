// SPDX-License-Identifier: Apache-2.0
// SamlSubjects: who a user is to a service's SAML Service Provider (NameID and attributes).
#pragma once

#include <authcore/model/user.hpp>
#include <authcore/services/saml_idp_service.hpp>
#include <authcore/store/organization_store.hpp>

#include <string>
#include <utility>
#include <vector>

namespace authcore {

/// The subject of one Response: its NameID value and the mapped attributes
/// (attribute name -> values, in the mapping's order; fields without a value
/// are left out).
struct SamlSubject {
    std::string nameId;
    std::vector<std::pair<std::string, std::vector<std::string>>> attributes;
};

class SamlSubjects {
public:
    explicit SamlSubjects(OrganizationStore& organizations);

    /// NameID by the configured format: emailAddress -> the email;
    /// persistent -> an opaque value stable for this user and this SP and
    /// meaningless elsewhere; transient -> a fresh random value;
    /// unspecified -> the user id. Attributes from the mapping's fields: id,
    /// email, name, given_name / family_name (the name split at its first
    /// space), roles (the user's role in the service's organization) and
    /// groups (the organization's slug), both empty for non-members.
    SamlSubject subjectFor(const SamlRuntime& runtime, const User& user);

private:
    OrganizationStore& organizations_;
};

} // namespace authcore
