// SPDX-License-Identifier: Apache-2.0
// SamlIdpFixture: service `app` of `acme` configured as a SAML IdP for a real SP
// (Debian pysaml2 through tests/interop/pysaml2_sp.py), and a cookie-keeping
// "browser" that walks the SSO and SLO redirects by hand.
#pragma once

#include "login_fixture.hpp"
#include "appliance_fixture.hpp"

#include "support/shell.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>

namespace authcore::test {

inline std::string shellQuote(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// The value of the hidden input `name` of an HTML form (entities as our forms write them).
inline std::string formValue(const std::string& html, const std::string& name) {
    const std::regex field("name=\"" + name + "\" value=\"([^\"]*)\"");
    std::smatch match;
    if (!std::regex_search(html, match, field)) return "";
    std::string value = match[1];
    for (const auto& [entity, text] : {std::pair{"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&#39;", "'"},
                                       {"&amp;", "&"}}) {
        for (auto at = value.find(entity); at != std::string::npos; at = value.find(entity, at + 1))
            value.replace(at, std::string(entity).size(), text);
    }
    return value;
}

/// The form's action URL.
inline std::string formAction(const std::string& html) {
    std::smatch match;
    return std::regex_search(html, match, std::regex("action=\"([^\"]*)\"")) ? std::string(match[1]) : "";
}

/// The base64 decoding of a SAMLResponse form value.
inline std::string decodeBase64(const std::string& text) {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    return std::string(std::istreambuf_iterator<char>(decoder), {});
}

using Headers = std::map<std::string, std::string>;

// Lighter than ServiceFixture (each user costs an argon2 hash per login): an
// owner who runs the service and a member who signs in to the SP through it.
struct SamlIdpFixture : ApplianceFixture {
    static constexpr const char* kSpEntityId = "https://sp.example.com/saml2/metadata";
    static constexpr const char* kAcsUrl = "http://127.0.0.1:9/sp/acs";
    static constexpr const char* kSloUrl = "http://127.0.0.1:9/sp/slo";
    static inline const std::string kService = "/api/v1/organizations/acme/services/app";
    static constexpr const char* kSso = "/saml/acme/app/sso";

    SamlIdpFixture() {
        createUser("owner@example.com", "owner-password");
        member = createUser("member@example.com", "member-password");
        ownerAuth = loginHeaders("owner@example.com", "owner-password");
        const std::string org = "/api/v1/organizations";
        expect(post(org, R"({"slug":"acme","name":"Acme"})", ownerAuth), 201);
        expect(post(org + "/acme/members", R"({"email":"member@example.com","role":"member"})", ownerAuth), 201);
        expect(post(org + "/acme/services",
                    R"({"slug":"app","name":"App","service_type":"web","redirect_uris":["https://app.example.com/cb"]})",
                    ownerAuth),
               201);
    }

    static HttpResult expect(HttpResult result, int status) {
        if (result.status != status)
            throw std::runtime_error("expected " + std::to_string(status) + ", got " + std::to_string(result.status) +
                                     ": " + result.body);
        return result;
    }

    /// PUT the SAML config; `extra` is appended to the JSON object (",\"slo_url\":...").
    HttpResult configure(bool signResponse, bool signAssertions, const std::string& extra = "",
                         const std::string& nameIdFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress") {
        const auto body = std::string(R"({"enabled":true,"entity_id":")") + kSpEntityId + R"(","acs_url":")" +
                          kAcsUrl + R"(","name_id_format":")" + nameIdFormat +
                          R"(","attribute_mapping":{"email":"mail","name":"displayName","roles":"role","id":"uid"},)" +
                          R"("sign_response":)" + (signResponse ? "true" : "false") + R"(,"sign_assertions":)" +
                          (signAssertions ? "true" : "false") + R"(,"slo_url":")" + kSloUrl + "\"" + extra + "}";
        return httpRequest(port, "PUT", kService + "/saml", body, ownerAuth);
    }
    /// Generates the signing certificate; returns its PEM.
    std::string generateCertificate() {
        const auto r = expect(post(kService + "/saml/certificate", "", ownerAuth), 200);
        return parseJson(r.body)->getValue<std::string>("public_key");
    }
    /// Fetches our IdP metadata into a file for pysaml2; returns its path.
    std::string saveMetadata() {
        const auto r = expect(get("/saml/acme/app/metadata"), 200);
        const auto path = dir.file("idp-metadata.xml");
        std::ofstream(path) << r.body;
        return path;
    }
    /// The SP's own key pair, made by the SP script in its state directory.
    std::string spCertificatePem() {
        sp("metadata");
        std::ifstream in(dir.file("sp-state/sp.crt"));
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

    /// Configures the SP's certificate with signed requests required (AuthnRequest
    /// and LogoutRequest), generates our certificate, saves our metadata, signs in.
    void requireSpSignatures() {
        std::string escaped;
        for (char c : spCertificatePem()) escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
        expect(configure(true, true, R"(,"want_authn_requests_signed":true,"sp_certificate_pem":")" + escaped + "\""),
               200);
        generateCertificate();
        metadataPath = saveMetadata();
        signIn("member@example.com", "member-password");
    }

    /// Runs the pysaml2 SP with `args`; the parsed JSON, or throws with its output.
    Poco::JSON::Object::Ptr sp(const std::string& args, bool expectSuccess = true) {
        int status = 0;
        const auto command = std::string("/usr/bin/python3 ") + shellQuote(sourceRoot() + "/tests/interop/pysaml2_sp.py") +
                             " " + args + " --state " + shellQuote(dir.file("sp-state")) + " --entity-id " +
                             kSpEntityId + " --acs-url " + kAcsUrl + " --slo-url " + kSloUrl +
                             (metadataPath.empty() ? "" : " --idp-metadata " + shellQuote(metadataPath));
        auto output = runCommand(command, status);
        lastSpOutput = output;
        if ((status == 0) != expectSuccess) throw std::runtime_error("pysaml2 SP (" + args + "): " + output);
        if (args.rfind("metadata", 0) == 0) return nullptr;
        return parseJson(output.substr(output.find('{')));
    }
    static std::string sourceRoot() {
        const char* root = std::getenv("AUTHCORE_SOURCE_ROOT");
        return root ? root : ".";
    }

    /// Signs in through POST /login and keeps the authcore_session cookie.
    void signIn(const std::string& email, const std::string& password) {
        const auto r = httpRequest(port, "POST", "/login",
                                   "email=" + urlEncode(email) + "&password=" + urlEncode(password) + "&return_to=%2F",
                                   {}, "application/x-www-form-urlencoded");
        if (r.status != 302) throw std::runtime_error("POST /login answered " + std::to_string(r.status));
        for (const auto& header : r.all("Set-Cookie"))
            if (header.rfind("authcore_session=", 0) == 0) session = header.substr(17, header.find(';') - 17);
    }
    Headers browserHeaders() const {
        return session.empty() ? Headers{} : Headers{{"Cookie", "authcore_session=" + session}};
    }
    /// GET `target` as the browser.
    HttpResult browse(const std::string& target) { return get(target, browserHeaders()); }
    /// POSTs the SP's HTTP-POST form to our SSO endpoint as the browser.
    HttpResult postForm(const std::string& target, const Poco::JSON::Object::Ptr& fields) {
        std::string body;
        for (const auto& name : fields->getNames())
            body += (body.empty() ? "" : "&") + name + "=" + urlEncode(fields->getValue<std::string>(name));
        return httpRequest(port, "POST", target, body, browserHeaders(), "application/x-www-form-urlencoded");
    }
    /// Hands the SAMLResponse of our auto-submitting form to the SP; its verdict.
    /// `wants` adds the SP's requirements, e.g. "--want-response-signed".
    Poco::JSON::Object::Ptr spAccepts(const std::string& html, const std::string& wants = "",
                                      bool expectSuccess = true) {
        const auto path = dir.file("response.b64");
        std::ofstream(path) << formValue(html, "SAMLResponse");
        return sp("accept-response --response " + shellQuote(path) + " " + wants, expectSuccess);
    }

    User member;
    Headers ownerAuth;
    std::string metadataPath;
    std::string session;
    std::string lastSpOutput;
};

} // namespace authcore::test
