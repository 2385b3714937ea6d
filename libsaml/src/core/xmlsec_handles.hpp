// SPDX-License-Identifier: Apache-2.0
// Owned xmlsec handles and keys made from OpenSSL keys (private to libsaml).
#pragma once

// xmlsec.h first: the other xmlsec headers use its macros without including it.
#include <xmlsec/xmlsec.h>
#include <xmlsec/keys.h>
#include <xmlsec/xmldsig.h>

#include <openssl/evp.h>

#include <memory>

namespace authcore::saml::detail {

struct XmlSecKeyDestroy {
  void operator()(xmlSecKey* key) const noexcept { xmlSecKeyDestroy(key); }
};
struct DSigCtxDestroy {
  void operator()(xmlSecDSigCtx* ctx) const noexcept { xmlSecDSigCtxDestroy(ctx); }
};
using XmlSecKeyPtr = std::unique_ptr<xmlSecKey, XmlSecKeyDestroy>;
using DSigCtxPtr = std::unique_ptr<xmlSecDSigCtx, DSigCtxDestroy>;

/// An xmlsec key sharing `key` (its reference count is raised, nothing is copied
/// or re-read from PEM); nullptr if xmlsec refuses it.
XmlSecKeyPtr xmlSecKeyFromEvp(EVP_PKEY* key);

}  // namespace authcore::saml::detail
