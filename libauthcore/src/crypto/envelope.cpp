// SPDX-License-Identifier: Apache-2.0
// AES-256-GCM envelope for secrets at rest, with the context bound as AAD.
#include <authcore/crypto/envelope.hpp>

#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>

#include "openssl_util.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>

#include <climits>

namespace authcore::crypto {
namespace {

constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kTagBytes = 16;
constexpr std::string_view kVersionPrefix = "v1.";

unsigned char* writable(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

int intLength(std::string_view s) {
    if (s.size() > static_cast<std::size_t>(INT_MAX) / 2) throw Error(ErrorCode::InvalidInput, "value too large to seal");
    return static_cast<int>(s.size());
}

detail::CipherCtxPtr gcmContext(bool encrypt, const std::string& key, std::string_view nonce) {
    detail::CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    detail::check(ctx != nullptr, "EVP_CIPHER_CTX_new");
    // GCM's default IV length is the 12 bytes we use, so no SET_IVLEN is needed.
    detail::check(EVP_CipherInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, detail::bytes(key), detail::bytes(nonce),
                                    encrypt ? 1 : 0) == 1,
                  "AES-256-GCM init");
    return ctx;
}

void addAad(EVP_CIPHER_CTX* ctx, std::string_view context) {
    int length = 0;
    if (!context.empty())
        detail::check(EVP_CipherUpdate(ctx, nullptr, &length, detail::bytes(context), intLength(context)) == 1,
                      "AES-256-GCM AAD");
}

} // namespace

Envelope::Envelope(std::string masterKey) : key_(std::move(masterKey)) {
    if (key_.size() != kKeyBytes) {
        OPENSSL_cleanse(key_.data(), key_.size());
        throw Error(ErrorCode::InvalidInput, "the master key must be exactly 32 bytes");
    }
}

std::string Envelope::seal(std::string_view plaintext, std::string_view context) const {
    std::string nonce = randomBytes(kNonceBytes);
    auto ctx = gcmContext(true, key_, nonce);
    addAad(ctx.get(), context);
    std::string blob = nonce + std::string(plaintext.size() + kTagBytes, '\0');
    int length = 0;
    if (!plaintext.empty())
        detail::check(EVP_EncryptUpdate(ctx.get(), writable(blob) + kNonceBytes, &length, detail::bytes(plaintext),
                                        intLength(plaintext)) == 1,
                      "AES-256-GCM encrypt");
    int tail = 0;
    detail::check(EVP_EncryptFinal_ex(ctx.get(), writable(blob) + kNonceBytes + length, &tail) == 1 && tail == 0,
                  "AES-256-GCM final");
    detail::check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                                      writable(blob) + kNonceBytes + plaintext.size()) == 1,
                  "AES-256-GCM tag");
    return std::string(kVersionPrefix) + base64UrlEncode(blob);
}

Result<std::string> Envelope::open(std::string_view sealed, std::string_view context) const {
    if (sealed.substr(0, kVersionPrefix.size()) != kVersionPrefix) return fail(Errc::Malformed, "unknown envelope version");
    auto blob = base64UrlDecode(sealed.substr(kVersionPrefix.size()));
    if (!blob || blob->size() < kNonceBytes + kTagBytes) return fail(Errc::Malformed, "bad envelope encoding");
    std::string_view all(*blob);
    std::string_view nonce = all.substr(0, kNonceBytes);
    std::string_view ciphertext = all.substr(kNonceBytes, all.size() - kNonceBytes - kTagBytes);
    std::string tag(all.substr(all.size() - kTagBytes));

    auto ctx = gcmContext(false, key_, nonce);
    addAad(ctx.get(), context);
    std::string plaintext(ciphertext.size(), '\0');
    int length = 0;
    if (!ciphertext.empty())
        detail::check(EVP_DecryptUpdate(ctx.get(), writable(plaintext), &length, detail::bytes(ciphertext),
                                        intLength(ciphertext)) == 1,
                      "AES-256-GCM decrypt");
    detail::check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) == 1,
                  "AES-256-GCM set tag");
    int tail = 0;
    if (EVP_DecryptFinal_ex(ctx.get(), writable(plaintext) + length, &tail) != 1) {
        // Unauthenticated plaintext must not outlive the failed check.
        OPENSSL_cleanse(plaintext.data(), plaintext.size());
        ERR_clear_error();
        return fail(Errc::DecryptionFailed, "sealed value failed authentication");
    }
    return plaintext;
}

std::string Envelope::generateKey() { return randomBytes(kKeyBytes); }

} // namespace authcore::crypto
