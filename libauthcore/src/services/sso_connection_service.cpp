// SPDX-License-Identifier: Apache-2.0
// SsoConnectionService: an organization's SSO connections. Every input is
// checked in full before anything is sealed or written.
#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/services/sso_connection_service.hpp>

#include "services/service_rules.hpp"
#include "services/sso_rules.hpp"

#include <cctype>

namespace authcore {
namespace {

Error notFound() { return Error(ErrorCode::NotFound, "SSO connection not found"); }

constexpr int kSlugAttempts = 20;

/// The connection `input` describes, checked in full (but for slug and domain conflicts).
SsoConnection connectionFrom(const NewSsoConnection& input, const std::string& organizationId, Timestamp now) {
    SsoConnection c;
    c.id = crypto::randomId("sso_conn_");
    c.organizationId = organizationId;
    rules::checkName(input.name, "name");
    c.name = input.name;
    c.protocol = rules::checkProtocol(input.protocol);
    if (input.slug) rules::checkSlug(*input.slug);
    c.domains = rules::normalizedDomains(input.domains);
    c.jitProvisioning = input.jitProvisioning.value_or(false);
    c.defaultRole = input.defaultRole.value_or(Role::Member);
    rules::checkDefaultRole(c.defaultRole);
    rules::checkAttributeMapping(input.attributeMapping);
    c.attributeMapping = input.attributeMapping;
    if (input.sessionLifetimeSeconds) rules::checkSessionLifetime(*input.sessionLifetimeSeconds);
    if (input.sessionLifetimeSeconds) c.sessionTtlSeconds = static_cast<long>(*input.sessionLifetimeSeconds);
    rules::checkSettingsBelongTo(c.protocol, input.settings);
    rules::checkSecrets(input.settings);
    rules::checkOptionSettings(input.settings);
    rules::applySettings(c, input.settings);
    rules::checkSettings(c, input.settings.clientSecret || input.settings.bindPassword);
    c.createdAt = now;
    c.updatedAt = now;
    return c;
}

/// `c` with `changes` applied, checked in full (but for domain conflicts).
void applyChanges(SsoConnection& c, const SsoConnectionChanges& changes) {
    if (changes.name) rules::checkName(*changes.name, "name");
    if (changes.name) c.name = *changes.name;
    if (changes.domains) c.domains = rules::normalizedDomains(*changes.domains);
    if (changes.jitProvisioning) c.jitProvisioning = *changes.jitProvisioning;
    if (changes.defaultRole) rules::checkDefaultRole(*changes.defaultRole);
    if (changes.defaultRole) c.defaultRole = *changes.defaultRole;
    if (changes.attributeMapping) rules::checkAttributeMapping(*changes.attributeMapping);
    if (changes.attributeMapping) c.attributeMapping = *changes.attributeMapping;
    if (changes.status) c.status = rules::checkStatus(*changes.status);
    if (changes.sessionLifetimeSeconds) rules::checkSessionLifetime(*changes.sessionLifetimeSeconds);
    if (changes.sessionLifetimeSeconds) c.sessionTtlSeconds = static_cast<long>(*changes.sessionLifetimeSeconds);
    const auto& s = changes.settings;
    rules::checkSettingsBelongTo(c.protocol, s);
    rules::checkSecrets(s);
    rules::checkOptionSettings(s);
    const bool stored = !c.oidc.sealedClientSecret.empty() || !c.ldap.sealedBindPassword.empty();
    rules::applySettings(c, s);
    rules::checkSettings(c, stored || s.clientSecret || s.bindPassword);
}

} // namespace

namespace rules {

Organization manageable(OrganizationService& organizations, const Principal& actor, const std::string& orgSlug) {
    // API keys belong to one service and never manage SSO.
    if (actor.isApiKey()) throw Error(ErrorCode::Forbidden, "API keys cannot manage SSO connections");
    return organizations.authorize(actor, orgSlug, Role::Admin);
}

} // namespace rules

SsoConnectionService::SsoConnectionService(SsoConnectionStore& store, OrganizationService& organizations,
                                           const crypto::Envelope& envelope, AuditLog& audit, const Clock& clock,
                                           std::string publicUrl)
    : store_(store), organizations_(organizations), envelope_(envelope), audit_(audit), clock_(clock),
      publicUrl_(std::move(publicUrl)) {}

SsoConnectionView SsoConnectionService::create(const Principal& actor, const std::string& orgSlug,
                                               const NewSsoConnection& input) {
    return insertNew(rules::manageable(organizations_, actor, orgSlug), actor, input, {});
}

SsoConnectionView SsoConnectionService::insertNew(const Organization& org, const Principal& actor,
                                                  const NewSsoConnection& input, const Adjust& adjust) {
    SsoConnection c;
    try {
        c = connectionFrom(input, org.id, clock_.now());
        if (adjust) adjust(c);
        c.slug = input.slug ? *input.slug : freeSlugFor(input.name);
        seal(c, input.settings);
        store_.insert(c);
    } catch (const Error&) {
        audit_.record(org.id, actor.actor(), "sso_connection.create", c.id, false);
        throw;
    }
    audit_.record(org.id, actor.actor(), "sso_connection.create", c.id, true);
    return viewOf(std::move(c));
}

std::vector<SsoConnectionView> SsoConnectionService::list(const Principal& actor, const std::string& orgSlug) {
    const auto org = rules::manageable(organizations_, actor, orgSlug);
    std::vector<SsoConnectionView> views;
    for (auto& c : store_.listByOrganization(org.id)) views.push_back(viewOf(std::move(c)));
    return views;
}

SsoConnectionView SsoConnectionService::get(const Principal& actor, const std::string& orgSlug,
                                            const std::string& id) {
    const auto org = rules::manageable(organizations_, actor, orgSlug);
    return viewOf(requireOwn(org.id, id));
}

SsoConnectionView SsoConnectionService::update(const Principal& actor, const std::string& orgSlug,
                                               const std::string& id, const SsoConnectionChanges& changes) {
    const auto org = rules::manageable(organizations_, actor, orgSlug);
    return applyUpdate(org, actor, requireOwn(org.id, id), changes, {});
}

SsoConnectionView SsoConnectionService::applyUpdate(const Organization& org, const Principal& actor, SsoConnection c,
                                                    const SsoConnectionChanges& changes, const Adjust& adjust) {
    try {
        applyChanges(c, changes);
        if (adjust) adjust(c);
        seal(c, changes.settings);
        c.updatedAt = clock_.now();
        store_.update(c);
    } catch (const Error&) {
        audit_.record(org.id, actor.actor(), "sso_connection.update", c.id, false);
        throw;
    }
    audit_.record(org.id, actor.actor(), "sso_connection.update", c.id, true);
    return viewOf(std::move(c));
}

void SsoConnectionService::remove(const Principal& actor, const std::string& orgSlug, const std::string& id) {
    const auto org = rules::manageable(organizations_, actor, orgSlug);
    requireOwn(org.id, id);
    if (!store_.remove(id)) throw notFound();
    audit_.record(org.id, actor.actor(), "sso_connection.delete", id, true);
}

std::optional<SsoConnectionView> SsoConnectionService::findBySlug(const std::string& slug) {
    auto c = store_.findBySlug(slug);
    if (!c || c->status != SsoConnectionStatus::Active) return std::nullopt;
    return viewOf(std::move(*c));
}

std::optional<SsoConnectionView> SsoConnectionService::findByDomain(const std::string& domain) {
    const auto lower = rules::normalizedDomain(domain);
    if (!lower) throw Error(ErrorCode::InvalidInput, "domain must be a domain name such as example.com");
    auto c = store_.findByDomain(*lower);
    if (!c || c->status != SsoConnectionStatus::Active) return std::nullopt;
    return viewOf(std::move(*c));
}

std::string SsoConnectionService::loginUrl(const SsoConnection& connection) const {
    return publicUrl_ + "/auth/sso/" + connection.slug + "/" + std::string(ssoProtocolName(connection.protocol)) +
           "/login";
}

std::string SsoConnectionService::openClientSecret(const SsoConnection& connection) const {
    const auto stored = store_.find(connection.id);
    if (!stored || stored->oidc.sealedClientSecret.empty()) return "";
    auto secret = envelope_.open(stored->oidc.sealedClientSecret, stored->id);
    // Never the secret or the envelope's detail: this message may reach a log.
    if (!secret) throw Error(ErrorCode::Internal, "the connection's client secret cannot be opened");
    return std::move(*secret);
}

SsoConnection SsoConnectionService::requireOwn(const std::string& organizationId, const std::string& id) {
    auto c = store_.find(id);
    // Another organization's connection does not exist for this caller.
    if (!c || c->organizationId != organizationId) throw notFound();
    return std::move(*c);
}

SsoConnectionView SsoConnectionService::viewOf(SsoConnection c) const {
    SsoConnectionView view;
    view.hasSecret = !c.oidc.sealedClientSecret.empty() || !c.ldap.sealedBindPassword.empty();
    c.oidc.sealedClientSecret.clear();
    c.ldap.sealedBindPassword.clear();
    if (c.protocol == SsoProtocol::Saml) {
        const auto base = publicUrl_ + "/auth/sso/" + c.slug + "/saml/";
        if (c.saml.acsUrl.empty()) c.saml.acsUrl = base + "acs";
        if (c.saml.spEntityId.empty()) c.saml.spEntityId = base + "metadata";
    }
    rules::fillOptionDefaults(c);
    view.connection = std::move(c);
    return view;
}

std::string SsoConnectionService::freeSlugFor(const std::string& name) {
    const auto base = rules::slugFromName(name);
    for (int n = 1; n <= kSlugAttempts; ++n) {
        auto slug = n == 1 ? base : base + "-" + std::to_string(n);
        if (!store_.findBySlug(slug)) return slug;
    }
    // Twenty namesakes: a random tail keeps the name recognisable.
    auto tail = crypto::randomId("");
    tail = tail.substr(tail.size() - 8); // the random end, not the time prefix
    for (auto& ch : tail) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return base + "-" + tail;
}

std::string SsoConnectionService::openBindPassword(const SsoConnection& connection) const {
    // Views come with the sealed value emptied, so it is read again from the store.
    const auto stored = store_.find(connection.id);
    if (!stored || stored->ldap.sealedBindPassword.empty()) return "";
    auto password = envelope_.open(stored->ldap.sealedBindPassword, stored->id);
    if (!password) throw Error(ErrorCode::Internal, "the LDAP bind password cannot be opened (master key changed?)");
    return std::move(*password);
}

void SsoConnectionService::seal(SsoConnection& c, const SsoSettingsInput& settings) const {
    if (settings.clientSecret) c.oidc.sealedClientSecret = envelope_.seal(*settings.clientSecret, c.id);
    if (settings.bindPassword) c.ldap.sealedBindPassword = envelope_.seal(*settings.bindPassword, c.id);
}

} // namespace authcore
