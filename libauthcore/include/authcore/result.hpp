// SPDX-License-Identifier: Apache-2.0
// Result<T>: how libauthcore parsers and verifiers report rejected input.
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace authcore {

/// Why untrusted input (a JWT, a JWK, a sealed secret) was rejected.
enum class Errc {
    Malformed,            ///< not well-formed: bad base64url, bad JSON, wrong segment count
    UnsupportedAlgorithm, ///< alg is none, HS*, or otherwise not one we sign with
    AlgorithmMismatch,    ///< header alg differs from the algorithm of the key for kid
    UnknownKey,           ///< no key with the token's kid (or no kid and several keys)
    CriticalHeader,       ///< a crit header is present; we understand no extensions
    SignatureInvalid,     ///< the signature does not verify
    Expired,              ///< exp is in the past beyond the allowed skew
    NotYetValid,          ///< nbf is in the future beyond the allowed skew
    IssuedInFuture,       ///< iat is in the future beyond the allowed skew
    MissingClaim,         ///< a required claim (exp, iss, aud, ...) is absent or mistyped
    IssuerMismatch,       ///< iss differs from the expected issuer
    AudienceMismatch,     ///< aud does not contain the expected audience
    TypeMismatch,         ///< typ header differs from the expected one
    DecryptionFailed,     ///< sealed data failed authentication (wrong key, tampered)
    TooLarge,             ///< input over the size limit
};

/// Stable snake_case name of an Errc, for logs and tests.
std::string_view errcName(Errc code) noexcept;

/// An Errc with a precise human-readable reason (never containing secrets).
struct Failure {
    Errc code;
    std::string reason;
};

template <class T>
using Result = tl::expected<T, Failure>;

inline tl::unexpected<Failure> fail(Errc code, std::string reason) {
    return tl::unexpected<Failure>(Failure{code, std::move(reason)});
}

} // namespace authcore
