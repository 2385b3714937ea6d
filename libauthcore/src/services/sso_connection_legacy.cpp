// SPDX-License-Identifier: Apache-2.0
// The legacy single OIDC config of an organization (`/sso/config`): one
// ordinary OIDC connection marked `legacy`, so that login has one code path.
#include <authcore/error.hpp>
#include <authcore/services/sso_connection_service.hpp>

#include "services/saml_rules.hpp"
#include "services/sso_rules.hpp"

namespace authcore {
namespace {

const char* const kLegacyName = "Legacy OIDC configuration";

Error noLegacyConfig() { return Error(ErrorCode::NotFound, "the organization has no legacy SSO configuration"); }

/// The override to store: empty stays empty (our callback), anything else
/// must be an absolute https URL (http for localhost only), no fragment.
std::string checkedRedirectUri(const std::string& redirectUri) {
    if (!redirectUri.empty()) rules::checkSamlEndpoint(redirectUri, "redirect_uri");
    return redirectUri;
}

SsoSettingsInput oidcSettingsOf(const SsoLegacyConfigInput& input) {
    SsoSettingsInput settings;
    settings.issuerUrl = input.issuerUrl;
    settings.clientId = input.clientId;
    settings.clientSecret = input.clientSecret;
    return settings;
}

NewSsoConnection newLegacyConnection(const SsoLegacyConfigInput& input) {
    NewSsoConnection connection;
    connection.name = kLegacyName;
    connection.protocol = std::string(ssoProtocolName(SsoProtocol::Oidc));
    connection.domains = input.domains.value_or(std::vector<std::string>{});
    connection.jitProvisioning = input.jitProvisioning;
    connection.settings = oidcSettingsOf(input);
    return connection;
}

SsoConnectionChanges legacyChanges(const SsoLegacyConfigInput& input) {
    SsoConnectionChanges changes;
    changes.domains = input.domains;
    changes.jitProvisioning = input.jitProvisioning;
    changes.settings = oidcSettingsOf(input);
    return changes;
}

} // namespace

SsoConnectionView SsoConnectionService::putLegacy(const Principal& actor, const std::string& orgSlug,
                                                  const SsoLegacyConfigInput& input) {
    const auto org = rules::manageable(organizations_, actor, orgSlug);
    // PUT replaces the whole config: an absent redirect_uri goes back to our callback.
    const Adjust markLegacy = [&input](SsoConnection& c) {
        c.legacy = true;
        c.oidc.redirectUri = checkedRedirectUri(input.redirectUri);
    };
    // Serialised so that two racing first PUTs cannot both find none and make two.
    std::lock_guard lock(legacyMutex_);
    if (auto existing = legacyOf(org.id))
        return applyUpdate(org, actor, std::move(*existing), legacyChanges(input), markLegacy);
    return insertNew(org, actor, newLegacyConnection(input), markLegacy);
}

SsoConnectionView SsoConnectionService::getLegacy(const Principal& actor, const std::string& orgSlug) {
    const auto org = rules::manageable(organizations_, actor, orgSlug);
    auto c = legacyOf(org.id);
    if (!c) throw noLegacyConfig();
    return viewOf(std::move(*c));
}

void SsoConnectionService::removeLegacy(const Principal& actor, const std::string& orgSlug) {
    const auto org = rules::manageable(organizations_, actor, orgSlug);
    std::lock_guard lock(legacyMutex_);
    const auto c = legacyOf(org.id);
    if (!c) throw noLegacyConfig();
    remove(actor, orgSlug, c->id);
}

std::optional<SsoConnectionView> SsoConnectionService::findLegacy(const std::string& organizationId) {
    auto c = legacyOf(organizationId);
    if (!c || c->status != SsoConnectionStatus::Active) return std::nullopt;
    return viewOf(std::move(*c));
}

std::string SsoConnectionService::oidcRedirectUri(const SsoConnection& connection) const {
    if (!connection.oidc.redirectUri.empty()) return connection.oidc.redirectUri;
    return publicUrl_ + "/auth/sso/" + connection.slug + "/oidc/callback";
}

std::optional<SsoConnection> SsoConnectionService::legacyOf(const std::string& organizationId) {
    for (auto& c : store_.listByOrganization(organizationId))
        if (c.legacy && c.protocol == SsoProtocol::Oidc) return std::move(c);
    return std::nullopt;
}

} // namespace authcore
