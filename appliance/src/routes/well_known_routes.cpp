// SPDX-License-Identifier: Apache-2.0
// JWKS and the OpenID Provider discovery document.
#include "routes/routes.hpp"

#include <Poco/JSON/Array.h>

namespace authcore::appliance {
namespace {

Poco::JSON::Array::Ptr array(std::initializer_list<std::string> items) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& item : items) a->add(item);
    return a;
}

void sendJwks(Exchange& ex, Context& context) {
    // Next keys are published ahead of use, so a short cache never misses a rotation.
    ex.response().set("Cache-Control", "public, max-age=300");
    ex.sendJson(200, context.keys->jwks());
}

} // namespace

void addWellKnownRoutes(Router& router, Context& context) {
    router.add("GET", "/v1/jwks", [&context](Exchange& ex) { sendJwks(ex, context); });
    router.add("GET", "/.well-known/jwks.json", [&context](Exchange& ex) { sendJwks(ex, context); });
    router.add("GET", "/.well-known/openid-configuration", [&context](Exchange& ex) {
        const auto base = context.config.publicUrl();
        Poco::JSON::Object doc;
        doc.set("issuer", base);
        doc.set("jwks_uri", base + "/.well-known/jwks.json");
        doc.set("authorization_endpoint", base + "/login/authorize");
        doc.set("token_endpoint", base + "/v1/token");
        doc.set("userinfo_endpoint", base + "/v1/userinfo");
        doc.set("introspection_endpoint", base + "/v1/introspect");
        doc.set("revocation_endpoint", base + "/v1/revoke");
        doc.set("grant_types_supported", array({"client_credentials", "urn:ietf:params:oauth:grant-type:jwt-bearer",
                                                "authorization_code", "refresh_token"}));
        doc.set("token_endpoint_auth_methods_supported", array({"client_secret_basic", "client_secret_post", "none"}));
        doc.set("introspection_endpoint_auth_methods_supported", array({"client_secret_basic", "client_secret_post"}));
        doc.set("revocation_endpoint_auth_methods_supported", array({"client_secret_basic", "client_secret_post"}));
        doc.set("code_challenge_methods_supported", array({"S256"}));
        doc.set("response_types_supported", array({"code"}));
        doc.set("response_modes_supported", array({"query"}));
        doc.set("authorization_response_iss_parameter_supported", true);
        doc.set("scopes_supported", array({"openid", "email", "profile", "offline_access"}));
        doc.set("claims_supported", array({"sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "email",
                                           "email_verified", "name"}));
        doc.set("subject_types_supported", array({"public"}));
        const std::string alg(algorithmName(*parseAlgorithm(context.config.get("token.algorithm"))));
        doc.set("id_token_signing_alg_values_supported", array({alg}));
        doc.set("access_token_signing_alg_values_supported", array({alg}));
        ex.response().set("Cache-Control", "public, max-age=300");
        ex.sendJson(200, doc);
    });
}

} // namespace authcore::appliance
