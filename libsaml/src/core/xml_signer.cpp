// SPDX-License-Identifier: Apache-2.0
// Enveloped XML-DSig signatures over one element of a libxml2 tree.
#include "core/xml_signer.hpp"

#include "core/xmlsec_handles.hpp"

#include "core/credential_impl.hpp"

#include <libxml/valid.h>
// xmlsec.h first: the other xmlsec headers use its macros without including it.
#include <xmlsec/xmlsec.h>
#include <xmlsec/crypto.h>
#include <xmlsec/keys.h>
#include <xmlsec/openssl/crypto.h>
#include <xmlsec/openssl/evp.h>
#include <xmlsec/templates.h>
#include <xmlsec/transforms.h>
#include <xmlsec/xmldsig.h>

#include <cstring>
#include <memory>
#include <string>

namespace authcore::saml::detail {

namespace {

constexpr const char* kAssertionNs = "urn:oasis:names:tc:SAML:2.0:assertion";


tl::unexpected<Error> failure(Errc code, const char* message) {
  return tl::unexpected(Error{code, std::string("signing failed: ") + message});
}

xmlNodePtr issuerChild(xmlNodePtr element) {
  for (xmlNodePtr child = element->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(child->name), "Issuer") == 0 &&
        child->ns != nullptr && std::strcmp(reinterpret_cast<const char*>(child->ns->href), kAssertionNs) == 0) {
      return child;
    }
  }
  return nullptr;
}

// "#<ID>" when the element's ID is registered as an XML ID pointing at that element.
std::string referenceUri(xmlDocPtr doc, xmlNodePtr element) {
  xmlAttrPtr attr = xmlHasNsProp(element, BAD_CAST "ID", nullptr);
  if (attr == nullptr) return {};
  std::unique_ptr<xmlChar, decltype(xmlFree)> id(xmlNodeListGetString(doc, attr->children, 1), xmlFree);
  if (id == nullptr || *id == '\0' || xmlGetID(doc, id.get()) != attr) return {};
  return "#" + std::string(reinterpret_cast<const char*>(id.get()));
}

// Builds the ds:Signature template (not yet linked into the tree).
xmlNodePtr signatureTemplate(xmlDocPtr doc, const std::string& uri, const SigningCredential& credential,
                             const char* inclusivePrefixes) {
  const bool ec = EVP_PKEY_base_id(credential.impl().key.get()) == EVP_PKEY_EC;
  xmlNodePtr signature = xmlSecTmplSignatureCreateNsPref(
      doc, xmlSecTransformExclC14NId, ec ? xmlSecTransformEcdsaSha256Id : xmlSecTransformRsaSha256Id, nullptr,
      BAD_CAST "ds");
  if (signature == nullptr) return nullptr;
  xmlNodePtr reference =
      xmlSecTmplSignatureAddReference(signature, xmlSecTransformSha256Id, nullptr, BAD_CAST uri.c_str(), nullptr);
  xmlNodePtr c14n = reference != nullptr ? xmlSecTmplReferenceAddTransform(reference, xmlSecTransformEnvelopedId)
                                         : nullptr;
  if (c14n != nullptr) c14n = xmlSecTmplReferenceAddTransform(reference, xmlSecTransformExclC14NId);
  if (c14n != nullptr && inclusivePrefixes != nullptr &&
      xmlSecTmplTransformAddC14NInclNamespaces(c14n, BAD_CAST inclusivePrefixes) < 0) {
    c14n = nullptr;
  }
  xmlNodePtr keyInfo = c14n != nullptr ? xmlSecTmplSignatureEnsureKeyInfo(signature, nullptr) : nullptr;
  xmlNodePtr x509Data = keyInfo != nullptr ? xmlSecTmplKeyInfoAddX509Data(keyInfo) : nullptr;
  xmlNodePtr certNode = x509Data != nullptr ? xmlSecTmplX509DataAddCertificate(x509Data) : nullptr;
  if (certNode == nullptr) {
    xmlFreeNode(signature);
    return nullptr;
  }
  // Written here rather than by xmlsec's X509 key data, so no X509 store or copy is needed per signature.
  xmlNodeAddContent(certNode, BAD_CAST credential.certificate().base64Der().c_str());
  return signature;
}

}  // namespace

tl::expected<void, Error> signElement(xmlDocPtr doc, xmlNodePtr element, const SigningCredential& credential,
                                      const char* inclusivePrefixes) {
  const std::string uri = referenceUri(doc, element);
  if (uri.empty()) return failure(Errc::MissingField, "the element has no registered ID");
  xmlNodePtr issuer = issuerChild(element);
  if (issuer == nullptr) return failure(Errc::MissingField, "the element has no saml:Issuer");
  xmlNodePtr signature = signatureTemplate(doc, uri, credential, inclusivePrefixes);
  if (signature == nullptr) return failure(Errc::CryptoFailure, "cannot build the signature template");
  xmlAddNextSibling(issuer, signature);

  XmlSecKeyPtr key = xmlSecKeyFromEvp(credential.impl().key.get());
  DSigCtxPtr ctx(xmlSecDSigCtxCreate(nullptr));
  if (!key || !ctx) {
    xmlUnlinkNode(signature);
    xmlFreeNode(signature);
    return failure(Errc::CryptoFailure, "cannot create the xmlsec key or context");
  }
  ctx->signKey = key.release();  // the context owns and destroys it
  if (xmlSecDSigCtxSign(ctx.get(), signature) < 0) {
    xmlUnlinkNode(signature);
    xmlFreeNode(signature);
    return failure(Errc::CryptoFailure, "xmlSecDSigCtxSign failed");
  }
  return {};
}

}  // namespace authcore::saml::detail
