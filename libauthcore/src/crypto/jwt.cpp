// SPDX-License-Identifier: Apache-2.0
// Compact JWS signing and verification; the key, never the header, decides the algorithm.
#include <authcore/crypto/jwt.hpp>

#include <authcore/crypto/encoding.hpp>
#include <authcore/error.hpp>

#include "json_util.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace authcore::crypto {
namespace {

using Check = tl::expected<void, Failure>;
using ObjectPtr = Poco::JSON::Object::Ptr;

// SECURITY.md caps clock skew at 60 s whatever the caller asks for.
constexpr std::chrono::seconds kMaxSkew{60};
constexpr std::array kAlgorithms{SigningAlgorithm::RS256, SigningAlgorithm::ES256, SigningAlgorithm::EdDSA};

struct Segments {
    std::string_view header, payload, signature, signingInput;
};

Result<Segments> split(std::string_view token) {
    auto first = token.find('.');
    auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos)
        return fail(Errc::Malformed, "token is not three dot-separated segments");
    return Segments{token.substr(0, first), token.substr(first + 1, second - first - 1), token.substr(second + 1),
                    token.substr(0, second)};
}

Result<ObjectPtr> decodeObject(std::string_view segment, const std::string& what) {
    auto text = base64UrlDecode(segment);
    if (!text) return fail(Errc::Malformed, what + " is not unpadded base64url");
    auto object = detail::parseObject(*text);
    if (!object) return fail(Errc::Malformed, what + " is not a JSON object");
    return object;
}

// JOSE names are case-sensitive, unlike parseAlgorithm(); "none", HS* and
// anything else we do not sign with fall through to nullopt.
std::optional<SigningAlgorithm> joseAlgorithm(std::string_view name) {
    for (auto alg : kAlgorithms)
        if (algorithmName(alg) == name) return alg;
    return std::nullopt;
}

Result<const PublicKey*> selectKey(const Poco::JSON::Object& header, const KeySet& keys) {
    // We implement no extensions, so every crit list names one we do not understand.
    if (header.has("crit")) return fail(Errc::CriticalHeader, "token carries a crit header");
    auto alg = detail::stringMember(header, "alg");
    if (!alg) return fail(Errc::Malformed, "header alg is missing or not a string");
    auto named = joseAlgorithm(*alg);
    if (!named) return fail(Errc::UnsupportedAlgorithm, "header alg is not RS256, ES256 or EdDSA");
    const PublicKey* key = nullptr;
    if (header.has("kid")) {
        auto kid = detail::stringMember(header, "kid");
        if (!kid) return fail(Errc::Malformed, "header kid is not a string");
        key = keys.find(*kid);
    } else {
        key = keys.soleKey();
    }
    if (!key) return fail(Errc::UnknownKey, "no verification key for the token's kid");
    if (key->algorithm() != *named) return fail(Errc::AlgorithmMismatch, "header alg differs from the key's algorithm");
    return key;
}

// RFC 7515 §4.1.9: "JWT" and "application/JWT" name the same type, case-insensitively.
std::string normalizedType(std::string_view type) {
    std::string lower(type);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    constexpr std::string_view kApplication = "application/";
    if (lower.starts_with(kApplication)) lower.erase(0, kApplication.size());
    return lower;
}

Check checkType(const Poco::JSON::Object& header, const VerifyOptions& options) {
    if (options.type.empty()) return {};
    auto typ = detail::stringMember(header, "typ");
    if (!typ || normalizedType(*typ) != normalizedType(options.type))
        return fail(Errc::TypeMismatch, "typ header is not the expected token type");
    return {};
}

// Absent is nullopt inside; present but not an integer is MissingClaim.
Result<std::optional<std::int64_t>> timeClaim(const Claims& claims, const char* name) {
    if (!claims.has(name)) return std::optional<std::int64_t>();
    auto value = claims.integer(name);
    if (!value) return fail(Errc::MissingClaim, std::string(name) + " is not an integer");
    return value;
}

Check checkTimes(const Claims& claims, const VerifyOptions& options) {
    auto exp = timeClaim(claims, "exp");
    if (!exp) return tl::unexpected(exp.error());
    auto nbf = timeClaim(claims, "nbf");
    if (!nbf) return tl::unexpected(nbf.error());
    auto iat = timeClaim(claims, "iat");
    if (!iat) return tl::unexpected(iat.error());
    std::int64_t skew = std::clamp(options.skew, std::chrono::seconds{0}, kMaxSkew).count();
    std::int64_t now = toUnix(options.now);
    if (!*exp && options.requireExp) return fail(Errc::MissingClaim, "token has no exp");
    if (*exp && now - skew >= **exp) return fail(Errc::Expired, "token has expired");
    if (*nbf && **nbf > now + skew) return fail(Errc::NotYetValid, "token is not valid yet");
    if (*iat && **iat > now + skew) return fail(Errc::IssuedInFuture, "token was issued in the future");
    return {};
}

Check checkIssuerAndAudience(const Claims& claims, const VerifyOptions& options) {
    auto iss = claims.string("iss");
    if (!iss) return fail(Errc::MissingClaim, "iss is missing or not a string");
    if (*iss != options.issuer) return fail(Errc::IssuerMismatch, "iss is not the expected issuer");
    if (!claims.has("aud")) return fail(Errc::MissingClaim, "aud is missing");
    auto audience = claims.audience();
    if (audience.empty()) return fail(Errc::MissingClaim, "aud is empty or not strings");
    if (std::find(audience.begin(), audience.end(), options.audience) == audience.end())
        return fail(Errc::AudienceMismatch, "aud does not name this audience");
    return {};
}

// An empty issuer or audience would make its check vacuous: that is a bug in
// the caller, so it is loud rather than a token rejection. (`now` is not
// checked: test clocks legitimately start at the epoch.)
void requireConfigured(const VerifyOptions& options) {
    if (options.issuer.empty() || options.audience.empty())
        throw Error(ErrorCode::Internal, "verifyJwt needs VerifyOptions.issuer and audience");
}

} // namespace

std::string signJwt(const KeyPair& key, std::string_view kid, std::string_view typ, std::string_view payloadJson) {
    if (!detail::parseObject(payloadJson)) throw Error(ErrorCode::InvalidInput, "JWT payload must be a JSON object");
    Poco::JSON::Object header(Poco::JSON_PRESERVE_KEY_ORDER);
    header.set("alg", std::string(algorithmName(key.algorithm())));
    if (!typ.empty()) header.set("typ", std::string(typ));
    if (!kid.empty()) header.set("kid", std::string(kid));
    std::string signingInput = base64UrlEncode(detail::toJson(header)) + '.' + base64UrlEncode(payloadJson);
    return signingInput + '.' + base64UrlEncode(key.sign(signingInput));
}

Result<Claims> verifyJwt(std::string_view token, const KeySet& keys, const VerifyOptions& options) {
    requireConfigured(options);
    if (token.size() > options.maxBytes) return fail(Errc::TooLarge, "token over the size limit");
    auto segments = split(token);
    if (!segments) return tl::unexpected(segments.error());
    auto header = decodeObject(segments->header, "header");
    if (!header) return tl::unexpected(header.error());
    auto key = selectKey(**header, keys);
    if (!key) return tl::unexpected(key.error());
    auto signature = base64UrlDecode(segments->signature);
    if (!signature) return fail(Errc::Malformed, "signature is not unpadded base64url");
    if (!(*key)->verify(segments->signingInput, *signature)) return fail(Errc::SignatureInvalid, "signature does not verify");
    auto payload = base64UrlDecode(segments->payload);
    if (!payload) return fail(Errc::Malformed, "payload is not unpadded base64url");
    auto claims = Claims::parse(*payload);
    if (!claims) return fail(Errc::Malformed, "payload is not a JSON object");
    if (auto typed = checkType(**header, options); !typed) return tl::unexpected(typed.error());
    if (auto timely = checkTimes(*claims, options); !timely) return tl::unexpected(timely.error());
    if (auto addressed = checkIssuerAndAudience(*claims, options); !addressed) return tl::unexpected(addressed.error());
    return claims;
}

} // namespace authcore::crypto

namespace authcore::crypto {

std::optional<Claims> peekJwtPart(std::string_view token, std::size_t index) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < index; ++i) {
        start = token.find('.', start);
        if (start == std::string_view::npos) return std::nullopt;
        ++start;
    }
    const auto end = token.find('.', start);
    auto decoded = base64UrlDecode(token.substr(start, end == std::string_view::npos ? end : end - start));
    if (!decoded) return std::nullopt;
    auto claims = Claims::parse(*decoded);
    if (!claims) return std::nullopt;
    return *claims;
}

} // namespace authcore::crypto
