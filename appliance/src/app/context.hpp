// SPDX-License-Identifier: Apache-2.0
// Context: the composition root. Builds every libauthcore object from the Config.
#pragma once

#include "app/logger.hpp"
#include "config/config.hpp"
#include "http/metrics.hpp"
#include "http/outbound_client.hpp"

#include <authcore/crypto/envelope.hpp>
#include <authcore/crypto/password_hasher.hpp>
#include <authcore/crypto/secret_hasher.hpp>
#include <authcore/ephemeral/code_store.hpp>
#include <authcore/services/audit_log.hpp>
#include <authcore/services/auth_service.hpp>
#include <authcore/services/client_directory.hpp>
#include <authcore/services/client_service.hpp>
#include <authcore/services/jwks_cache.hpp>
#include <authcore/services/identity_linker.hpp>
#include <authcore/services/key_ring.hpp>
#include <authcore/services/login_flow.hpp>
#include <authcore/services/organization_service.hpp>
#include <authcore/services/rate_limiter.hpp>
#include <authcore/services/saml_idp_service.hpp>
#include <authcore/services/service_catalog.hpp>
#include <authcore/services/sso_connection_service.hpp>
#include <authcore/services/sso_gate.hpp>
#include <authcore/services/sso_login_service.hpp>
#include <authcore/services/sso_policy_service.hpp>
#include <authcore/services/token_issuer.hpp>
#include <authcore/services/token_service.hpp>
#include <authcore/services/upstream_provider.hpp>
#include <authcore/services/user_service.hpp>
#include <authcore/store/database.hpp>

#include <map>
#include <memory>

namespace authcore::appliance {

/// `provider:<login.upstream.type>` -> the console client, when a provider is set.
std::map<std::string, std::string> consoleAliases(const Config& config);

class SamlServiceProvider;
class OidcRelyingParty;
class LdapLogin;

class Context {
public:
    /// Opens the store, applies migrations and makes sure signing keys exist.
    Context(Config config, Logger& logger);
    /// The same with the host's CodeStore (a product embedding AuthCore may
    /// bring its own, e.g. Redis); null: the in-process one.
    Context(Config config, Logger& logger, std::unique_ptr<CodeStore> codeStore);
    ~Context();

    Config config;
    Logger& logger;
    SystemClock clock;
    Metrics metrics;
    std::unique_ptr<Database> db;
    int migrationsApplied = 0;
    std::unique_ptr<crypto::Envelope> envelope;
    std::unique_ptr<crypto::SecretHasher> secretHasher;
    crypto::PasswordHasher passwordHasher; ///< argon2id with password.argon2_*
    std::unique_ptr<CodeStore> codes;
    std::unique_ptr<RateLimiter> limiter;
    std::unique_ptr<AuditLog> audit;
    std::unique_ptr<KeyRing> keys;
    std::unique_ptr<TokenIssuer> tokens;
    std::unique_ptr<UserService> users;
    std::unique_ptr<OrganizationService> organizations;
    std::unique_ptr<AuthService> auth;
    std::unique_ptr<PocoHttpClient> http;
    std::unique_ptr<JwksCache> jwks;
    std::unique_ptr<ClientDirectory> clientDirectory;
    std::unique_ptr<ClientService> clients;
    std::unique_ptr<TokenService> tokenService;
    std::unique_ptr<IdentityLinker> identityLinker;
    std::unique_ptr<UpstreamProvider> upstream; ///< null when login.upstream.type is unset
    std::unique_ptr<LoginFlow> login;
    std::unique_ptr<ServiceCatalog> catalog;
    std::unique_ptr<SamlIdpService> samlIdp;
    std::unique_ptr<SsoConnectionService> ssoConnections;
    std::unique_ptr<SsoLoginService> ssoLogin;
    std::unique_ptr<SsoPolicyService> ssoPolicy;
    std::unique_ptr<SsoGate> ssoGate; ///< SSO enforcement of the token endpoint's user grants and /login
    /// HMAC key of SSO RelayState values, derived from the master key so every node shares it.
    std::string ssoRelayKey;
    std::unique_ptr<SamlServiceProvider> samlSp;
    std::unique_ptr<OidcRelyingParty> oidcRp;
    std::unique_ptr<LdapLogin> ldapLogin; ///< LDAP connections' logins and their directory pools

private:
    /// /login: the upstream provider, the flow, and the built-in console client.
    void buildLogin(const std::map<std::string, std::string>& clientAliases);
};

} // namespace authcore::appliance
