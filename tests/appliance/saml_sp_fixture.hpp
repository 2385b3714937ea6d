// SPDX-License-Identifier: Apache-2.0
// SamlSpFixture: organization `acme` with a SAML SSO connection `acme-idp` whose
// IdP is played by libsaml's IdP half with a generated key (the pysaml2 suite
// plays it with an independent implementation), and the browser's steps
// through /auth/sso/acme-idp/saml/*.
#pragma once

#include "appliance_fixture.hpp"
#include "libsaml/saml_fixtures.hpp"
#include "saml_idp_fixture.hpp"

#include <authcore/saml/idp_metadata.hpp>
#include <authcore/saml/redirect_binding.hpp>
#include <authcore/saml/response_builder.hpp>

#include <Poco/Base64Encoder.h>

#include <sstream>
#include <string>

namespace authcore::test {

inline std::string encodeBase64(const std::string& text) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << text;
    encoder.close();
    return out.str();
}

/// The query of a URL (after '?'), exactly as sent: the octets a redirect signature covers.
inline std::string rawQueryOf(const std::string& url) {
    const auto mark = url.find('?');
    return mark == std::string::npos ? "" : url.substr(mark + 1);
}

/// The value of `name` in the query of `url`, URL-decoded; empty when absent.
inline std::string queryValue(const std::string& url, const std::string& name) {
    const auto fields = queryOf(url);
    const auto found = fields.find(name);
    return found == fields.end() ? "" : found->second;
}

struct SamlSpFixture : ApplianceFixture {
    static constexpr const char* kIdpEntityId = "https://idp.acme.test/saml";
    static constexpr const char* kIdpSso = "https://idp.acme.test/sso";
    static constexpr const char* kIdpSlo = "https://idp.acme.test/slo";
    static constexpr const char* kSlug = "acme-idp";
    static inline const std::string kConnections = "/api/v1/organizations/acme/sso/connections";
    static inline const std::string kBase = std::string("/auth/sso/") + kSlug + "/saml";

    SamlSpFixture() {
        createUser("owner@example.com", "owner-password");
        ownerAuth = loginHeaders("owner@example.com", "owner-password");
        SamlIdpFixture::expect(post("/api/v1/organizations", R"({"slug":"acme","name":"Acme"})", ownerAuth), 201);
        organizationId = context->db->organizations().findBySlug("acme")->id;
        connectionId = createConnection(kSlug, idpMetadata(), R"(["acme.test"])", true);
    }

    /// Our IdP's metadata, signed by generatedCredential(key).
    static std::string idpMetadata(int key = 0) {
        saml::IdpMetadataSpec spec;
        spec.entityId = kIdpEntityId;
        spec.ssoUrl = kIdpSso;
        spec.sloUrl = kIdpSlo;
        spec.signingCertificates.push_back(generatedCredential(key).certificate());
        auto xml = saml::buildIdpMetadata(spec);
        if (!xml) throw std::runtime_error("IdP metadata: " + xml.error().message);
        return *xml;
    }

    /// Creates a SAML connection; returns its id.
    std::string createConnection(const std::string& slug, const std::string& metadata, const std::string& domains,
                                 bool jit) {
        Poco::JSON::Object body;
        body.set("name", "Acme IdP " + slug);
        body.set("protocol", "saml");
        body.set("slug", slug);
        body.set("idp_metadata_xml", metadata);
        body.set("jit_provisioning", jit);
        body.set("domains", Poco::JSON::Parser().parse(domains));
        std::ostringstream json;
        body.stringify(json);
        const auto r = SamlIdpFixture::expect(post(kConnections, json.str(), ownerAuth), 201);
        return parseJson(r.body)->getValue<std::string>("id");
    }

    HttpResult patch(const std::string& target, const std::string& body) {
        return httpRequest(port, "PATCH", target, body, ownerAuth);
    }

    std::string publicUrl() const { return context->config.publicUrl(); }
    std::string acsUrl() const { return publicUrl() + kBase + "/acs"; }
    std::string spEntityId() const { return publicUrl() + kBase + "/metadata"; }

    /// A started SP-initiated login: what the IdP receives.
    struct Started {
        std::string location;  ///< the redirect to the IdP
        std::string requestXml;
        std::string requestId;
        std::string relayState;
    };
    Started startLogin(const std::string& query = "") {
        const auto r = get(kBase + "/login" + query);
        if (r.status != 302) throw std::runtime_error("login answered " + std::to_string(r.status) + ": " + r.body);
        Started started;
        started.location = r.header("Location");
        auto message = saml::decodeRedirect(rawQueryOf(started.location), "SAMLRequest");
        if (!message) throw std::runtime_error("our AuthnRequest: " + message.error().message);
        started.requestXml = message->xml;
        started.relayState = message->relayState.value_or("");
        const auto at = started.requestXml.find(" ID=\"") + 5;
        started.requestId = started.requestXml.substr(at, started.requestXml.find('"', at) - at);
        return started;
    }

    /// The IdP's answer to `started` for `email` (NameID in email format).
    saml::ResponseSpec responseSpec(const Started& started, const std::string& email) const {
        saml::ResponseSpec spec;
        spec.issuer = kIdpEntityId;
        spec.destination = acsUrl();
        spec.inResponseTo = started.requestId;
        spec.audience = spEntityId();
        spec.nameId = email;
        spec.nameIdFormat = saml::NameIdFormat::EmailAddress;
        spec.sessionIndex = "_idp-session-1";
        spec.attributes = {{"email", {email}}, {"name", {"Ada Lovelace"}}};
        spec.now = std::chrono::system_clock::now();
        spec.authnInstant = spec.now - std::chrono::seconds(5);
        return spec;
    }
    static saml::BuiltResponse sign(const saml::ResponseSpec& spec, int key = 0) {
        auto built = saml::buildResponse(spec, generatedCredential(key));
        if (!built) throw std::runtime_error("buildResponse: " + built.error().message);
        return *built;
    }

    /// The browser posts the IdP's form to our ACS.
    HttpResult postAcs(const std::string& responseXml, const std::string& relayState) {
        const auto body = "SAMLResponse=" + urlEncode(encodeBase64(responseXml)) + "&RelayState=" + urlEncode(relayState);
        return httpRequest(port, "POST", kBase + "/acs", body, {}, "application/x-www-form-urlencoded");
    }

    /// Users, SSO sessions: what an accepted assertion creates.
    long long userCount() { return context->db->users().count(); }
    std::size_t sessionCount() {
        return context->db->ssoSessions().listActive(organizationId, context->clock.now()).size();
    }

    Headers ownerAuth;
    std::string organizationId;
    std::string connectionId;
};

} // namespace authcore::test
