// SPDX-License-Identifier: Apache-2.0
// The one explicit initialisation of libxml2 and xmlsec1 (OpenSSL backend).
#include <authcore/saml/library.hpp>

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
// xmlsec.h first: the other xmlsec headers use its macros without including it.
#include <xmlsec/xmlsec.h>
#include <xmlsec/errors.h>
#include <xmlsec/openssl/app.h>
#include <xmlsec/openssl/crypto.h>
#include <xmlsec/version.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>

namespace authcore::saml {

namespace {

std::atomic<bool> gAlive{false};
xmlExternalEntityLoader gPreviousLoader = nullptr;

// Installed for the whole process: even a parse elsewhere that asks libxml2 for
// external entities or DTDs (XML_PARSE_NOENT, XML_PARSE_DTDLOAD) gets nothing.
xmlParserInputPtr refuseExternalEntity(const char*, const char*, xmlParserCtxtPtr) {
  return nullptr;
}

void discardGenericError(void*, const char*, ...) {}

void discardStructuredError(void*, xmlErrorPtr) {}

// The *ThrDef* calls set the defaults that libxml2 copies into each new thread's
// globals; the plain calls cover the current thread, which already has its copy.
void hardenLibxml2() {
  gPreviousLoader = xmlGetExternalEntityLoader();
  xmlSetExternalEntityLoader(refuseExternalEntity);
  xmlSubstituteEntitiesDefault(0);
  xmlThrDefSubstituteEntitiesDefaultValue(0);
  xmlLoadExtDtdDefaultValue = 0;
  xmlThrDefLoadExtDtdDefaultValue(0);
  xmlDoValidityCheckingDefaultValue = 0;
  xmlThrDefDoValidityCheckingDefaultValue(0);
  xmlSetGenericErrorFunc(nullptr, discardGenericError);
  xmlThrDefSetGenericErrorFunc(nullptr, discardGenericError);
  xmlSetStructuredErrorFunc(nullptr, discardStructuredError);
  xmlThrDefSetStructuredErrorFunc(nullptr, discardStructuredError);
}

void restoreLibxml2() {
  xmlThrDefSetStructuredErrorFunc(nullptr, nullptr);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  xmlThrDefSetGenericErrorFunc(nullptr, nullptr);
  xmlSetGenericErrorFunc(nullptr, nullptr);
  xmlSetExternalEntityLoader(gPreviousLoader);
}

// Returns why xmlsec could not start, after undoing the steps that succeeded.
const char* startXmlsec() {
  if (xmlSecInit() < 0) return "xmlSecInit failed";
  if (xmlSecCheckVersion() != 1) {
    xmlSecShutdown();
    return "the loaded xmlsec1 is not ABI compatible with " XMLSEC_VERSION;
  }
  if (xmlSecOpenSSLAppInit(nullptr) < 0) {
    xmlSecShutdown();
    return "xmlsec1 OpenSSL application initialisation failed";
  }
  if (xmlSecOpenSSLInit() < 0) {
    xmlSecOpenSSLAppShutdown();
    xmlSecShutdown();
    return "xmlsec1 OpenSSL crypto initialisation failed";
  }
  return nullptr;
}

}  // namespace

Library::Library() {
  if (gAlive.exchange(true)) {
    throw std::logic_error("authcore::saml::Library already exists; create exactly one");
  }
  xmlInitParser();
  // Silence diagnostics before xmlsec starts: its version check reports through them.
  xmlSecErrorsDefaultCallbackEnableOutput(0);
  if (const char* failure = startXmlsec()) {
    xmlSecErrorsDefaultCallbackEnableOutput(1);
    gAlive = false;
    throw std::runtime_error(failure);
  }
  // After xmlsec, so nothing it sets up can loosen these settings.
  hardenLibxml2();
}

Library::~Library() {
  restoreLibxml2();
  xmlSecOpenSSLShutdown();
  xmlSecOpenSSLAppShutdown();
  xmlSecShutdown();
  xmlSecErrorsDefaultCallbackEnableOutput(1);
  xmlCleanupParser();
  gAlive = false;
}

bool Library::alive() noexcept {
  return gAlive.load();
}

std::string Library::xmlsecVersion() {
  return XMLSEC_VERSION;
}

std::string Library::libxml2Version() {
  // xmlParserVersion is the run-time library's "20914" for 2.9.14.
  const long number = std::strtol(xmlParserVersion, nullptr, 10);
  return std::to_string(number / 10000) + "." + std::to_string(number / 100 % 100) + "." +
         std::to_string(number % 100);
}

std::string Library::cryptoBackend() {
  const xmlChar* name = xmlSecGetDefaultCrypto();
  return name != nullptr ? reinterpret_cast<const char*>(name) : "";
}

}  // namespace authcore::saml
