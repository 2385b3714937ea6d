// SPDX-License-Identifier: Apache-2.0
// argon2id password hashing through libargon2, PHC string format.
#include <authcore/crypto/password_hasher.hpp>

#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>

#include <argon2.h>

#include <charconv>
#include <optional>

namespace authcore::crypto {
namespace {

constexpr std::uint32_t kSaltBytes = 16;
constexpr std::uint32_t kHashBytes = 32;
constexpr std::string_view kPrefix = "$argon2id$";

struct StoredParams {
    std::uint32_t version = 0;
    Argon2Params params;
};

// Reads `<name>=<digits>` followed by `terminator` and advances `text`.
std::optional<std::uint32_t> readField(std::string_view& text, std::string_view name, char terminator) {
    if (text.substr(0, name.size()) != name || text.size() <= name.size() || text[name.size()] != '=')
        return std::nullopt;
    text.remove_prefix(name.size() + 1);
    std::uint32_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end == text.data() || end == text.data() + text.size() || *end != terminator)
        return std::nullopt;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()) + 1);
    return value;
}

// Parses `$argon2id$v=19$m=..,t=..,p=..$`; the salt and hash after it are left to libargon2.
std::optional<StoredParams> parseEncoded(std::string_view encoded) {
    if (encoded.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
    encoded.remove_prefix(kPrefix.size());
    auto v = readField(encoded, "v", '$');
    auto m = readField(encoded, "m", ',');
    auto t = m ? readField(encoded, "t", ',') : std::nullopt;
    auto p = t ? readField(encoded, "p", '$') : std::nullopt;
    if (!v || !p) return std::nullopt;
    return StoredParams{*v, Argon2Params{*t, *m, *p}};
}

} // namespace

std::string PasswordHasher::hash(std::string_view password) const {
    std::string salt = randomBytes(kSaltBytes);
    std::size_t length = argon2_encodedlen(params_.timeCost, params_.memoryKiB, params_.parallelism,
                                           kSaltBytes, kHashBytes, Argon2_id);
    std::string encoded(length, '\0');
    int rc = argon2id_hash_encoded(params_.timeCost, params_.memoryKiB, params_.parallelism, password.data(),
                                   password.size(), salt.data(), salt.size(), kHashBytes, encoded.data(),
                                   encoded.size());
    if (rc != ARGON2_OK) throw Error(ErrorCode::Internal, std::string("argon2id: ") + argon2_error_message(rc));
    encoded.resize(encoded.find('\0'));
    return encoded;
}

bool PasswordHasher::verify(std::string_view password, std::string_view encoded) const {
    // libargon2 wants a C string; an embedded NUL would silently truncate it.
    if (!parseEncoded(encoded) || encoded.find('\0') != std::string_view::npos) return false;
    std::string text(encoded);
    return argon2id_verify(text.c_str(), password.data(), password.size()) == ARGON2_OK;
}

bool PasswordHasher::needsRehash(std::string_view encoded) const {
    auto stored = parseEncoded(encoded);
    if (!stored) return true;
    // Parallelism changes how work is split, not how much; only memory, time
    // and the algorithm version make a hash weaker.
    return stored->version != ARGON2_VERSION_13 || stored->params.memoryKiB < params_.memoryKiB ||
           stored->params.timeCost < params_.timeCost;
}

} // namespace authcore::crypto
