// SPDX-License-Identifier: Apache-2.0
// Validation of a SAML IdP configuration; each check throws
// Error(InvalidInput) naming the field.
#pragma once

#include <authcore/services/saml_idp_service.hpp>

#include <string>

namespace authcore::rules {

/// An absolute http(s) URL (plain http only for localhost, 127.0.0.1 and
/// [::1]), without fragment or whitespace, at most 2048 characters.
void checkSamlEndpoint(const std::string& url, const char* field);
/// Non-empty, at most 1024 characters, no whitespace, an absolute URI or a URN.
void checkEntityId(const std::string& entityId);
/// One of samlNameIdFormats().
void checkNameIdFormat(const std::string& format);
/// Fields from samlUserFields(), each once, with non-empty attribute names.
void checkAttributeMapping(const std::vector<SamlAttribute>& mapping);
/// One PEM X.509 certificate that OpenSSL parses.
void checkCertificatePem(const std::string& pem, const char* field);
/// Every rule above, for the whole input.
void checkSamlConfig(const SamlConfigInput& input);

} // namespace authcore::rules
