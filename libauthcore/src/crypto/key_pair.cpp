// SPDX-License-Identifier: Apache-2.0
// PublicKey / KeyPair over EVP_PKEY: generation, PEM, JWS signing and verification.
#include <authcore/crypto/key_pair.hpp>

#include <authcore/error.hpp>

#include "ecdsa_signature.hpp"
#include "key_impl.hpp"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstring>

namespace authcore::crypto {
namespace {

const EVP_MD* digestFor(SigningAlgorithm alg) {
    // Ed25519 hashes internally and must be given no digest.
    return alg == SigningAlgorithm::EdDSA ? nullptr : EVP_sha256();
}

detail::PkeyPtr generateKey(SigningAlgorithm alg) {
    switch (alg) {
    case SigningAlgorithm::RS256:
        return detail::PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(detail::kMinRsaBits)));
    case SigningAlgorithm::ES256:
        return detail::PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    case SigningAlgorithm::EdDSA:
        return detail::PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    }
    return nullptr;
}

// Never prompt on a terminal for an encrypted PEM: we only read unencrypted PKCS#8.
int refusePassword(char*, int, int, void*) { return -1; }

} // namespace

namespace detail {

std::string keyMismatch(SigningAlgorithm alg, const EVP_PKEY* pkey) {
    switch (alg) {
    case SigningAlgorithm::RS256: {
        if (!EVP_PKEY_is_a(pkey, "RSA")) return "not an RSA key";
        int bits = EVP_PKEY_get_bits(pkey);
        if (bits < kMinRsaBits) return "RSA key under 2048 bits";
        if (bits > kMaxRsaBits) return "RSA key over 8192 bits";
        return {};
    }
    case SigningAlgorithm::ES256: {
        char group[64] = {};
        std::size_t length = 0;
        if (!EVP_PKEY_is_a(pkey, "EC") || EVP_PKEY_get_group_name(pkey, group, sizeof group, &length) != 1)
            return "not an EC key";
        if (std::strcmp(group, "prime256v1") != 0 && std::strcmp(group, "P-256") != 0) return "EC key not on P-256";
        return {};
    }
    case SigningAlgorithm::EdDSA:
        return EVP_PKEY_is_a(pkey, "ED25519") ? std::string() : std::string("not an Ed25519 key");
    }
    return "unknown algorithm";
}

PublicKey makePublicKey(SigningAlgorithm alg, PkeyPtr pkey, std::string kid) {
    return PublicKey(std::make_shared<const PublicKey::Impl>(PublicKey::Impl{alg, std::move(pkey), std::move(kid)}));
}

} // namespace detail

PublicKey::PublicKey(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

Result<PublicKey> PublicKey::fromPem(SigningAlgorithm alg, std::string_view pem) {
    auto bio = detail::memoryBio(pem);
    detail::PkeyPtr pkey(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    ERR_clear_error();
    if (!pkey) return fail(Errc::Malformed, "not a SubjectPublicKeyInfo PEM");
    if (auto why = detail::keyMismatch(alg, pkey.get()); !why.empty()) return fail(Errc::UnsupportedAlgorithm, why);
    return detail::makePublicKey(alg, std::move(pkey), {});
}

SigningAlgorithm PublicKey::algorithm() const { return impl_->algorithm; }

const std::string& PublicKey::kid() const { return impl_->kid; }

std::string PublicKey::toJwk(std::string_view kid) const {
    return detail::jwkOf(impl_->algorithm, impl_->pkey.get(), kid);
}

bool PublicKey::verify(std::string_view signingInput, std::string_view signature) const {
    std::string der;
    if (impl_->algorithm == SigningAlgorithm::ES256) {
        auto converted = detail::joseToDer(signature);
        if (!converted) return false;
        der = std::move(*converted);
        signature = der;
    } else if (signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(impl_->pkey.get()))) {
        return false;
    }
    detail::MdCtxPtr ctx(EVP_MD_CTX_new());
    detail::check(ctx != nullptr, "EVP_MD_CTX_new");
    detail::check(EVP_DigestVerifyInit(ctx.get(), nullptr, digestFor(impl_->algorithm), nullptr,
                                       impl_->pkey.get()) == 1,
                  "EVP_DigestVerifyInit");
    int rc = EVP_DigestVerify(ctx.get(), detail::bytes(signature), signature.size(), detail::bytes(signingInput),
                              signingInput.size());
    ERR_clear_error();
    return rc == 1;
}

KeyPair::KeyPair(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

KeyPair KeyPair::generate(SigningAlgorithm alg) {
    detail::PkeyPtr pkey = generateKey(alg);
    detail::check(pkey != nullptr, "key generation");
    return KeyPair(std::make_shared<const Impl>(Impl{alg, std::move(pkey)}));
}

Result<KeyPair> KeyPair::fromPrivatePem(SigningAlgorithm alg, std::string_view pem) {
    auto bio = detail::memoryBio(pem);
    detail::PkeyPtr pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, refusePassword, nullptr));
    ERR_clear_error();
    if (!pkey) return fail(Errc::Malformed, "not an unencrypted private key PEM");
    if (auto why = detail::keyMismatch(alg, pkey.get()); !why.empty()) return fail(Errc::UnsupportedAlgorithm, why);
    return KeyPair(std::make_shared<const Impl>(Impl{alg, std::move(pkey)}));
}

SigningAlgorithm KeyPair::algorithm() const { return impl_->algorithm; }

std::string KeyPair::privatePem() const {
    // The secure-memory BIO wipes its buffer when freed.
    detail::BioPtr bio(BIO_new(BIO_s_secmem()));
    detail::check(bio != nullptr, "BIO_new");
    detail::check(PEM_write_bio_PKCS8PrivateKey(bio.get(), impl_->pkey.get(), nullptr, nullptr, 0, nullptr,
                                                nullptr) == 1,
                  "PEM_write_bio_PKCS8PrivateKey");
    return detail::bioContents(bio.get());
}

PublicKey KeyPair::publicKey() const {
    // A DER round trip yields a handle that holds no private material.
    unsigned char* der = nullptr;
    int length = i2d_PUBKEY(impl_->pkey.get(), &der);
    detail::check(length > 0, "i2d_PUBKEY");
    const unsigned char* cursor = der;
    detail::PkeyPtr pub(d2i_PUBKEY(nullptr, &cursor, length));
    OPENSSL_free(der);
    detail::check(pub != nullptr, "d2i_PUBKEY");
    return detail::makePublicKey(impl_->algorithm, std::move(pub), {});
}

std::string KeyPair::sign(std::string_view signingInput) const {
    detail::MdCtxPtr ctx(EVP_MD_CTX_new());
    detail::check(ctx != nullptr, "EVP_MD_CTX_new");
    detail::check(EVP_DigestSignInit(ctx.get(), nullptr, digestFor(impl_->algorithm), nullptr, impl_->pkey.get()) == 1,
                  "EVP_DigestSignInit");
    std::size_t length = static_cast<std::size_t>(EVP_PKEY_get_size(impl_->pkey.get()));
    std::string signature(length, '\0');
    detail::check(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                                 detail::bytes(signingInput), signingInput.size()) == 1,
                  "EVP_DigestSign");
    signature.resize(length);
    return impl_->algorithm == SigningAlgorithm::ES256 ? detail::derToJose(signature) : signature;
}

} // namespace authcore::crypto
