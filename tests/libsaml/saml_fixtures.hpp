// SPDX-License-Identifier: Apache-2.0
// Shared by the libsaml IdP-half suites: generated credentials, a sample spec, XPath reads.
#pragma once

#include <authcore/saml/certificate_generator.hpp>
#include <authcore/saml/credential.hpp>
#include <authcore/saml/response_builder.hpp>

#include "support/shell.hpp"

#include <boost/test/unit_test.hpp>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace authcore::test {

/// A generated certificate with its key, made once per process (key generation is slow).
inline const saml::GeneratedCertificate& generatedCertificate(int which = 0) {
  static const auto make = [](const char* cn, int bits) {
    saml::CertificateRequest request;
    request.commonName = cn;
    request.notBefore = std::chrono::system_clock::now() - std::chrono::hours(1);
    request.rsaBits = bits;
    auto generated = saml::generateSelfSignedCertificate(request);
    if (!generated) throw std::runtime_error("certificate generation failed: " + generated.error().message);
    return *generated;
  };
  static const saml::GeneratedCertificate idp = make("idp.example.test", 3072);
  static const saml::GeneratedCertificate other = make("other.example.test", 2048);
  return which == 0 ? idp : other;
}

/// The SigningCredential of generatedCertificate(which).
inline saml::SigningCredential generatedCredential(int which = 0) {
  const auto& generated = generatedCertificate(which);
  auto credential = saml::SigningCredential::fromPem(generated.privateKeyPem, generated.certificatePem);
  if (!credential) throw std::runtime_error("credential refused: " + credential.error().message);
  return *credential;
}

/// A complete SP-initiated spec: every optional field set, two attributes.
inline saml::ResponseSpec sampleSpec(std::chrono::system_clock::time_point now) {
  saml::ResponseSpec spec;
  spec.issuer = "https://idp.example.test/saml";
  spec.destination = "https://sp.example.test/acs";
  spec.inResponseTo = "_request0123456789";
  spec.audience = "https://sp.example.test/metadata";
  spec.nameId = "ada@example.test";
  spec.nameIdFormat = saml::NameIdFormat::EmailAddress;
  spec.spNameQualifier = "https://sp.example.test/metadata";
  spec.sessionIndex = "_session42";
  spec.attributes = {{"urn:oid:0.9.2342.19200300.100.1.3", {"ada@example.test"}},
                     {"groups", {"admins", "staff"}}};
  spec.now = now;
  spec.authnInstant = now - std::chrono::seconds(30);
  spec.sessionNotOnOrAfter = now + std::chrono::hours(8);
  return spec;
}

/// Writes `content` to `path`.
inline void writeFile(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

/// A command's exit status and combined stdout/stderr.
struct Verdict {
  int status = -1;
  std::string output;
};

/// Runs a shell command (for the independent verifiers: xmlsec1, python3).
inline Verdict runVerdict(const std::string& command) {
  Verdict verdict;
  verdict.output = runCommand(command, verdict.status);
  return verdict;
}

/// XPath reads over a serialised SAML document, with samlp/saml/ds/md/xsi prefixes bound.
class XPathReader {
public:
  explicit XPathReader(const std::string& xml)
      : doc_(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, XML_PARSE_NONET)),
        ctx_(doc_ ? xmlXPathNewContext(doc_.get()) : nullptr) {
    BOOST_REQUIRE_MESSAGE(ctx_, "output is not well-formed XML");
    const char* bindings[][2] = {{"samlp", "urn:oasis:names:tc:SAML:2.0:protocol"},
                                 {"saml", "urn:oasis:names:tc:SAML:2.0:assertion"},
                                 {"md", "urn:oasis:names:tc:SAML:2.0:metadata"},
                                 {"ds", "http://www.w3.org/2000/09/xmldsig#"},
                                 {"xsi", "http://www.w3.org/2001/XMLSchema-instance"}};
    for (const auto& binding : bindings) {
      xmlXPathRegisterNs(ctx_.get(), BAD_CAST binding[0], BAD_CAST binding[1]);
    }
  }

  /// The string value of each node the expression selects, in document order.
  std::vector<std::string> all(const std::string& expression) const {
    std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> result(
        xmlXPathEvalExpression(BAD_CAST expression.c_str(), ctx_.get()), xmlXPathFreeObject);
    BOOST_REQUIRE_MESSAGE(result && result->type == XPATH_NODESET, "bad XPath " << expression);
    std::vector<std::string> values;
    for (int i = 0; result->nodesetval != nullptr && i < result->nodesetval->nodeNr; ++i) {
      xmlChar* text = xmlNodeGetContent(result->nodesetval->nodeTab[i]);
      values.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
      xmlFree(text);
    }
    return values;
  }

  /// The single value the expression selects; fails the test when there is not exactly one.
  std::string one(const std::string& expression) const {
    const auto values = all(expression);
    BOOST_REQUIRE_MESSAGE(values.size() == 1, expression << " selects " << values.size() << " nodes");
    return values.front();
  }

private:
  struct DocFree {
    void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
  };
  struct CtxFree {
    void operator()(xmlXPathContext* ctx) const noexcept { xmlXPathFreeContext(ctx); }
  };
  std::unique_ptr<xmlDoc, DocFree> doc_;
  std::unique_ptr<xmlXPathContext, CtxFree> ctx_;
};

}  // namespace authcore::test
