// SPDX-License-Identifier: Apache-2.0
// A self-signed RSA certificate made with OpenSSL directly, for unit tests of
// SamlIdpService (the appliance tests use libsaml's real generator).
#pragma once

#include <authcore/services/saml_idp_service.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace authcore::test {

inline std::string bioText(BIO* bio) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(size));
}

/// An RSA-2048 key and a one-day certificate with CN = `commonName`, valid from `now`.
inline GeneratedSigningCertificate opensslTestCertificate(const std::string& commonName, Timestamp now) {
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), EVP_PKEY_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
    if (!key || !cert) throw std::runtime_error("OpenSSL could not make a test key");
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_time_adj_ex(X509_getm_notBefore(cert.get()), 0, 0, nullptr);
    X509_time_adj_ex(X509_getm_notAfter(cert.get()), 1, 0, nullptr);
    X509_set_pubkey(cert.get(), key.get());
    auto* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(commonName.c_str()),
                               -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) throw std::runtime_error("OpenSSL could not sign");
    std::unique_ptr<BIO, decltype(&BIO_free)> certBio(BIO_new(BIO_s_mem()), BIO_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> keyBio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_X509(certBio.get(), cert.get());
    PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    return {bioText(certBio.get()), bioText(keyBio.get()), now, now + std::chrono::hours(24)};
}

} // namespace authcore::test
