// SPDX-License-Identifier: Apache-2.0
// JWK (RFC 7517/7518/8037) <-> EVP_PKEY for RSA, EC P-256 and OKP Ed25519 public keys.
#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/key_pair.hpp>

#include "ecdsa_signature.hpp"
#include "json_util.hpp"
#include "key_impl.hpp"

#include <openssl/core_names.h>
#include <openssl/err.h>

namespace authcore::crypto {
namespace {

using detail::PkeyPtr;

// Largest JWK text we parse; an 8192-bit RSA key is about 1.5 KiB.
constexpr std::size_t kMaxJwkBytes = 64 * 1024;

Result<std::string> bytesMember(const Poco::JSON::Object& jwk, const std::string& name) {
    auto text = detail::stringMember(jwk, name);
    auto decoded = text ? base64UrlDecode(*text) : std::nullopt;
    if (!decoded || decoded->empty()) return fail(Errc::Malformed, "JWK member '" + name + "' is missing or not base64url");
    return *decoded;
}

// The algorithm follows from kty/crv alone; `alg`, when present, may only confirm it.
Result<SigningAlgorithm> algorithmOf(const Poco::JSON::Object& jwk) {
    auto kty = detail::stringMember(jwk, "kty");
    if (!kty) return fail(Errc::Malformed, "JWK has no kty");
    auto crv = detail::stringMember(jwk, "crv");
    SigningAlgorithm alg;
    if (*kty == "RSA") alg = SigningAlgorithm::RS256;
    else if (*kty == "EC" && crv == "P-256") alg = SigningAlgorithm::ES256;
    else if (*kty == "OKP" && crv == "Ed25519") alg = SigningAlgorithm::EdDSA;
    else return fail(Errc::UnsupportedAlgorithm, "unsupported JWK key type or curve");
    if (jwk.has("alg")) {
        auto named = detail::stringMember(jwk, "alg");
        if (!named) return fail(Errc::Malformed, "JWK alg is not a string");
        if (*named != algorithmName(alg)) return fail(Errc::UnsupportedAlgorithm, "JWK alg does not match its key type");
    }
    return alg;
}

Result<PkeyPtr> fromParams(const char* type, OSSL_PARAM_BLD* bld) {
    detail::ParamsPtr params(OSSL_PARAM_BLD_to_param(bld));
    detail::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    detail::check(params && ctx && EVP_PKEY_fromdata_init(ctx.get()) == 1, "EVP_PKEY_fromdata_init");
    EVP_PKEY* raw = nullptr;
    int rc = EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get());
    PkeyPtr pkey(raw);
    ERR_clear_error();
    if (rc != 1 || !pkey) return fail(Errc::Malformed, "JWK does not describe a valid public key");
    return pkey;
}

Result<PkeyPtr> rsaKey(const Poco::JSON::Object& jwk) {
    auto n = bytesMember(jwk, "n");
    if (!n) return tl::unexpected(n.error());
    auto e = bytesMember(jwk, "e");
    if (!e) return tl::unexpected(e.error());
    detail::BnPtr modulus(BN_bin2bn(detail::bytes(*n), static_cast<int>(n->size()), nullptr));
    detail::BnPtr exponent(BN_bin2bn(detail::bytes(*e), static_cast<int>(e->size()), nullptr));
    detail::check(modulus && exponent, "BN_bin2bn");
    // Refuse before any arithmetic on a key we would not accept anyway.
    if (BN_num_bits(modulus.get()) < detail::kMinRsaBits) return fail(Errc::UnsupportedAlgorithm, "RSA key under 2048 bits");
    if (BN_num_bits(modulus.get()) > detail::kMaxRsaBits) return fail(Errc::UnsupportedAlgorithm, "RSA key over 8192 bits");
    detail::ParamBldPtr bld(OSSL_PARAM_BLD_new());
    detail::check(bld && OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) == 1 &&
                      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) == 1,
                  "OSSL_PARAM_BLD RSA");
    return fromParams("RSA", bld.get());
}

Result<PkeyPtr> ecKey(const Poco::JSON::Object& jwk) {
    auto x = bytesMember(jwk, "x");
    if (!x) return tl::unexpected(x.error());
    auto y = bytesMember(jwk, "y");
    if (!y) return tl::unexpected(y.error());
    // RFC 7518 §6.2.1.2: coordinates are full-length, leading zeros kept.
    if (x->size() != detail::kP256ScalarBytes || y->size() != detail::kP256ScalarBytes)
        return fail(Errc::Malformed, "EC coordinates must be 32 bytes");
    std::string point = "\x04" + *x + *y;
    detail::ParamBldPtr bld(OSSL_PARAM_BLD_new());
    detail::check(bld && OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) == 1 &&
                      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                                       point.size()) == 1,
                  "OSSL_PARAM_BLD EC");
    return fromParams("EC", bld.get());
}

Result<PkeyPtr> okpKey(const Poco::JSON::Object& jwk) {
    auto x = bytesMember(jwk, "x");
    if (!x) return tl::unexpected(x.error());
    if (x->size() != 32) return fail(Errc::Malformed, "Ed25519 key must be 32 bytes");
    PkeyPtr pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, detail::bytes(*x), x->size()));
    ERR_clear_error();
    if (!pkey) return fail(Errc::Malformed, "JWK does not describe a valid public key");
    return pkey;
}

// Rejects points off the curve, even moduli, tiny exponents and the like.
bool publicKeyValid(EVP_PKEY* pkey) {
    detail::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
    detail::check(ctx != nullptr, "EVP_PKEY_CTX_new_from_pkey");
    bool ok = EVP_PKEY_public_check(ctx.get()) == 1;
    ERR_clear_error();
    return ok;
}

std::string bnMember(const EVP_PKEY* pkey, const char* name, int width) {
    BIGNUM* raw = nullptr;
    detail::check(EVP_PKEY_get_bn_param(pkey, name, &raw) == 1, "EVP_PKEY_get_bn_param");
    detail::BnPtr bn(raw);
    int size = width > 0 ? width : BN_num_bytes(bn.get());
    std::string out(static_cast<std::size_t>(size), '\0');
    detail::check(BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(out.data()), size) == size, "BN_bn2binpad");
    return base64UrlEncode(out);
}

std::string rawPublicMember(const EVP_PKEY* pkey) {
    std::string raw(32, '\0');
    std::size_t length = raw.size();
    detail::check(EVP_PKEY_get_raw_public_key(pkey, reinterpret_cast<unsigned char*>(raw.data()), &length) == 1 &&
                      length == raw.size(),
                  "EVP_PKEY_get_raw_public_key");
    return base64UrlEncode(raw);
}

} // namespace

namespace detail {

Result<PublicKey> publicKeyFromJwk(const Poco::JSON::Object& jwk) {
    auto alg = algorithmOf(jwk);
    if (!alg) return tl::unexpected(alg.error());
    if (jwk.has("use") && detail::stringMember(jwk, "use") != "sig")
        return fail(Errc::UnsupportedAlgorithm, "JWK is not a signature key");
    auto kid = detail::stringMember(jwk, "kid");
    if (jwk.has("kid") && !kid) return fail(Errc::Malformed, "JWK kid is not a string");
    auto pkey = *alg == SigningAlgorithm::RS256 ? rsaKey(jwk) : *alg == SigningAlgorithm::ES256 ? ecKey(jwk) : okpKey(jwk);
    if (!pkey) return tl::unexpected(pkey.error());
    if (auto why = keyMismatch(*alg, pkey->get()); !why.empty()) return fail(Errc::UnsupportedAlgorithm, why);
    if (!publicKeyValid(pkey->get())) return fail(Errc::Malformed, "JWK does not describe a valid public key");
    return makePublicKey(*alg, std::move(*pkey), kid.value_or(""));
}

std::string jwkOf(SigningAlgorithm alg, const EVP_PKEY* pkey, std::string_view kid) {
    Poco::JSON::Object jwk(Poco::JSON_PRESERVE_KEY_ORDER);
    constexpr int kWidth = static_cast<int>(kP256ScalarBytes);
    switch (alg) {
    case SigningAlgorithm::RS256:
        jwk.set("kty", "RSA");
        jwk.set("n", bnMember(pkey, OSSL_PKEY_PARAM_RSA_N, 0));
        jwk.set("e", bnMember(pkey, OSSL_PKEY_PARAM_RSA_E, 0));
        break;
    case SigningAlgorithm::ES256:
        jwk.set("kty", "EC");
        jwk.set("crv", "P-256");
        jwk.set("x", bnMember(pkey, OSSL_PKEY_PARAM_EC_PUB_X, kWidth));
        jwk.set("y", bnMember(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, kWidth));
        break;
    case SigningAlgorithm::EdDSA:
        jwk.set("kty", "OKP");
        jwk.set("crv", "Ed25519");
        jwk.set("x", rawPublicMember(pkey));
        break;
    }
    jwk.set("alg", std::string(algorithmName(alg)));
    jwk.set("use", "sig");
    if (!kid.empty()) jwk.set("kid", std::string(kid));
    return toJson(jwk);
}

} // namespace detail

Result<PublicKey> PublicKey::fromJwk(std::string_view jwkJson) {
    if (jwkJson.size() > kMaxJwkBytes) return fail(Errc::TooLarge, "JWK over 64 KiB");
    auto jwk = detail::parseObject(jwkJson);
    if (!jwk) return fail(Errc::Malformed, "JWK is not a JSON object");
    return detail::publicKeyFromJwk(*jwk);
}

} // namespace authcore::crypto
