// SPDX-License-Identifier: Apache-2.0
// The pair lives in a shared_ptr swapped atomically; OpenSSL's certificate
// callback copies the current one into each new SSL object, so the shared
// SSL_CTX is never changed after the server starts and a reload needs no lock
// against handshakes running on the worker threads.
#include "http/tls_identity.hpp"

#include <Poco/Net/Context.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <atomic>
#include <cstdio>
#include <stdexcept>

namespace authcore::appliance {
namespace {

struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};
struct KeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct ChainFree {
    void operator()(STACK_OF(X509) * s) const { sk_X509_pop_free(s, X509_free); }
};

std::unique_ptr<BIO, BioFree> openPem(const std::string& file) {
    std::unique_ptr<BIO, BioFree> bio(BIO_new_file(file.c_str(), "r"));
    if (!bio) throw std::runtime_error("cannot read " + file);
    return bio;
}

// With no callback OpenSSL would prompt on the terminal for an encrypted key's
// pass phrase; a server has nobody to ask, so such a key is simply refused.
int noPassphrase(char*, int, int, void*) { return 0; }

std::string hexFingerprint(X509* cert) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!X509_digest(cert, EVP_sha256(), digest, &length)) return "";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        char byte[4];
        std::snprintf(byte, sizeof byte, i ? ":%02X" : "%02X", digest[i]);
        out += byte;
    }
    return out;
}

} // namespace

struct TlsIdentity::Pair {
    std::unique_ptr<X509, X509Free> cert;
    std::unique_ptr<STACK_OF(X509), ChainFree> chain; // the certificates after the first in certFile
    std::unique_ptr<EVP_PKEY, KeyFree> key;

    static std::shared_ptr<const Pair> load(const std::string& certFile, const std::string& keyFile) {
        auto pair = std::make_shared<Pair>();
        auto certs = openPem(certFile);
        pair->cert.reset(PEM_read_bio_X509(certs.get(), nullptr, noPassphrase, nullptr));
        if (!pair->cert) throw std::runtime_error(certFile + " holds no PEM certificate");
        pair->chain.reset(sk_X509_new_null());
        while (X509* extra = PEM_read_bio_X509(certs.get(), nullptr, noPassphrase, nullptr))
            sk_X509_push(pair->chain.get(), extra);
        pair->key.reset(PEM_read_bio_PrivateKey(openPem(keyFile).get(), nullptr, noPassphrase, nullptr));
        ERR_clear_error(); // the end-of-file "error" after the last chain certificate
        if (!pair->key) throw std::runtime_error(keyFile + " holds no PEM private key (or it is encrypted)");
        if (X509_check_private_key(pair->cert.get(), pair->key.get()) != 1) {
            ERR_clear_error();
            throw std::runtime_error(keyFile + " is not the key of the certificate in " + certFile);
        }
        return pair;
    }
};

struct TlsIdentity::State {
    std::atomic<std::shared_ptr<const Pair>> current;

    // Runs on the handshaking thread. The SSL object takes its own references,
    // so a reload right after this cannot free what the connection uses.
    static int onHandshake(SSL* ssl, void* arg) {
        const auto pair = static_cast<State*>(arg)->current.load();
        SSL_certs_clear(ssl); // a new key type must not leave the old certificate selectable
        if (SSL_use_certificate(ssl, pair->cert.get()) != 1) return 0;
        if (SSL_use_PrivateKey(ssl, pair->key.get()) != 1) return 0;
        return SSL_set1_chain(ssl, pair->chain.get()) == 1 ? 1 : 0;
    }
};

TlsIdentity::TlsIdentity(const std::string& certFile, const std::string& keyFile) : state_(std::make_unique<State>()) {
    state_->current.store(Pair::load(certFile, keyFile));
}

TlsIdentity::~TlsIdentity() = default;

void TlsIdentity::serveOn(Poco::Net::Context& context) {
    SSL_CTX_set_cert_cb(context.sslContext(), &State::onHandshake, state_.get());
}

std::string TlsIdentity::reload(const std::string& certFile, const std::string& keyFile) {
    auto fresh = Pair::load(certFile, keyFile);
    state_->current.store(fresh);
    return hexFingerprint(fresh->cert.get());
}

std::string TlsIdentity::fingerprint() const { return hexFingerprint(state_->current.load()->cert.get()); }

} // namespace authcore::appliance
