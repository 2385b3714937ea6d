// SPDX-License-Identifier: Apache-2.0
// DER <-> r||s conversion for ES256 (RFC 7518 §3.4).
#include "ecdsa_signature.hpp"

#include "openssl_util.hpp"

namespace authcore::crypto::detail {

std::string derToJose(std::string_view der) {
    const unsigned char* cursor = bytes(der);
    EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der.size())));
    check(sig != nullptr, "d2i_ECDSA_SIG");
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    std::string out(2 * kP256ScalarBytes, '\0');
    auto* data = reinterpret_cast<unsigned char*>(out.data());
    constexpr int kWidth = static_cast<int>(kP256ScalarBytes);
    check(BN_bn2binpad(r, data, kWidth) == kWidth && BN_bn2binpad(s, data + kWidth, kWidth) == kWidth,
          "ECDSA r||s encoding");
    return out;
}

std::optional<std::string> joseToDer(std::string_view jose) {
    if (jose.size() != 2 * kP256ScalarBytes) return std::nullopt;
    constexpr int kWidth = static_cast<int>(kP256ScalarBytes);
    BnPtr r(BN_bin2bn(bytes(jose), kWidth, nullptr));
    BnPtr s(BN_bin2bn(bytes(jose) + kWidth, kWidth, nullptr));
    EcdsaSigPtr sig(ECDSA_SIG_new());
    check(r && s && sig, "ECDSA_SIG_new");
    check(ECDSA_SIG_set0(sig.get(), r.get(), s.get()) == 1, "ECDSA_SIG_set0");
    // The signature owns r and s now.
    static_cast<void>(r.release());
    static_cast<void>(s.release());
    int length = i2d_ECDSA_SIG(sig.get(), nullptr);
    check(length > 0, "i2d_ECDSA_SIG");
    std::string der(static_cast<std::size_t>(length), '\0');
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    check(i2d_ECDSA_SIG(sig.get(), &out) == length, "i2d_ECDSA_SIG");
    return der;
}

} // namespace authcore::crypto::detail
