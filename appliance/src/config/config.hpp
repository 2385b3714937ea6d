// SPDX-License-Identifier: Apache-2.0
// Config: the properties file, AUTHCORE_* overrides and zero-config defaults.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace authcore::appliance {

/// Resolved settings. Every key of the properties file maps to one field.
class Config {
public:
    /// Reads `file` (empty: no file) then applies AUTHCORE_* variables from
    /// `environment` (KEY.NAME -> AUTHCORE_KEY_NAME). Throws std::invalid_argument
    /// with a message naming the key for an unknown key or a bad value.
    static Config load(const std::string& file, const std::map<std::string, std::string>& environment);
    /// The process environment as a map.
    static std::map<std::string, std::string> processEnvironment();

    /// Raw value of a known key after defaults and overrides.
    const std::string& get(const std::string& key) const;
    int getInt(const std::string& key) const;
    bool getBool(const std::string& key) const;
    /// A space- or comma-separated value as a list (empty items dropped).
    std::vector<std::string> getList(const std::string& key) const;
    /// Where each value came from ("default", the file, or the variable), for `config check`.
    const std::string& sourceOf(const std::string& key) const;
    /// Every known key, in documentation order.
    static const std::vector<std::string>& knownKeys();
    /// True for keys whose values must never be printed.
    static bool isSecret(const std::string& key);
    /// The value as `config check` prints it: secrets and URL passwords hidden.
    std::string displayValue(const std::string& key) const;

    // Derived values used everywhere.
    std::string publicUrl() const;   ///< public_url without a trailing '/'
    std::string frontendUrl() const; ///< frontend_url, default public_url
    bool secureCookies() const { return publicUrl().rfind("https://", 0) == 0; }

private:
    void set(const std::string& key, const std::string& value, const std::string& source);
    void validate() const;
    void validateUpstream() const;

    std::map<std::string, std::string> values_;
    std::map<std::string, std::string> sources_;
};

} // namespace authcore::appliance
