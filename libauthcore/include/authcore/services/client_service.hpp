// SPDX-License-Identifier: Apache-2.0
// ClientService: OAuth clients, their secrets, scopes, jwt-bearer entries and
// authorizations, with the management permission rules in one place.
#pragma once

#include <authcore/crypto/secret_hasher.hpp>
#include <authcore/model/authorization.hpp>
#include <authcore/model/client.hpp>
#include <authcore/services/audit_log.hpp>
#include <authcore/services/client_directory.hpp>
#include <authcore/services/principal.hpp>
#include <authcore/store/authorization_store.hpp>
#include <authcore/store/client_store.hpp>
#include <authcore/store/organization_store.hpp>

#include <optional>
#include <string>
#include <vector>

namespace authcore {

/// What the caller may do with one client (GraphQL ClientManagementCapabilities).
struct ClientPermissions {
    bool canDeleteClient = false;
    bool canAddClientSecret = false;
    bool canDeleteClientSecret = false;
    bool canAddClientAuthorization = false;    ///< add a jwt-bearer entry
    bool canDeleteClientAuthorization = false; ///< remove a jwt-bearer entry
    bool canAddAvailableScope = false;
    bool canAddAuthorization = false; ///< authorize another client to call this one
    bool canDeleteAuthorization = false;
    bool canAuthorizeAddScope = false;
    bool canAuthorizeRemoveScope = false;
};

struct NewClient {
    std::string clientId;
    std::string description;
    ClientType type = ClientType::Application;
    std::string ownerOrganizationId; ///< empty: only system admins manage it
    std::string ownerUserId;
    std::vector<std::string> redirectUris;
    bool publicClient = false;
    std::vector<ClientScope> scopes;
};

/// One page of clients (Relay cursor pagination): either `first` after
/// `after`, or `last` before `before`; ids are the cursors' positions.
struct ClientPageRequest {
    std::optional<int> first;
    std::string after;
    std::optional<int> last;
    std::string before;
};

struct ClientPage {
    std::vector<Client> clients; ///< ascending client id
    bool hasNextPage = false;
    bool hasPreviousPage = false;
};

/// A client id is 1..128 chars of [A-Za-z0-9._:-] (no spaces: it travels in Basic auth).
bool isValidClientId(std::string_view clientId);

class ClientService {
public:
    ClientService(ClientStore& clients, AuthorizationStore& authorizations, OrganizationStore& orgs,
                  ClientDirectory& directory, const crypto::SecretHasher& hasher, AuditLog& audit,
                  const Clock& clock);

    /// System admins, or owners/admins of `ownerOrganizationId`. Conflict when the id is taken.
    Client create(const Principal& actor, const NewClient& request);
    /// NotFound when absent or not visible to the caller.
    Client get(const Principal& actor, const std::string& clientId);
    /// Clients the caller may see, ordered by id, paged.
    std::vector<Client> list(const Principal& actor, const std::string& afterClientId, int limit);
    /// A page of the clients the caller may see. InvalidInput for both
    /// first and last, or a count outside 0..kMaxPageSize.
    ClientPage page(const Principal& actor, const ClientPageRequest& request);
    static constexpr int kMaxPageSize = 500;
    static constexpr int kDefaultPageSize = 50;
    /// Whether the caller may see the client (manage it, or belong to its organization).
    bool canSee(const Principal& actor, const Client& client);
    /// The organization a new client of the caller belongs to: `slug` when
    /// given; else none for a system admin; else the one organization the
    /// caller owns or administers (InvalidInput when there are several or none).
    std::string ownerOrganizationFor(const Principal& actor, const std::string& slug);
    void remove(const Principal& actor, const std::string& clientId);

    /// A new 256-bit secret for slot 1 or 2, returned once; only its HMAC is kept.
    std::string generateSecret(const Principal& actor, const std::string& clientId, int slot);
    void clearSecret(const Principal& actor, const std::string& clientId, int slot);

    void addScope(const Principal& actor, const std::string& clientId, const ClientScope& scope);
    std::vector<ClientScope> scopes(const std::string& clientId);

    JwtBearer addJwtBearer(const Principal& actor, const std::string& clientId, const std::string& jwksUrl,
                           const std::string& iss, const std::string& sub, const std::string& aud);
    void removeJwtBearer(const Principal& actor, const std::string& clientId, const std::string& id);
    std::vector<JwtBearer> jwtBearers(const std::string& clientId);

    /// `subject` may obtain tokens for `audience` with `scopes` (a subset of
    /// the audience's available scopes, else InvalidInput). Managed by whoever
    /// manages the audience.
    Authorization authorize(const Principal& actor, const std::string& subject, const std::string& audience,
                            const std::vector<std::string>& scopes);
    void deauthorize(const Principal& actor, const std::string& subject, const std::string& audience);
    void addAuthorizedScope(const Principal& actor, const std::string& subject, const std::string& audience,
                            const std::string& scope);
    void removeAuthorizedScope(const Principal& actor, const std::string& subject, const std::string& audience,
                               const std::string& scope);
    std::optional<Authorization> authorization(const std::string& id);
    /// The authorization when the caller may see its subject or its audience; NotFound otherwise.
    Authorization authorization(const Principal& actor, const std::string& id);
    std::vector<Authorization> authorizationsAsSubject(const std::string& clientId);
    std::vector<Authorization> authorizationsAsAudience(const std::string& clientId);

    ClientPermissions permissions(const Principal& actor, const Client& client);

private:
    bool manages(const Principal& actor, const Client& client);
    Client requireManaged(const Principal& actor, const std::string& clientId);
    void checkScopesOffered(const std::string& audience, const std::vector<std::string>& scopes);
    Authorization requireAuthorization(const std::string& subject, const std::string& audience);

    ClientStore& clients_;
    AuthorizationStore& authorizations_;
    OrganizationStore& orgs_;
    ClientDirectory& directory_;
    const crypto::SecretHasher& hasher_;
    AuditLog& audit_;
    const Clock& clock_;
};

} // namespace authcore
