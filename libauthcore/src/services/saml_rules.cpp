// SPDX-License-Identifier: Apache-2.0
// What a SAML IdP configuration may look like.
#include "services/saml_rules.hpp"

#include "crypto/openssl_util.hpp"

#include <authcore/error.hpp>

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cctype>

namespace authcore {

const std::vector<std::string>& samlNameIdFormats() {
    static const std::vector<std::string> formats{"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
                                                  "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
                                                  "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
                                                  "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"};
    return formats;
}

const std::vector<std::string>& samlUserFields() {
    static const std::vector<std::string> fields{"id",          "email",  "name", "given_name",
                                                 "family_name", "groups", "roles"};
    return fields;
}

namespace rules {
namespace {

constexpr std::size_t kMaxUrl = 2048;
constexpr std::size_t kMaxEntityId = 1024;
constexpr std::size_t kMaxAttribute = 1024;
constexpr std::size_t kMaxCertificatePem = 16 * 1024;

[[noreturn]] void invalid(const std::string& message) { throw Error(ErrorCode::InvalidInput, message); }

bool isLocalHost(const std::string& host) { return host == "localhost" || host == "127.0.0.1" || host == "::1"; }

bool hasSpaceOrControl(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7f; });
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

/// `scheme:` followed by something, the scheme as RFC 3986 has it.
bool hasScheme(const std::string& uri) {
    const auto colon = uri.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == uri.size()) return false;
    if (!std::isalpha(static_cast<unsigned char>(uri[0]))) return false;
    return std::all_of(uri.begin(), uri.begin() + static_cast<long>(colon), [](unsigned char c) {
        return std::isalnum(c) || c == '+' || c == '-' || c == '.';
    });
}

std::string shown(const std::string& text) { return "'" + text.substr(0, 100) + "'"; }

} // namespace

void checkSamlEndpoint(const std::string& url, const char* field) {
    const std::string rule = std::string(field) + " must be an absolute https URL (http only for localhost, "
                             "127.0.0.1 and [::1]) without fragment: got ";
    Poco::URI parsed;
    try {
        parsed = Poco::URI(url);
    } catch (const Poco::Exception&) {
        invalid(rule + shown(url));
    }
    const bool https = parsed.getScheme() == "https";
    const bool localHttp = parsed.getScheme() == "http" && isLocalHost(parsed.getHost());
    if (url.empty() || url.size() > kMaxUrl || hasSpaceOrControl(url) || parsed.getHost().empty() ||
        url.find('#') != std::string::npos || !(https || localHttp))
        invalid(rule + shown(url));
}

void checkEntityId(const std::string& entityId) {
    if (entityId.empty()) invalid("entity_id is required");
    if (entityId.size() > kMaxEntityId) invalid("entity_id must be at most 1024 characters");
    if (hasSpaceOrControl(entityId)) invalid("entity_id must not contain whitespace");
    if (!hasScheme(entityId))
        invalid("entity_id must be an absolute URI (https://sp.example.com) or a URN (urn:...): got " +
                shown(entityId));
}

void checkNameIdFormat(const std::string& format) {
    if (!contains(samlNameIdFormats(), format))
        invalid("name_id_format must be one of urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress, "
                "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent, "
                "urn:oasis:names:tc:SAML:2.0:nameid-format:transient, "
                "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified: got " + shown(format));
}

void checkAttributeMapping(const std::vector<SamlAttribute>& mapping) {
    for (std::size_t i = 0; i < mapping.size(); ++i) {
        const auto& [field, attribute] = mapping[i];
        if (!contains(samlUserFields(), field))
            invalid("attribute_mapping: unknown user field " + shown(field) +
                    " (known: id, email, name, given_name, family_name, groups, roles)");
        for (std::size_t j = 0; j < i; ++j)
            if (mapping[j].field == field) invalid("attribute_mapping: field '" + field + "' is mapped twice");
        const bool control =
            std::any_of(attribute.begin(), attribute.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
        if (attribute.empty() || attribute.size() > kMaxAttribute || control)
            invalid("attribute_mapping: the attribute name for '" + field + "' must be 1-1024 characters");
    }
}

void checkCertificatePem(const std::string& pem, const char* field) {
    const std::string rule = std::string(field) + " must be one PEM-encoded X.509 certificate";
    if (pem.size() > kMaxCertificatePem || pem.find("-----BEGIN CERTIFICATE-----") == std::string::npos)
        invalid(rule);
    const auto bio = crypto::detail::memoryBio(pem);
    std::unique_ptr<X509, crypto::detail::Deleter<X509_free>> certificate(
        PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    ERR_clear_error();
    if (!certificate) invalid(rule + " (it does not parse)");
}

void checkSamlConfig(const SamlConfigInput& input) {
    checkEntityId(input.entityId);
    checkSamlEndpoint(input.acsUrl, "acs_url");
    checkNameIdFormat(input.nameIdFormat);
    checkAttributeMapping(input.attributeMapping);
    if (input.sloUrl) checkSamlEndpoint(*input.sloUrl, "slo_url");
    if (input.spCertificatePem) checkCertificatePem(*input.spCertificatePem, "sp_certificate_pem");
    if (input.wantAuthnRequestsSigned.value_or(false) && !input.spCertificatePem)
        invalid("want_authn_requests_signed requires sp_certificate_pem (the key AuthnRequests are checked with)");
}

} // namespace rules
} // namespace authcore
