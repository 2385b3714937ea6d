// SPDX-License-Identifier: Apache-2.0
// A service's SAML IdP configuration and signing certificates (API.md, seed 000).
// Private keys never leave SamlIdpService: no response here can carry one.
#include "routes/json_views.hpp"
#include "routes/routes.hpp"

#include <authcore/error.hpp>

#include <Poco/JSONString.h>

namespace authcore::appliance {
namespace {

const std::string kSaml = "/api/v1/organizations/{org}/services/{svc}/saml";
const std::string kCertificate = kSaml + "/certificate";
const std::string kNext = kCertificate + "/next";

bool requiredBool(const Poco::JSON::Object::Ptr& body, const std::string& field) {
    const auto value = optionalBool(body, field);
    if (!value) throw Error(ErrorCode::InvalidInput, field + " is required");
    return *value;
}

/// `{"email": "http://...", ...}` in the order given; absent or null: none.
std::vector<SamlAttribute> attributeMappingFrom(const Poco::JSON::Object::Ptr& body) {
    std::vector<SamlAttribute> mapping;
    for (auto& [field, attribute] : optionalStringMap(body, "attribute_mapping").value_or(
             std::vector<std::pair<std::string, std::string>>{}))
        mapping.push_back({std::move(field), std::move(attribute)});
    return mapping;
}

SamlConfigInput samlConfigFrom(const Poco::JSON::Object::Ptr& body) {
    SamlConfigInput input;
    input.enabled = requiredBool(body, "enabled");
    input.entityId = requiredString(body, "entity_id");
    input.acsUrl = requiredString(body, "acs_url");
    input.nameIdFormat = requiredString(body, "name_id_format");
    input.attributeMapping = attributeMappingFrom(body);
    input.signAssertions = requiredBool(body, "sign_assertions");
    input.signResponse = requiredBool(body, "sign_response");
    input.sloUrl = optionalString(body, "slo_url");
    input.spCertificatePem = optionalString(body, "sp_certificate_pem");
    input.wantAuthnRequestsSigned = optionalBool(body, "want_authn_requests_signed");
    return input;
}

Poco::Dynamic::Var orNull(const std::optional<std::string>& text) {
    return text ? Poco::Dynamic::Var(*text) : Poco::Dynamic::Var();
}

Poco::JSON::Object samlConfigJson(const SamlConfigView& view, const std::string& metadataUrl,
                                  const std::string& ssoUrl) {
    const auto& c = view.config;
    Poco::JSON::Object::Ptr mapping = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& [field, attribute] : c.attributeMapping) mapping->set(field, attribute);
    Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
    out.set("enabled", c.enabled);
    out.set("entity_id", c.entityId);
    out.set("acs_url", c.acsUrl);
    out.set("name_id_format", c.nameIdFormat);
    out.set("attribute_mapping", mapping);
    out.set("sign_assertions", c.signAssertions);
    out.set("sign_response", c.signResponse);
    out.set("has_certificate", view.hasCertificate);
    out.set("slo_url", orNull(c.sloUrl));
    out.set("sp_certificate_pem", orNull(c.spCertificatePem));
    out.set("want_authn_requests_signed", c.wantAuthnRequestsSigned);
    out.set("metadata_url", metadataUrl);
    out.set("sso_url", ssoUrl);
    out.set("created_at", formatTimestamp(c.createdAt));
    out.set("updated_at", formatTimestamp(c.updatedAt));
    return out;
}

/// SamlCertificate: the public certificate only, never the sealed key.
Poco::JSON::Object certificateJson(const SamlCertificate& certificate) {
    Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
    out.set("id", certificate.id);
    out.set("public_key", certificate.certificatePem);
    out.set("valid_from", formatTimestamp(certificate.validFrom));
    out.set("valid_until", formatTimestamp(certificate.validUntil));
    out.set("is_active", certificate.status == SamlCertificateStatus::Active);
    out.set("status", std::string(samlCertificateStatusName(certificate.status)));
    return out;
}

Poco::JSON::Object message(const std::string& text) {
    Poco::JSON::Object out;
    out.set("message", text);
    return out;
}

void addConfigRoutes(Router& router, Context& context) {
    auto& saml = *context.samlIdp;
    router.add("PUT", kSaml, [&context, &saml](Exchange& ex) {
        ex.noStore();
        const auto principal = requirePrincipal(ex, context);
        saml.configure(principal, ex.param("org"), ex.param("svc"), samlConfigFrom(ex.jsonBody()));
        ex.sendJson(200, message("SAML configuration updated successfully"));
    });
    router.add("GET", kSaml, [&context, &saml](Exchange& ex) {
        ex.noStore();
        const auto principal = requirePrincipal(ex, context);
        const auto& org = ex.param("org");
        const auto& svc = ex.param("svc");
        const auto view = saml.config(principal, org, svc);
        ex.sendJson(200, samlConfigJson(view, saml.metadataUrl(org, svc), saml.ssoUrl(org, svc)));
    });
    router.add("DELETE", kSaml, [&context, &saml](Exchange& ex) {
        ex.noStore();
        saml.deleteConfig(requirePrincipal(ex, context), ex.param("org"), ex.param("svc"));
        ex.sendJson(200, message("SAML configuration deleted; all certificates deactivated"));
    });
}

/// Binds `method path` to a call that answers one certificate.
template <class Call>
void addCertificateRoute(Router& router, Context& context, const std::string& method, const std::string& path,
                         Call call) {
    router.add(method, path, [&context, call](Exchange& ex) {
        ex.noStore();
        const auto principal = requirePrincipal(ex, context);
        ex.sendJson(200, certificateJson(call(*context.samlIdp, principal, ex.param("org"), ex.param("svc"))));
    });
}

} // namespace

void addSamlConfigRoutes(Router& router, Context& context) {
    addConfigRoutes(router, context);
    using S = SamlIdpService;
    using P = Principal;
    using T = std::string;
    addCertificateRoute(router, context, "POST", kCertificate,
                        [](S& s, const P& p, const T& o, const T& v) { return s.generateCertificate(p, o, v); });
    addCertificateRoute(router, context, "GET", kCertificate,
                        [](S& s, const P& p, const T& o, const T& v) { return s.activeCertificate(p, o, v); });
    addCertificateRoute(router, context, "POST", kNext,
                        [](S& s, const P& p, const T& o, const T& v) { return s.stageNextCertificate(p, o, v); });
    addCertificateRoute(router, context, "GET", kNext,
                        [](S& s, const P& p, const T& o, const T& v) { return s.nextCertificate(p, o, v); });
    addCertificateRoute(router, context, "POST", kNext + "/activate",
                        [](S& s, const P& p, const T& o, const T& v) { return s.activateNextCertificate(p, o, v); });
}

} // namespace authcore::appliance
