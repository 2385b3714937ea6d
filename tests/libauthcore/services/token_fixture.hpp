// SPDX-License-Identifier: Apache-2.0
// TokenFixture: the token server's services over a temp SQLite store, with a
// JWKS "issuer" whose documents the test controls.
#pragma once

#include "support/sqlite_fixture.hpp"

#include <authcore/crypto/envelope.hpp>
#include <authcore/error.hpp>
#include <authcore/services/client_service.hpp>
#include <authcore/services/token_service.hpp>

#include <map>
#include <string>

namespace authcore::test {

/// Serves JWKS documents from a map; counts fetches. (Unit tests of grant
/// rules; the real HTTP path is covered by the appliance suites.)
class MapHttpClient final : public HttpClient {
public:
    OutboundResponse send(const OutboundRequest& request) override {
        ++fetches;
        auto it = documents.find(request.url);
        if (it == documents.end()) return OutboundResponse{404, "", {}};
        return OutboundResponse{200, it->second, {{"cache-control", "max-age=300"}}};
    }
    std::map<std::string, std::string> documents;
    int fetches = 0;
};

struct TokenFixture : SqliteFixture {
    TokenFixture() {
        ring.ensureKeys();
        clients.create(Principal::system(), NewClient{"orders-api", "Orders", ClientType::Application, "", "", {},
                                                      false, {{"read", ""}, {"write", ""}, {"admin", ""}}});
        clients.create(Principal::system(), NewClient{"worker", "Worker", ClientType::Application, "", "", {}, false, {}});
        clients.authorize(Principal::system(), "worker", "orders-api", {"read", "write"});
        secret1 = clients.generateSecret(Principal::system(), "worker", 1);
    }

    std::map<std::string, std::string> ccForm(const std::string& audience = "orders-api") {
        return {{"grant_type", "client_credentials"}, {"audience", audience}};
    }
    /// The OAuth error code a call throws ("" when it succeeds).
    template <class F>
    std::string oauthError(F&& call) {
        try {
            call();
        } catch (const OAuthError& e) {
            return e.code();
        }
        return "";
    }

    crypto::Envelope envelope{crypto::Envelope::generateKey()};
    crypto::SecretHasher hasher{std::string(32, 'p')};
    AuditLog audit{db->audit(), clock, 1000};
    std::unique_ptr<CodeStore> codes = makeMemoryCodeStore(clock);
    RateLimiter limiter{*codes};
    KeyRing ring{db->signingKeys(), envelope, clock, KeyRingOptions{}};
    TokenIssuer issuer{ring, clock, "https://auth.example.com", std::chrono::seconds{3600}};
    ClientDirectory directory{db->clients(), db->authorizations(), clock};
    ClientService clients{db->clients(), db->authorizations(), db->organizations(), directory, hasher, audit, clock};
    MapHttpClient http;
    JwksCache jwks{http, clock};
    TokenService tokens{directory, db->clients(), db->tokens(), issuer, jwks, *codes, limiter, hasher, audit, clock,
                        TokenServiceOptions{{5, std::chrono::seconds{60}}, std::chrono::seconds{3600}, {}, nullptr}};
    std::string secret1;
};

} // namespace authcore::test
