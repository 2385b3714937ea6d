// SPDX-License-Identifier: Apache-2.0
// Verification of an enveloped XML-DSig signature against one configured certificate.
#include "core/xml_verifier.hpp"

#include "core/xmlsec_handles.hpp"

#include "core/credential_impl.hpp"
#include "core/xml_ids.hpp"
#include "core/xml_reading.hpp"
#include "core/xml_tree.hpp"

#include <libxml/valid.h>
// xmlsec.h first: the other xmlsec headers use its macros without including it.
#include <xmlsec/xmlsec.h>
#include <xmlsec/keys.h>
#include <xmlsec/keysmngr.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/openssl/app.h>
#include <xmlsec/openssl/crypto.h>
#include <xmlsec/openssl/evp.h>

#include <array>
#include <memory>
#include <string>
#include <string_view>

namespace authcore::saml::detail {

namespace {

constexpr std::string_view kExcC14n = "http://www.w3.org/2001/10/xml-exc-c14n#";
constexpr std::string_view kExcC14nComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
constexpr std::string_view kEnveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
constexpr std::array<std::string_view, 6> kSignatureMethods = {
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512"};
constexpr std::array<std::string_view, 3> kDigestMethods = {
    "http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2001/04/xmldsig-more#sha384",
    "http://www.w3.org/2001/04/xmlenc#sha512"};

tl::unexpected<Error> fail(Errc code, std::string message) {
  return tl::unexpected(Error{code, std::move(message)});
}

template <std::size_t N>
bool oneOf(const std::array<std::string_view, N>& allowed, std::string_view value) {
  for (auto candidate : allowed) {
    if (candidate == value) return true;
  }
  return false;
}

// Any algorithm is judged by its URI; SHA-1 gets its own code so operators see why.
tl::expected<void, Error> checkAlgorithm(xmlNodePtr node, bool allowed) {
  const std::string uri = attributeValue(node, "Algorithm").value_or("");
  if (uri.find("sha1") != std::string::npos) return fail(Errc::UnsupportedAlgorithm, "SHA-1 refused: " + uri);
  if (!allowed) return fail(Errc::UnsupportedAlgorithm, "algorithm not accepted: " + uri);
  return {};
}

tl::expected<void, Error> checkAlgorithmIn(xmlNodePtr node, auto predicate) {
  if (node == nullptr) return fail(Errc::SignatureInvalid, "the signature lacks an algorithm element");
  return checkAlgorithm(node, predicate(attributeValue(node, "Algorithm").value_or("")));
}

tl::expected<void, Error> checkTransforms(xmlNodePtr reference) {
  xmlNodePtr transforms = firstChildElement(reference, "Transforms", kDsigNs);
  if (transforms == nullptr) return {};
  for (xmlNodePtr transform : childElements(transforms, "Transform", kDsigNs)) {
    auto ok = checkAlgorithmIn(transform, [](std::string_view uri) {
      return uri == kEnveloped || uri == kExcC14n || uri == kExcC14nComments;
    });
    if (!ok) return ok;
  }
  return {};
}

// The policy SECURITY.md sets, checked on the tree before xmlsec runs.
tl::expected<void, Error> checkSignedInfo(xmlNodePtr signature, const std::string& elementId) {
  const auto signedInfos = childElements(signature, "SignedInfo", kDsigNs);
  if (signedInfos.size() != 1) return fail(Errc::SignatureInvalid, "the signature needs one SignedInfo");
  xmlNodePtr signedInfo = signedInfos.front();
  auto ok = checkAlgorithmIn(firstChildElement(signedInfo, "CanonicalizationMethod", kDsigNs),
                             [](std::string_view uri) { return uri == kExcC14n || uri == kExcC14nComments; });
  if (ok) {
    ok = checkAlgorithmIn(firstChildElement(signedInfo, "SignatureMethod", kDsigNs),
                          [](std::string_view uri) { return oneOf(kSignatureMethods, uri); });
  }
  if (!ok) return ok;
  const auto references = childElements(signedInfo, "Reference", kDsigNs);
  if (references.size() != 1) return fail(Errc::SignatureInvalid, "the signature needs exactly one Reference");
  if (attributeValue(references.front(), "URI") != "#" + elementId) {
    return fail(Errc::SignatureInvalid, "the signature does not reference the element it is attached to");
  }
  ok = checkTransforms(references.front());
  if (!ok) return ok;
  return checkAlgorithmIn(firstChildElement(references.front(), "DigestMethod", kDsigNs),
                          [](std::string_view uri) { return oneOf(kDigestMethods, uri); });
}

// The ID must resolve, through the registered XML IDs, to `element` itself.
tl::expected<std::string, Error> registeredIdOf(xmlDocPtr doc, xmlNodePtr element) {
  const auto id = attributeValue(element, "ID");
  if (!id || id->empty()) return fail(Errc::MissingField, "the signed element has no ID");
  if (doc->ids == nullptr) {
    auto registered = registerSamlIds(doc);
    if (!registered) return tl::unexpected(registered.error());
  }
  xmlAttrPtr attr = xmlGetID(doc, BAD_CAST id->c_str());
  if (attr == nullptr || attr->parent != element) {
    return fail(Errc::SignatureInvalid, "the element's ID does not resolve to the element");
  }
  return *id;
}

struct KeysMngrDestroy {
  void operator()(xmlSecKeysMngr* mngr) const noexcept { xmlSecKeysMngrDestroy(mngr); }
};

// A keys manager holding only the configured key.
std::unique_ptr<xmlSecKeysMngr, KeysMngrDestroy> keysManagerFor(const Certificate& cert) {
  std::unique_ptr<xmlSecKeysMngr, KeysMngrDestroy> mngr(xmlSecKeysMngrCreate());
  if (!mngr || xmlSecOpenSSLAppDefaultKeysMngrInit(mngr.get()) < 0) return nullptr;
  XmlSecKeyPtr key = xmlSecKeyFromEvp(cert.impl().publicKey());
  if (!key || xmlSecOpenSSLAppDefaultKeysMngrAdoptKey(mngr.get(), key.get()) < 0) return nullptr;
  (void)key.release();
  return mngr;
}

bool restrictTransforms(xmlSecDSigCtx& ctx) {
  const std::array<xmlSecTransformId, 6> reference = {
      xmlSecTransformEnvelopedId, xmlSecTransformExclC14NId, xmlSecTransformExclC14NWithCommentsId,
      xmlSecOpenSSLTransformSha256Id, xmlSecOpenSSLTransformSha384Id, xmlSecOpenSSLTransformSha512Id};
  const std::array<xmlSecTransformId, 8> signature = {
      xmlSecTransformExclC14NId, xmlSecTransformExclC14NWithCommentsId,
      xmlSecOpenSSLTransformRsaSha256Id, xmlSecOpenSSLTransformRsaSha384Id,
      xmlSecOpenSSLTransformRsaSha512Id, xmlSecOpenSSLTransformEcdsaSha256Id,
      xmlSecOpenSSLTransformEcdsaSha384Id, xmlSecOpenSSLTransformEcdsaSha512Id};
  for (auto id : reference) {
    if (xmlSecDSigCtxEnableReferenceTransform(&ctx, id) < 0) return false;
  }
  for (auto id : signature) {
    if (xmlSecDSigCtxEnableSignatureTransform(&ctx, id) < 0) return false;
  }
  ctx.enabledReferenceUris = xmlSecTransformUriTypeSameDocument;
  return true;
}

// After xmlsec says "succeeded": one reference, itself succeeded, naming our element.
tl::expected<void, Error> checkOutcome(xmlSecDSigCtx& ctx, xmlDocPtr doc, xmlNodePtr element,
                                       const std::string& id) {
  if (ctx.status != xmlSecDSigStatusSucceeded) return fail(Errc::SignatureInvalid, "the signature does not verify");
  if (xmlSecPtrListGetSize(&ctx.signedInfoReferences) != 1) {
    return fail(Errc::SignatureInvalid, "the signature must have exactly one reference");
  }
  auto* reference = static_cast<xmlSecDSigReferenceCtxPtr>(xmlSecPtrListGetItem(&ctx.signedInfoReferences, 0));
  const std::string expectedUri = "#" + id;
  if (reference == nullptr || reference->status != xmlSecDSigStatusSucceeded || reference->uri == nullptr ||
      expectedUri != reinterpret_cast<const char*>(reference->uri)) {
    return fail(Errc::SignatureInvalid, "the reference does not cover the element");
  }
  xmlAttrPtr attr = xmlGetID(doc, BAD_CAST id.c_str());
  if (attr == nullptr || attr->parent != element) {
    return fail(Errc::SignatureInvalid, "the reference resolved to another element");
  }
  return {};
}

}  // namespace

xmlNodePtr findSignature(xmlNodePtr element) {
  return element != nullptr ? firstChildElement(element, "Signature", kDsigNs) : nullptr;
}

tl::expected<void, Error> verifyEnvelopedSignature(xmlDocPtr doc, xmlNodePtr element,
                                                   const Certificate& cert) {
  const auto signatures = childElements(element, "Signature", kDsigNs);
  if (signatures.empty()) return fail(Errc::SignatureMissing, "the element is not signed");
  if (signatures.size() != 1) return fail(Errc::SignatureInvalid, "the element has more than one signature");
  auto id = registeredIdOf(doc, element);
  if (!id) return tl::unexpected(id.error());
  auto policy = checkSignedInfo(signatures.front(), *id);
  if (!policy) return policy;
  auto mngr = keysManagerFor(cert);
  std::unique_ptr<xmlSecDSigCtx, DSigCtxDestroy> ctx(mngr ? xmlSecDSigCtxCreate(mngr.get()) : nullptr);
  if (!ctx || !restrictTransforms(*ctx)) return fail(Errc::CryptoFailure, "xmlsec context setup failed");
  // The configured key is set up front, so xmlsec never consults KeyInfo for one.
  ctx->signKey = xmlSecKeyFromEvp(cert.impl().publicKey()).release();
  if (ctx->signKey == nullptr) return fail(Errc::CryptoFailure, "xmlsec key setup failed");
  if (xmlSecDSigCtxVerify(ctx.get(), signatures.front()) < 0) {
    return fail(Errc::SignatureInvalid, "the signature could not be verified with the configured certificate");
  }
  return checkOutcome(*ctx, doc, element, *id);
}

}  // namespace authcore::saml::detail
