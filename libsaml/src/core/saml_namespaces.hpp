// SPDX-License-Identifier: Apache-2.0
// The namespace URIs libsaml reads and writes (private to libsaml).
#pragma once

namespace authcore::saml::detail {

/// SAML namespace URIs.
inline constexpr const char* kProtocolNs = "urn:oasis:names:tc:SAML:2.0:protocol";
inline constexpr const char* kAssertionNs = "urn:oasis:names:tc:SAML:2.0:assertion";
inline constexpr const char* kMetadataNs = "urn:oasis:names:tc:SAML:2.0:metadata";
inline constexpr const char* kDsigNs = "http://www.w3.org/2000/09/xmldsig#";

}  // namespace authcore::saml::detail
