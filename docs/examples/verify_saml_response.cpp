// SPDX-License-Identifier: Apache-2.0
// Validates a SAML 2.0 Response from an IdP with libauthcore-saml, as a service
// provider would: prints the subject's NameID and exits 0, or the reason and 1.
//
//   verify_saml_response RESPONSE.xml IDP_CERT.pem SP_ENTITY_ID ACS_URL IDP_ENTITY_ID [REQUEST_ID]
//
// Build: g++ -std=c++20 verify_saml_response.cpp $(pkg-config --cflags --libs authcore-saml) -o verify_saml_response
#include <authcore/saml/credential.hpp>
#include <authcore/saml/error.hpp>
#include <authcore/saml/library.hpp>
#include <authcore/saml/response_validator.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>

namespace {

const char* const kUsage =
    "usage: verify_saml_response RESPONSE.xml IDP_CERT.pem SP_ENTITY_ID ACS_URL IDP_ENTITY_ID [REQUEST_ID]\n"
    "  RESPONSE.xml   the samlp:Response XML (already base64-decoded from the POST form)\n"
    "  IDP_CERT.pem   the IdP's signing certificate\n"
    "  SP_ENTITY_ID   this SP's entity ID (the expected Audience)\n"
    "  ACS_URL        this SP's Assertion Consumer Service URL (Destination, Recipient)\n"
    "  IDP_ENTITY_ID  the IdP's entity ID (the expected Issuer)\n"
    "  REQUEST_ID     the AuthnRequest ID the Response must answer; without it,\n"
    "                 only IdP-initiated (unsolicited) responses are accepted\n";

std::optional<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int refuse(const std::string& what) {
    std::cerr << "invalid: " << what << "\n";
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 6 && argc != 7) {
        std::cerr << kUsage;
        return 2;
    }
    const auto xml = readFile(argv[1]);
    const auto pem = readFile(argv[2]);
    if (!xml || !pem) {
        std::cerr << "cannot read " << (xml ? argv[2] : argv[1]) << "\n";
        return 2;
    }
    // Initialises and hardens libxml2 and xmlsec for the whole run; must outlive every libsaml call.
    authcore::saml::Library library;

    auto certificate = authcore::saml::Certificate::fromPem(*pem);
    if (!certificate) return refuse("IdP certificate: " + certificate.error().message);

    const std::string requestId = argc == 7 ? argv[6] : "";
    authcore::saml::ResponsePolicy policy;
    policy.expectedIssuer = argv[5];
    policy.idpCertificates = {*certificate};
    policy.spEntityId = argv[3];
    policy.acsUrl = argv[4];
    policy.now = std::chrono::system_clock::now();
    policy.allowUnsolicited = requestId.empty();
    // A real SP keeps its outstanding request IDs and a replay cache across
    // requests; this one-shot program has one request and sees one assertion.
    policy.consumeRequestId = [&requestId](const std::string& id) { return !requestId.empty() && id == requestId; };
    policy.rememberAssertionId = [](const std::string&, std::chrono::system_clock::time_point) { return true; };

    const auto assertion = authcore::saml::validateResponse(*xml, policy);
    if (!assertion) {
        return refuse(std::string(authcore::saml::errcName(assertion.error().code)) + ": " +
                      assertion.error().message);
    }
    std::cout << assertion->nameId << "\n";
    return 0;
}
