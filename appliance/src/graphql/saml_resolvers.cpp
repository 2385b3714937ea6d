// SPDX-License-Identifier: Apache-2.0
// A service's SAML IdP configuration and signing certificate. Every call is a
// SamlIdpService call, the same ones REST makes; no private key is reachable.
#include "graphql/service_views.hpp"

#include <authcore/error.hpp>

namespace authcore::appliance {
namespace {

using graphql::FieldContext;
using graphql::JsonValue;
using graphql::ResolverResult;

SamlIdpService& samlOf(const FieldContext& f) { return *callerOf(f).context.samlIdp; }

// The executor has already checked the input against SamlConfigInput, so
// required members are present with their types.
bool boolOf(const JsonValue& input, std::string_view name, bool fallback) {
    const auto* value = input.find(name);
    return value && value->isBool() ? value->asBool() : fallback;
}

std::string stringOf(const JsonValue& input, std::string_view name) {
    const auto* value = input.find(name);
    return value && value->isString() ? value->asString() : std::string();
}

std::vector<SamlAttribute> mappingOf(const JsonValue& input) {
    std::vector<SamlAttribute> mapping;
    const auto* list = input.find("attributeMapping");
    if (!list || !list->isArray()) return mapping;
    for (const auto& item : list->asArray()) mapping.push_back({stringOf(item, "field"), stringOf(item, "attribute")});
    return mapping;
}

SamlConfigInput samlConfigInput(const FieldContext& f) {
    const auto* input = f.argument("input");
    if (!input || !input->isObject()) throw Error(ErrorCode::InvalidInput, "input is required");
    SamlConfigInput out;
    out.enabled = boolOf(*input, "enabled", false);
    out.entityId = stringOf(*input, "entityId");
    out.acsUrl = stringOf(*input, "acsUrl");
    out.nameIdFormat = stringOf(*input, "nameIdFormat");
    out.attributeMapping = mappingOf(*input);
    out.signAssertions = boolOf(*input, "signAssertions", true);
    out.signResponse = boolOf(*input, "signResponse", true);
    out.sloUrl = optionalString(*input, "sloUrl");
    out.spCertificatePem = optionalString(*input, "spCertificatePem");
    if (const auto* want = input->find("wantAuthnRequestsSigned"); want && want->isBool())
        out.wantAuthnRequestsSigned = want->asBool();
    return out;
}

JsonValue samlConfigValue(const SamlConfigView& view, const SamlIdpService& saml, const ServiceNode& node) {
    const auto& c = view.config;
    auto mapping = JsonValue::array();
    for (const auto& [field, attribute] : c.attributeMapping) {
        auto item = JsonValue::object();
        item.set("field", field);
        item.set("attribute", attribute);
        mapping.push(std::move(item));
    }
    auto json = JsonValue::object();
    json.set("enabled", c.enabled);
    json.set("entityId", c.entityId);
    json.set("acsUrl", c.acsUrl);
    json.set("nameIdFormat", c.nameIdFormat);
    json.set("attributeMapping", std::move(mapping));
    json.set("signAssertions", c.signAssertions);
    json.set("signResponse", c.signResponse);
    json.set("hasCertificate", view.hasCertificate);
    json.set("sloUrl", c.sloUrl ? JsonValue(*c.sloUrl) : JsonValue());
    json.set("wantAuthnRequestsSigned", c.wantAuthnRequestsSigned);
    json.set("metadataUrl", saml.metadataUrl(node.orgSlug, node.service.slug));
    json.set("ssoUrl", saml.ssoUrl(node.orgSlug, node.service.slug));
    return json;
}

/// SamlCertificate: the public certificate only.
JsonValue samlCertificateValue(const SamlCertificate& certificate) {
    auto json = JsonValue::object();
    json.set("id", certificate.id);
    json.set("publicKey", certificate.certificatePem);
    json.set("validFrom", formatTimestamp(certificate.validFrom));
    json.set("validUntil", formatTimestamp(certificate.validUntil));
    json.set("isActive", certificate.status == SamlCertificateStatus::Active);
    return json;
}

void bindSamlServiceFields(graphql::SchemaBuilder& schema) {
    schema.bindField("Service", "samlConfig", guarded([](const FieldContext& f) -> ResolverResult {
        const auto* n = f.parent().as<ServiceNode>();
        if (!n) return nullptr;
        const auto view = samlOf(f).tryConfig(principalOf(f), n->orgSlug, n->service.slug);
        if (!view) return nullptr;
        return samlConfigValue(*view, samlOf(f), *n);
    }));
    schema.bindField("Service", "samlCertificate", guarded([](const FieldContext& f) -> ResolverResult {
        const auto* n = f.parent().as<ServiceNode>();
        if (!n) return nullptr;
        const auto certificate = samlOf(f).tryActiveCertificate(principalOf(f), n->orgSlug, n->service.slug);
        if (!certificate) return nullptr;
        return samlCertificateValue(*certificate);
    }));
}

} // namespace

void bindSamlResolvers(graphql::SchemaBuilder& schema) {
    bindSamlServiceFields(schema);
    schema.bindField("Mutation", "configureSaml", guarded([](const FieldContext& f) -> ResolverResult {
        samlOf(f).configure(principalOf(f), stringArgument(f, "orgSlug"), stringArgument(f, "serviceSlug"),
                            samlConfigInput(f));
        return successResponse();
    }));
    schema.bindField("Mutation", "deleteSamlConfig", guarded([](const FieldContext& f) -> ResolverResult {
        samlOf(f).deleteConfig(principalOf(f), stringArgument(f, "orgSlug"), stringArgument(f, "serviceSlug"));
        return successResponse();
    }));
    schema.bindField("Mutation", "generateSamlCertificate", guarded([](const FieldContext& f) -> ResolverResult {
        return samlCertificateValue(samlOf(f).generateCertificate(principalOf(f), stringArgument(f, "orgSlug"),
                                                                  stringArgument(f, "serviceSlug")));
    }));
}

} // namespace authcore::appliance
