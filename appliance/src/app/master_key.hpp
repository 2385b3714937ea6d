// SPDX-License-Identifier: Apache-2.0
// The master key file: 32 random bytes, base64, created 0600 when absent.
#pragma once

#include <string>

namespace authcore::appliance {

/// Reads the key at `path`, creating it (and its directory, 0700) when absent.
/// Throws std::runtime_error for an unreadable, malformed or group/world-readable file.
std::string loadOrCreateMasterKey(const std::string& path);
/// A subkey for one purpose (HMAC-SHA-256 of the label under the master key),
/// so one shared secret serves every node without reusing key material.
std::string deriveKey(const std::string& masterKey, const std::string& label);
/// Creates `dir` and its parents with mode 0700 when missing.
void ensureDirectory(const std::string& dir);

} // namespace authcore::appliance
