// SPDX-License-Identifier: Apache-2.0
// Private RAII wrappers for OpenSSL handles and the one way we report OpenSSL failures.
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>
#include <string>
#include <string_view>

namespace authcore::crypto::detail {

template <auto FreeFn>
struct Deleter {
    template <class T>
    void operator()(T* p) const noexcept { FreeFn(p); }
};

using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>>;
using ParamsPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG_free>>;

/// Clears the thread's OpenSSL error queue and throws Error(Internal) naming `what`.
[[noreturn]] void throwOpenSsl(std::string_view what);

/// Throws through throwOpenSsl when `ok` is false; returns nothing otherwise.
inline void check(bool ok, std::string_view what) {
    if (!ok) throwOpenSsl(what);
}

/// A read-only memory BIO over `data` (which must outlive it).
BioPtr memoryBio(std::string_view data);
/// Everything written to a memory BIO so far.
std::string bioContents(BIO* bio);

/// Pointer for OpenSSL calls that reject null even for zero lengths.
inline const unsigned char* bytes(std::string_view s) {
    static const unsigned char kEmpty = 0;
    return s.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(s.data());
}

} // namespace authcore::crypto::detail
