// SPDX-License-Identifier: Apache-2.0
// Owned xmlsec handles and keys made from OpenSSL keys.
#include "core/xmlsec_handles.hpp"

#include <xmlsec/openssl/evp.h>

namespace authcore::saml::detail {

XmlSecKeyPtr xmlSecKeyFromEvp(EVP_PKEY* key) {
  EVP_PKEY* shared = xmlSecOpenSSLEvpKeyDup(key);
  if (shared == nullptr) return nullptr;
  xmlSecKeyDataPtr data = xmlSecOpenSSLEvpKeyAdopt(shared);
  if (data == nullptr) {
    EVP_PKEY_free(shared);
    return nullptr;
  }
  XmlSecKeyPtr owned(xmlSecKeyCreate());
  if (!owned || xmlSecKeySetValue(owned.get(), data) < 0) {
    xmlSecKeyDataDestroy(data);
    return nullptr;
  }
  return owned;
}

}  // namespace authcore::saml::detail
