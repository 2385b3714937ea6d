// SPDX-License-Identifier: Apache-2.0
// KeyPair / PublicKey: asymmetric JWS keys (RS256 2048-bit, ES256 P-256, EdDSA Ed25519).
#pragma once

#include <authcore/model/signing_key.hpp>
#include <authcore/result.hpp>
#include <memory>
#include <string>
#include <string_view>

namespace authcore::crypto {

/// A public verification key bound to exactly one algorithm; copyable, immutable.
class PublicKey {
public:
    /// Parses one JWK object (RSA n/e, EC P-256 x/y, OKP Ed25519 x). The
    /// algorithm comes from kty/crv (and `alg` when present must agree);
    /// Malformed / UnsupportedAlgorithm otherwise. RSA keys under 2048 bits are refused.
    static Result<PublicKey> fromJwk(std::string_view jwkJson);
    /// SubjectPublicKeyInfo PEM, bound to `alg` (UnsupportedAlgorithm if the key type differs).
    static Result<PublicKey> fromPem(SigningAlgorithm alg, std::string_view pem);

    SigningAlgorithm algorithm() const;
    /// The `kid` of the JWK it came from ("" if none).
    const std::string& kid() const;
    /// Public JWK JSON with kty, crv/n/e/x/y, alg, use=sig and `kid`.
    std::string toJwk(std::string_view kid) const;
    /// True when `signature` over `signingInput` verifies with this key's algorithm
    /// (ES256 expects the JOSE r||s form).
    bool verify(std::string_view signingInput, std::string_view signature) const;

    struct Impl;
    explicit PublicKey(std::shared_ptr<const Impl> impl);

private:
    std::shared_ptr<const Impl> impl_;
};

/// A private signing key; copyable (shares the handle), immutable, thread-safe to sign with.
class KeyPair {
public:
    /// Fresh key. Throws authcore::Error(Internal) if OpenSSL fails.
    static KeyPair generate(SigningAlgorithm alg);
    /// PKCS#8 PEM written by privatePem(); UnsupportedAlgorithm if its type differs from `alg`.
    static Result<KeyPair> fromPrivatePem(SigningAlgorithm alg, std::string_view pem);

    SigningAlgorithm algorithm() const;
    /// Unencrypted PKCS#8 PEM (seal it before storing).
    std::string privatePem() const;
    PublicKey publicKey() const;
    /// Raw JWS signature over `signingInput` (ES256: r||s, 64 bytes).
    std::string sign(std::string_view signingInput) const;

    struct Impl;
    explicit KeyPair(std::shared_ptr<const Impl> impl);

private:
    std::shared_ptr<const Impl> impl_;
};

} // namespace authcore::crypto
