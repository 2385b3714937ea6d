// SPDX-License-Identifier: Apache-2.0
// Envelope: AES-256-GCM sealing of stored secrets under the master key.
#pragma once

#include <authcore/result.hpp>
#include <string>
#include <string_view>

namespace authcore::crypto {

class Envelope {
public:
    /// `masterKey` is exactly 32 bytes (throws InvalidInput otherwise).
    explicit Envelope(std::string masterKey);
    /// `v1.` + base64url(12-byte random nonce | ciphertext | 16-byte tag).
    /// `context` is bound as AAD (e.g. the key id) so sealed values cannot be swapped.
    std::string seal(std::string_view plaintext, std::string_view context) const;
    /// DecryptionFailed for a wrong key, wrong context or any tampering;
    /// Malformed for a bad encoding.
    Result<std::string> open(std::string_view sealed, std::string_view context) const;
    /// A new random 32-byte key.
    static std::string generateKey();

private:
    std::string key_;
};

} // namespace authcore::crypto
