// SPDX-License-Identifier: Apache-2.0
// The IdP's signed SAML 2.0 Response to a service provider (Web Browser SSO).
#include <authcore/saml/response_builder.hpp>

#include <authcore/saml/library.hpp>

#include "core/hardened_parser.hpp"
#include "core/xml_ids.hpp"
#include "core/xml_signer.hpp"
#include "core/xml_writer.hpp"

#include <libxml/xmlstring.h>

#include <vector>

namespace authcore::saml {

namespace {

using detail::addTextChild;
using detail::formatInstant;
using detail::setAttribute;
using TimePoint = std::chrono::system_clock::time_point;

constexpr const char* kXsNs = "http://www.w3.org/2001/XMLSchema";
constexpr const char* kXsiNs = "http://www.w3.org/2001/XMLSchema-instance";

tl::unexpected<Error> missing(const char* what) {
  return tl::unexpected(Error{Errc::MissingField, std::string(what)});
}

// libxml2 would write a control character as a character reference that no
// XML 1.0 parser accepts, so such values are refused before anything is built.
bool isXmlText(const std::string& text) {
  for (unsigned char c : text) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return xmlCheckUTF8(reinterpret_cast<const xmlChar*>(text.c_str())) != 0 && text.find('\0') == std::string::npos;
}

tl::expected<void, Error> validateText(const ResponseSpec& spec) {
  std::vector<const std::string*> texts{&spec.issuer,       &spec.destination, &spec.audience,
                                        &spec.nameId,       &spec.sessionIndex, &spec.authnContextClassRef};
  if (spec.inResponseTo) texts.push_back(&*spec.inResponseTo);
  if (spec.spNameQualifier) texts.push_back(&*spec.spNameQualifier);
  for (const auto& attribute : spec.attributes) {
    texts.push_back(&attribute.name);
    for (const auto& value : attribute.values) texts.push_back(&value);
  }
  for (const auto* text : texts) {
    if (!isXmlText(*text)) return tl::unexpected(Error{Errc::Malformed, "a value is not valid UTF-8 XML text"});
  }
  return {};
}

tl::expected<void, Error> validate(const ResponseSpec& spec) {
  if (!spec.signAssertion && !spec.signResponse) return missing("a response is never sent unsigned");
  if (spec.issuer.empty()) return missing("issuer is empty");
  if (spec.destination.empty()) return missing("destination is empty");
  if (spec.audience.empty()) return missing("audience is empty");
  if (spec.nameId.empty()) return missing("nameId is empty");
  if (spec.sessionIndex.empty()) return missing("sessionIndex is empty");
  if (spec.authnContextClassRef.empty()) return missing("authnContextClassRef is empty");
  if (spec.inResponseTo && spec.inResponseTo->empty()) return missing("inResponseTo is present but empty");
  if (spec.spNameQualifier && spec.spNameQualifier->empty()) return missing("spNameQualifier is present but empty");
  if (spec.now == TimePoint{} || spec.authnInstant == TimePoint{}) return missing("now or authnInstant is unset");
  if (spec.lifetime.count() <= 0) return missing("lifetime must be positive");
  for (const auto& attribute : spec.attributes) {
    if (attribute.name.empty()) return missing("an attribute has no name");
  }
  return validateText(spec);
}

// The namespaces every element below refers to, declared once on the root.
struct Namespaces {
  xmlNsPtr samlp;
  xmlNsPtr saml;
};

void addSubject(xmlNodePtr assertion, const ResponseSpec& spec, Namespaces ns) {
  xmlNodePtr subject = xmlNewChild(assertion, ns.saml, BAD_CAST "Subject", nullptr);
  xmlNodePtr nameId = addTextChild(subject, ns.saml, "NameID", spec.nameId);
  setAttribute(nameId, "Format", nameIdFormatUri(spec.nameIdFormat));
  if (spec.spNameQualifier) setAttribute(nameId, "SPNameQualifier", *spec.spNameQualifier);
  xmlNodePtr confirmation = xmlNewChild(subject, ns.saml, BAD_CAST "SubjectConfirmation", nullptr);
  setAttribute(confirmation, "Method", "urn:oasis:names:tc:SAML:2.0:cm:bearer");
  xmlNodePtr data = xmlNewChild(confirmation, ns.saml, BAD_CAST "SubjectConfirmationData", nullptr);
  if (spec.inResponseTo) setAttribute(data, "InResponseTo", *spec.inResponseTo);
  setAttribute(data, "NotOnOrAfter", formatInstant(spec.now + spec.lifetime));
  setAttribute(data, "Recipient", spec.destination);
}

void addConditions(xmlNodePtr assertion, const ResponseSpec& spec, Namespaces ns) {
  xmlNodePtr conditions = xmlNewChild(assertion, ns.saml, BAD_CAST "Conditions", nullptr);
  setAttribute(conditions, "NotBefore", formatInstant(spec.now - spec.clockSkew));
  setAttribute(conditions, "NotOnOrAfter", formatInstant(spec.now + spec.lifetime));
  xmlNodePtr restriction = xmlNewChild(conditions, ns.saml, BAD_CAST "AudienceRestriction", nullptr);
  addTextChild(restriction, ns.saml, "Audience", spec.audience);
}

void addAuthnStatement(xmlNodePtr assertion, const ResponseSpec& spec, Namespaces ns) {
  xmlNodePtr statement = xmlNewChild(assertion, ns.saml, BAD_CAST "AuthnStatement", nullptr);
  setAttribute(statement, "AuthnInstant", formatInstant(spec.authnInstant));
  setAttribute(statement, "SessionIndex", spec.sessionIndex);
  if (spec.sessionNotOnOrAfter) setAttribute(statement, "SessionNotOnOrAfter", formatInstant(*spec.sessionNotOnOrAfter));
  xmlNodePtr context = xmlNewChild(statement, ns.saml, BAD_CAST "AuthnContext", nullptr);
  addTextChild(context, ns.saml, "AuthnContextClassRef", spec.authnContextClassRef);
}

// xs and xsi are declared on the Assertion; the signature keeps xs in its
// canonical form (InclusiveNamespaces), as xsi:type="xs:string" uses it only in a value.
void addAttributeStatement(xmlNodePtr assertion, const ResponseSpec& spec, Namespaces ns) {
  xmlNewNs(assertion, BAD_CAST kXsNs, BAD_CAST "xs");  // referenced only inside xsi:type values
  xmlNsPtr xsi = xmlNewNs(assertion, BAD_CAST kXsiNs, BAD_CAST "xsi");
  xmlNodePtr statement = xmlNewChild(assertion, ns.saml, BAD_CAST "AttributeStatement", nullptr);
  for (const auto& attribute : spec.attributes) {
    xmlNodePtr node = xmlNewChild(statement, ns.saml, BAD_CAST "Attribute", nullptr);
    setAttribute(node, "Name", attribute.name);
    const bool uri = attribute.name.find(':') != std::string::npos;
    setAttribute(node, "NameFormat", uri ? "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"
                                         : "urn:oasis:names:tc:SAML:2.0:attrname-format:basic");
    for (const auto& value : attribute.values) {
      xmlNodePtr valueNode = addTextChild(node, ns.saml, "AttributeValue", value);
      xmlNewNsProp(valueNode, xsi, BAD_CAST "type", BAD_CAST "xs:string");
    }
  }
}

xmlNodePtr addAssertion(xmlNodePtr response, const ResponseSpec& spec, const std::string& id, Namespaces ns) {
  xmlNodePtr assertion = xmlNewChild(response, ns.saml, BAD_CAST "Assertion", nullptr);
  setAttribute(assertion, "ID", id);
  setAttribute(assertion, "IssueInstant", formatInstant(spec.now));
  setAttribute(assertion, "Version", "2.0");
  addTextChild(assertion, ns.saml, "Issuer", spec.issuer);
  addSubject(assertion, spec, ns);
  addConditions(assertion, spec, ns);
  addAuthnStatement(assertion, spec, ns);
  if (!spec.attributes.empty()) addAttributeStatement(assertion, spec, ns);
  return assertion;
}

// The Response element with its header, Issuer and Status.
struct ResponseHeader {
  const std::string& issuer;
  const std::string& destination;
  const std::optional<std::string>& inResponseTo;
  std::chrono::system_clock::time_point now;
  const std::string& statusCode;
  const std::string& subStatusCode;
  const std::string& statusMessage;
};

xmlNodePtr addResponse(xmlDocPtr doc, const ResponseHeader& header, const std::string& id, Namespaces& ns) {
  xmlNodePtr response = xmlNewDocNode(doc, nullptr, BAD_CAST "Response", nullptr);
  xmlDocSetRootElement(doc, response);
  ns.samlp = xmlNewNs(response, BAD_CAST detail::kProtocolNs, BAD_CAST "samlp");
  ns.saml = xmlNewNs(response, BAD_CAST detail::kAssertionNs, BAD_CAST "saml");
  xmlSetNs(response, ns.samlp);
  setAttribute(response, "Destination", header.destination);
  setAttribute(response, "ID", id);
  if (header.inResponseTo) setAttribute(response, "InResponseTo", *header.inResponseTo);
  setAttribute(response, "IssueInstant", formatInstant(header.now));
  setAttribute(response, "Version", "2.0");
  addTextChild(response, ns.saml, "Issuer", header.issuer);
  xmlNodePtr status = xmlNewChild(response, ns.samlp, BAD_CAST "Status", nullptr);
  xmlNodePtr code = xmlNewChild(status, ns.samlp, BAD_CAST "StatusCode", nullptr);
  setAttribute(code, "Value", header.statusCode);
  if (!header.subStatusCode.empty()) {
    setAttribute(xmlNewChild(code, ns.samlp, BAD_CAST "StatusCode", nullptr), "Value", header.subStatusCode);
  }
  if (!header.statusMessage.empty()) addTextChild(status, ns.samlp, "StatusMessage", header.statusMessage);
  return response;
}

const std::string kSuccess = "urn:oasis:names:tc:SAML:2.0:status:Success";
const std::string kNone;

tl::expected<void, Error> sign(xmlDocPtr doc, xmlNodePtr response, xmlNodePtr assertion, const ResponseSpec& spec,
                               const SigningCredential& credential) {
  if (auto registered = detail::registerSamlIds(doc); !registered) return registered;
  // The assertion first, so that the Response signature covers the finished assertion.
  if (spec.signAssertion) {
    const char* prefixes = spec.attributes.empty() ? nullptr : "xs";
    if (auto signedAssertion = detail::signElement(doc, assertion, credential, prefixes); !signedAssertion) {
      return signedAssertion;
    }
  }
  if (spec.signResponse) return detail::signElement(doc, response, credential);
  return {};
}

}  // namespace

tl::expected<BuiltResponse, Error> buildResponse(const ResponseSpec& spec, const SigningCredential& credential) {
  if (!Library::alive()) return tl::unexpected(Error{Errc::NotInitialised, "create an authcore::saml::Library first"});
  if (auto valid = validate(spec); !valid) return tl::unexpected(std::move(valid.error()));
  BuiltResponse built;
  built.responseId = detail::randomId();
  built.assertionId = detail::randomId();
  if (built.responseId.empty() || built.assertionId.empty()) {
    return tl::unexpected(Error{Errc::CryptoFailure, "RAND_bytes failed"});
  }
  detail::XmlDocPtr doc(xmlNewDoc(BAD_CAST "1.0"));
  if (!doc) return tl::unexpected(Error{Errc::CryptoFailure, "xmlNewDoc failed"});
  Namespaces ns{};
  const ResponseHeader header{spec.issuer, spec.destination, spec.inResponseTo, spec.now, kSuccess, kNone, kNone};
  xmlNodePtr response = addResponse(doc.get(), header, built.responseId, ns);
  xmlNodePtr assertion = addAssertion(response, spec, built.assertionId, ns);
  if (auto signedOk = sign(doc.get(), response, assertion, spec, credential); !signedOk) {
    return tl::unexpected(std::move(signedOk.error()));
  }
  auto xml = detail::serialize(doc.get());
  if (!xml) return tl::unexpected(std::move(xml.error()));
  built.xml = std::move(*xml);
  return built;
}

namespace {

tl::expected<void, Error> validate(const StatusResponseSpec& spec) {
  if (spec.issuer.empty()) return missing("issuer is empty");
  if (spec.destination.empty()) return missing("destination is empty");
  if (spec.statusCode.empty()) return missing("statusCode is empty");
  if (spec.inResponseTo && spec.inResponseTo->empty()) return missing("inResponseTo is present but empty");
  if (spec.now == TimePoint{}) return missing("now is unset");
  for (const auto* text : {&spec.issuer, &spec.destination, &spec.statusCode, &spec.subStatusCode,
                           &spec.statusMessage}) {
    if (!isXmlText(*text)) return tl::unexpected(Error{Errc::Malformed, "a value is not valid UTF-8 XML text"});
  }
  if (spec.inResponseTo && !isXmlText(*spec.inResponseTo)) {
    return tl::unexpected(Error{Errc::Malformed, "a value is not valid UTF-8 XML text"});
  }
  return {};
}

}  // namespace

tl::expected<BuiltResponse, Error> buildStatusResponse(const StatusResponseSpec& spec,
                                                       const SigningCredential& credential) {
  if (!Library::alive()) return tl::unexpected(Error{Errc::NotInitialised, "create an authcore::saml::Library first"});
  if (auto valid = validate(spec); !valid) return tl::unexpected(std::move(valid.error()));
  BuiltResponse built;
  built.responseId = detail::randomId();
  if (built.responseId.empty()) return tl::unexpected(Error{Errc::CryptoFailure, "RAND_bytes failed"});
  detail::XmlDocPtr doc(xmlNewDoc(BAD_CAST "1.0"));
  if (!doc) return tl::unexpected(Error{Errc::CryptoFailure, "xmlNewDoc failed"});
  Namespaces ns{};
  const ResponseHeader header{spec.issuer,     spec.destination,   spec.inResponseTo, spec.now,
                              spec.statusCode, spec.subStatusCode, spec.statusMessage};
  xmlNodePtr response = addResponse(doc.get(), header, built.responseId, ns);
  if (auto registered = detail::registerSamlIds(doc.get()); !registered) return tl::unexpected(registered.error());
  if (auto signedOk = detail::signElement(doc.get(), response, credential); !signedOk) {
    return tl::unexpected(std::move(signedOk.error()));
  }
  auto xml = detail::serialize(doc.get());
  if (!xml) return tl::unexpected(std::move(xml.error()));
  built.xml = std::move(*xml);
  return built;
}

}  // namespace authcore::saml
