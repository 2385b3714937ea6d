// SPDX-License-Identifier: Apache-2.0
// Wiring order matters: store, keys, then the services that use them.
#include "app/context.hpp"

#include "app/master_key.hpp"
#include "app/saml_certificates.hpp"
#include "oidc/relying_party.hpp"
#include "ldap/ldap_login.hpp"
#include "saml/service_provider.hpp"

#include <filesystem>

namespace authcore::appliance {
namespace {

void prepareSqliteDirectory(const std::string& url) {
    if (url.rfind("sqlite:", 0) != 0) return;
    ensureDirectory(std::filesystem::path(url.substr(7)).parent_path().string());
}

/// OWASP's minimum for argon2id is 19 MiB with two passes; less is for tests.
crypto::Argon2Params argon2ParamsOf(const Config& config, Logger& logger) {
    crypto::Argon2Params params;
    params.memoryKiB = static_cast<std::uint32_t>(config.getInt("password.argon2_memory_kib"));
    params.timeCost = static_cast<std::uint32_t>(config.getInt("password.argon2_time_cost"));
    if (params.memoryKiB < 19456 || params.timeCost < 2)
        logger.warn("password hashing is weaker than OWASP's argon2id minimum (19456 KiB, 2 passes)",
                    {{"argon2_memory_kib", std::to_string(params.memoryKiB)},
                     {"argon2_time_cost", std::to_string(params.timeCost)}});
    return params;
}

} // namespace

Context::Context(Config cfg, Logger& log) : Context(std::move(cfg), log, nullptr) {}

Context::Context(Config cfg, Logger& log, std::unique_ptr<CodeStore> codeStore)
    : config(std::move(cfg)), logger(log), passwordHasher(argon2ParamsOf(config, logger)) {
    prepareSqliteDirectory(config.get("store.url"));
    DatabaseOptions dbOptions;
    dbOptions.url = config.get("store.url");
    dbOptions.poolSize = config.getInt("store.pool_size");
    db = Database::open(dbOptions);
    migrationsApplied = db->migrate();

    const auto masterKey = loadOrCreateMasterKey(config.get("keys.master_key_file"));
    envelope = std::make_unique<crypto::Envelope>(deriveKey(masterKey, "authcore envelope v1"));
    secretHasher = std::make_unique<crypto::SecretHasher>(deriveKey(masterKey, "authcore secret pepper v1"));
    ssoRelayKey = deriveKey(masterKey, "authcore sso relay state v1");

    codes = codeStore ? std::move(codeStore) : makeMemoryCodeStore(clock);
    limiter = std::make_unique<RateLimiter>(*codes);
    audit = std::make_unique<AuditLog>(db->audit(), clock);

    const std::chrono::seconds ttl{config.getInt("token.ttl_seconds")};
    KeyRingOptions keyOptions;
    keyOptions.algorithm = *parseAlgorithm(config.get("token.algorithm"));
    keyOptions.tokenLifetime = ttl;
    keys = std::make_unique<KeyRing>(db->signingKeys(), *envelope, clock, keyOptions);
    if (keys->ensureKeys()) logger.info("created signing keys", {{"algorithm", config.get("token.algorithm")}});
    tokens = std::make_unique<TokenIssuer>(*keys, clock, config.publicUrl(), ttl);

    users = std::make_unique<UserService>(db->users(), db->sessions(), passwordHasher, *audit, clock);
    organizations = std::make_unique<OrganizationService>(db->organizations(), db->users(), *audit, clock);
    AuthOptions authOptions;
    authOptions.perIp.limit = config.getInt("login.rate_limit_per_ip");
    authOptions.perAccount.limit = config.getInt("login.rate_limit_per_account");
    authOptions.sessionLifetime = std::chrono::seconds{config.getInt("session.ttl_seconds")};
    auth = std::make_unique<AuthService>(db->users(), db->sessions(), db->tokens(), passwordHasher, *limiter, *tokens, *audit,
                                         clock, authOptions);

    OutboundClientOptions outbound;
    outbound.caFile = config.get("outbound.ca_file");
    http = std::make_unique<PocoHttpClient>(outbound);
    jwks = std::make_unique<JwksCache>(*http, clock);
    clientDirectory = std::make_unique<ClientDirectory>(db->clients(), db->authorizations(), clock);
    clients = std::make_unique<ClientService>(db->clients(), db->authorizations(), db->organizations(),
                                              *clientDirectory, *secretHasher, *audit, clock);
    const auto aliases = consoleAliases(config);
    // Before the token service and /login, which ask it on every user login.
    ssoPolicy = std::make_unique<SsoPolicyService>(db->ssoConnections(), db->ssoSessions(), db->tokens(),
                                                   db->organizations(), *organizations, *audit, clock);
    ssoGate = std::make_unique<SsoGate>(*ssoPolicy, db->users(), db->ssoSessions());
    TokenServiceOptions tokenOptions;
    tokenOptions.clientAliases = aliases;
    tokenOptions.ssoGate = ssoGate.get();
    tokenService = std::make_unique<TokenService>(*clientDirectory, db->clients(), db->tokens(), *tokens, *jwks, *codes,
                                                  *limiter, *secretHasher, *audit, clock, tokenOptions);
    buildLogin(aliases);
    catalog = std::make_unique<ServiceCatalog>(db->services(), *organizations, db->organizations(), db->users(),
                                               *clients, *clientDirectory, *secretHasher, *audit, clock);
    samlIdp = std::make_unique<SamlIdpService>(
        db->saml(), *catalog, db->organizations(), db->services(), *envelope,
        samlCertificateGenerator(clock, config.getInt("saml.certificate_validity_days")), *audit, clock,
        config.publicUrl());
    ssoConnections = std::make_unique<SsoConnectionService>(db->ssoConnections(), *organizations, *envelope, *audit,
                                                            clock, config.publicUrl());
    ssoLogin = std::make_unique<SsoLoginService>(db->users(), db->organizations(), db->identities(),
                                                 db->ssoSessions(), *codes, *limiter, passwordHasher, *tokenService,
                                                 db->tokens(), *audit, clock);
    samlSp = std::make_unique<SamlServiceProvider>(*this);
    oidcRp = std::make_unique<OidcRelyingParty>(*this);
    ldapLogin = std::make_unique<LdapLogin>(*this);
}

Context::~Context() {
    try {
        if (audit) audit->flush();
    } catch (const std::exception& e) {
        logger.error("audit events lost at shutdown", {{"error", e.what()}});
    }
}

} // namespace authcore::appliance
