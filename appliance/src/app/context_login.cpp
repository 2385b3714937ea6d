// SPDX-License-Identifier: Apache-2.0
// The /login wiring: upstream provider from login.upstream.*, the flow, and
// the built-in console client kept in step with console.redirect_uris.
#include "app/context.hpp"

#include <authcore/error.hpp>

namespace authcore::appliance {
namespace {

constexpr const char* kConsoleClientId = "authcore-console";

UpstreamSettings upstreamSettings(const Config& config, UpstreamType type) {
    UpstreamSettings settings;
    settings.type = type;
    settings.clientId = config.get("login.upstream.client_id");
    settings.clientSecret = config.get("login.upstream.client_secret");
    settings.scopes = config.get("login.upstream.scopes");
    settings.issuer = config.get("login.upstream.issuer");
    while (!settings.issuer.empty() && settings.issuer.back() == '/') settings.issuer.pop_back();
    settings.tokenAuthMethod = config.get("login.upstream.token_auth_method");
    settings.authorizationEndpoint = config.get("login.upstream.authorization_endpoint");
    settings.tokenEndpoint = config.get("login.upstream.token_endpoint");
    settings.userinfoEndpoint = config.get("login.upstream.userinfo_endpoint");
    settings.redirectUri = config.publicUrl() + "/login/callback";
    return settings;
}

std::vector<std::string> consoleRedirectUris(const Config& config) {
    auto uris = config.getList("console.redirect_uris");
    if (uris.empty()) uris.push_back(config.publicUrl() + "/console/callback");
    return uris;
}

/// Inserts or updates the console client so that it matches the configuration.
void syncConsoleClient(ClientStore& clients, ClientDirectory& directory, const Client& wanted) {
    auto stored = clients.findById(wanted.clientId);
    try {
        if (!stored) clients.insert(wanted);
    } catch (const Error& e) {
        // Another node inserted it first; bring that row in step below.
        if (e.code() != ErrorCode::Conflict) throw;
        stored = clients.findById(wanted.clientId);
    }
    if (stored && (stored->redirectUris != wanted.redirectUris || !stored->publicClient)) {
        stored->redirectUris = wanted.redirectUris;
        stored->publicClient = true;
        clients.update(*stored);
    }
    directory.invalidate(wanted.clientId);
}

} // namespace

std::map<std::string, std::string> consoleAliases(const Config& config) {
    const auto& type = config.get("login.upstream.type");
    if (type.empty()) return {};
    return {{"provider:" + type, kConsoleClientId}};
}

void Context::buildLogin(const std::map<std::string, std::string>& clientAliases) {
    identityLinker = std::make_unique<IdentityLinker>(db->users(), db->identities(), db->clients(), clock);
    if (const auto type = parseUpstreamType(config.get("login.upstream.type")))
        upstream = std::make_unique<UpstreamProvider>(upstreamSettings(config, *type), *http, *jwks, clock);
    LoginFlowOptions options;
    options.publicUrl = config.publicUrl();
    options.consoleClientId = kConsoleClientId;
    options.consoleRedirectUris = consoleRedirectUris(config);
    for (const auto& alias : clientAliases) options.consoleAliases.push_back(alias.first);
    options.ssoGate = ssoGate.get();
    login = std::make_unique<LoginFlow>(*clientDirectory, db->clients(), upstream.get(), *identityLinker, *tokenService,
                                        *codes, *audit, clock, options);
    syncConsoleClient(db->clients(), *clientDirectory, login->consoleClient(clock.now()));
}

} // namespace authcore::appliance
