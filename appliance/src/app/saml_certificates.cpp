// SPDX-License-Identifier: Apache-2.0
// libauthcore does not see libsaml (library boundary): the appliance adapts
// libsaml's generator to the function type libauthcore defines.
#include "app/saml_certificates.hpp"

#include <authcore/error.hpp>
#include <authcore/saml/certificate_generator.hpp>

#include <chrono>

namespace authcore::appliance {

SigningCertificateGenerator samlCertificateGenerator(const Clock& clock, int validityDays) {
    return [&clock, validityDays](const std::string& commonName) {
        saml::CertificateRequest request;
        request.commonName = commonName;
        request.notBefore = clock.now();
        request.validity = std::chrono::hours(24) * validityDays;
        auto generated = saml::generateSelfSignedCertificate(request);
        if (!generated)
            throw Error(ErrorCode::Internal, "SAML certificate generation failed: " + generated.error().message);
        return GeneratedSigningCertificate{
            std::move(generated->certificatePem), std::move(generated->privateKeyPem),
            std::chrono::floor<std::chrono::seconds>(generated->validFrom),
            std::chrono::floor<std::chrono::seconds>(generated->validUntil)};
    };
}

} // namespace authcore::appliance
