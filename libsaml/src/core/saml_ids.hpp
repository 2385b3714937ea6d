// SPDX-License-Identifier: Apache-2.0
// Random SAML message IDs (private to libsaml).
#pragma once

#include <authcore/saml/error.hpp>

#include <string>

#include <tl/expected.hpp>

namespace authcore::saml::detail {

/// "_" followed by 32 lowercase hex digits from OpenSSL's CSPRNG (a valid xs:ID:
/// it never starts with a digit). CryptoFailure if the CSPRNG fails.
tl::expected<std::string, Error> randomSamlId();

}  // namespace authcore::saml::detail
