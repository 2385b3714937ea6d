// SPDX-License-Identifier: Apache-2.0
// Strict base64url / base64 / hex codecs and SHA-256.
#include <authcore/crypto/encoding.hpp>

#include "openssl_util.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <array>
#include <cstdint>

namespace authcore::crypto {
namespace {

constexpr std::string_view kStdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kHexDigits = "0123456789abcdef";

std::string encode64(std::string_view bytes, std::string_view alphabet, bool pad) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        std::uint32_t v = (std::uint32_t(std::uint8_t(bytes[i])) << 16) |
                          (std::uint32_t(std::uint8_t(bytes[i + 1])) << 8) | std::uint8_t(bytes[i + 2]);
        for (int shift = 18; shift >= 0; shift -= 6) out += alphabet[(v >> shift) & 0x3f];
    }
    std::size_t rest = bytes.size() - i;
    if (rest == 0) return out;
    std::uint32_t v = std::uint32_t(std::uint8_t(bytes[i])) << 16;
    if (rest == 2) v |= std::uint32_t(std::uint8_t(bytes[i + 1])) << 8;
    out += alphabet[(v >> 18) & 0x3f];
    out += alphabet[(v >> 12) & 0x3f];
    if (rest == 2) out += alphabet[(v >> 6) & 0x3f];
    if (pad) out.append(rest == 1 ? 2 : 1, '=');
    return out;
}

using DecodeTable = std::array<std::int8_t, 256>;

constexpr DecodeTable makeTable(std::string_view alphabet) {
    DecodeTable table{};
    for (auto& entry : table) entry = -1;
    for (std::size_t i = 0; i < alphabet.size(); ++i)
        table[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
    return table;
}

constexpr DecodeTable kStdTable = makeTable(kStdAlphabet);
constexpr DecodeTable kUrlTable = makeTable(kUrlAlphabet);

// Decodes unpadded text. Leftover bits must be zero so that every byte string
// has exactly one encoding (a second spelling of a signature would be malleability).
std::optional<std::string> decode64(std::string_view text, const DecodeTable& table) {
    if (text.size() % 4 == 1) return std::nullopt;
    std::string out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : text) {
        std::int8_t v = table[static_cast<unsigned char>(c)];
        if (v < 0) return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xff);
        }
    }
    if ((acc & ((1u << bits) - 1)) != 0) return std::nullopt;
    return out;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

} // namespace

std::string base64UrlEncode(std::string_view bytes) { return encode64(bytes, kUrlAlphabet, false); }

std::optional<std::string> base64UrlDecode(std::string_view text) { return decode64(text, kUrlTable); }

std::string base64Encode(std::string_view bytes) { return encode64(bytes, kStdAlphabet, true); }

std::optional<std::string> base64Decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::size_t padding = 0;
    while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') ++padding;
    // A stray '=' elsewhere is caught by the table lookup in decode64.
    return decode64(text.substr(0, text.size() - padding), kStdTable);
}

std::string hexEncode(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes) {
        auto b = static_cast<unsigned char>(c);
        out += kHexDigits[b >> 4];
        out += kHexDigits[b & 0x0f];
    }
    return out;
}

std::optional<std::string> hexDecode(std::string_view text) {
    if (text.size() % 2 != 0) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 2);
    for (std::size_t i = 0; i < text.size(); i += 2) {
        int hi = hexValue(text[i]);
        int lo = hexValue(text[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>((hi << 4) | lo);
    }
    return out;
}

std::string sha256(std::string_view data) {
    std::string digest(SHA256_DIGEST_LENGTH, '\0');
    unsigned int length = 0;
    detail::check(EVP_Digest(detail::bytes(data), data.size(), reinterpret_cast<unsigned char*>(digest.data()),
                             &length, EVP_sha256(), nullptr) == 1 && length == digest.size(),
                  "SHA-256");
    return digest;
}

} // namespace authcore::crypto
