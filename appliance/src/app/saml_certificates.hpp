// SPDX-License-Identifier: Apache-2.0
// The SAML signing-certificate generator libauthcore is given: libsaml's.
#pragma once

#include <authcore/services/saml_idp_service.hpp>

namespace authcore::appliance {

/// authcore::saml::generateSelfSignedCertificate (RSA 3072, SHA-256), valid
/// from `clock`'s now for `validityDays`; failures throw Error(Internal).
SigningCertificateGenerator samlCertificateGenerator(const Clock& clock, int validityDays);

} // namespace authcore::appliance
