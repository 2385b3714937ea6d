// SPDX-License-Identifier: Apache-2.0
// Configuration keys, defaults, file and environment layering, validation.
#include "config/config.hpp"

#include <authcore/model/signing_key.hpp>

#include <Poco/AutoPtr.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

extern char** environ;

namespace authcore::appliance {
namespace {

struct KeySpec {
    const char* key;
    const char* defaultValue;
};

// The order is the order of docs/configuration.md.
const KeySpec kKeys[] = {
    {"http.address", "127.0.0.1"},
    {"http.port", "8080"},
    {"http.threads", "0"},
    {"http.max_body_bytes", "1048576"},
    {"http.max_header_bytes", "8192"},
    {"http.trusted_proxies", ""},
    {"http.drain_seconds", "20"},
    {"tls.cert", ""},
    {"tls.key", ""},
    {"public_url", ""},
    {"frontend_url", ""},
    {"store.url", "sqlite:./authcore-data/authcore.db"},
    {"store.pool_size", "8"},
    {"cache.url", "memory:"},
    {"keys.master_key_file", "./authcore-data/master.key"},
    {"outbound.ca_file", ""},
    {"token.ttl_seconds", "3600"},
    {"token.algorithm", "RS256"},
    {"login.rate_limit_per_ip", "20"},
    {"login.rate_limit_per_account", "10"},
    {"session.ttl_seconds", "43200"},
    {"password.argon2_memory_kib", "65536"},
    {"password.argon2_time_cost", "3"},
    {"saml.certificate_validity_days", "1095"},
    {"console.redirect_uris", ""},
    {"login.upstream.type", ""},
    {"login.upstream.client_id", ""},
    {"login.upstream.client_secret", ""},
    {"login.upstream.scopes", ""},
    {"login.upstream.issuer", ""},
    {"login.upstream.token_auth_method", ""},
    {"login.upstream.authorization_endpoint", ""},
    {"login.upstream.token_endpoint", ""},
    {"login.upstream.userinfo_endpoint", ""},
    {"log.level", "info"},
    {"log.format", "text"},
};

std::string envName(const std::string& key) {
    std::string name = "AUTHCORE_";
    for (char c : key) name += (c == '.') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

// systemd passes LoadCredential=/SetCredential= files in $CREDENTIALS_DIRECTORY
// (read-only, private to the service): `credential:NAME` names one of them.
std::optional<std::string> credentialPath(const std::string& key, const std::string& value,
                                          const std::map<std::string, std::string>& environment) {
    const std::string prefix = "credential:";
    if (value.rfind(prefix, 0) != 0) return std::nullopt;
    const auto name = value.substr(prefix.size());
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos)
        throw std::invalid_argument(key + ": credential:NAME takes a plain file name");
    const auto dir = environment.find("CREDENTIALS_DIRECTORY");
    if (dir == environment.end() || dir->second.empty())
        throw std::invalid_argument(key + " = " + value + " needs $CREDENTIALS_DIRECTORY (systemd LoadCredential=)");
    return dir->second + "/" + name;
}

bool isInteger(const std::string& value) {
    return !value.empty() && value.size() < 10 && std::all_of(value.begin(), value.end(), ::isdigit);
}

} // namespace

const std::vector<std::string>& Config::knownKeys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> out;
        for (const auto& spec : kKeys) out.emplace_back(spec.key);
        return out;
    }();
    return keys;
}

bool Config::isSecret(const std::string& key) { return key == "login.upstream.client_secret"; }

std::string Config::displayValue(const std::string& key) const {
    const auto& value = get(key);
    if (isSecret(key)) return value.empty() ? "" : "(set, hidden)";
    // mysql://user:password@host: only the password is hidden.
    const auto scheme = value.find("://");
    if (scheme == std::string::npos) return value;
    // The authority ends at the first '/' after it; a password may contain '@'.
    const auto at = value.rfind('@', value.find('/', scheme + 3));
    if (at == std::string::npos || at < scheme) return value;
    const auto colon = value.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return value;
    return value.substr(0, colon + 1) + "***" + value.substr(at);
}

std::map<std::string, std::string> Config::processEnvironment() {
    std::map<std::string, std::string> env;
    for (char** e = environ; e && *e; ++e) {
        std::string entry(*e);
        const auto eq = entry.find('=');
        if (eq == std::string::npos) continue;
        const auto name = entry.substr(0, eq);
        if (name.rfind("AUTHCORE_", 0) == 0 || name == "CREDENTIALS_DIRECTORY") env[name] = entry.substr(eq + 1);
    }
    return env;
}

void Config::set(const std::string& key, const std::string& value, const std::string& source) {
    values_[key] = value;
    sources_[key] = source;
}

Config Config::load(const std::string& file, const std::map<std::string, std::string>& environment) {
    Config config;
    for (const auto& spec : kKeys) config.set(spec.key, spec.defaultValue, "default");
    if (!file.empty()) {
        Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> props;
        try {
            props = new Poco::Util::PropertyFileConfiguration(file);
        } catch (const std::exception& e) {
            throw std::invalid_argument("cannot read configuration file " + file + ": " + e.what());
        }
        std::vector<std::string> pending{""};
        while (!pending.empty()) {
            const auto prefix = pending.back();
            pending.pop_back();
            Poco::Util::AbstractConfiguration::Keys keys;
            props->keys(prefix, keys);
            for (const auto& k : keys) {
                const auto full = prefix.empty() ? k : prefix + "." + k;
                if (props->hasProperty(full)) {
                    if (!config.values_.count(full)) throw std::invalid_argument("unknown configuration key: " + full);
                    config.set(full, props->getRawString(full), file);
                }
                pending.push_back(full);
            }
        }
    }
    for (const auto& spec : kKeys) {
        auto it = environment.find(envName(spec.key));
        if (it != environment.end()) config.set(spec.key, it->second, it->first);
    }
    for (const char* key : {"keys.master_key_file", "tls.cert", "tls.key"})
        if (auto path = credentialPath(key, config.get(key), environment)) config.set(key, *path, config.sourceOf(key));
    config.validate();
    return config;
}

void Config::validate() const {
    for (const char* key : {"http.port", "http.threads", "http.max_body_bytes", "http.max_header_bytes",
                            "http.drain_seconds",
                            "store.pool_size", "token.ttl_seconds", "login.rate_limit_per_ip",
                            "login.rate_limit_per_account", "session.ttl_seconds",
                            "saml.certificate_validity_days", "password.argon2_memory_kib",
                            "password.argon2_time_cost"})
        if (!isInteger(get(key))) throw std::invalid_argument(std::string(key) + " must be a whole number");
    if (getInt("password.argon2_memory_kib") < 1024 || getInt("password.argon2_memory_kib") > 4194304)
        throw std::invalid_argument("password.argon2_memory_kib must be between 1024 and 4194304");
    if (getInt("password.argon2_time_cost") < 1 || getInt("password.argon2_time_cost") > 10)
        throw std::invalid_argument("password.argon2_time_cost must be between 1 and 10");
    if (getInt("http.port") > 65535) throw std::invalid_argument("http.port must be at most 65535");
    // Above the shipped TimeoutStopSec=30s only with a unit override that raises it too:
    // systemd SIGKILLs a stop that takes longer.
    if (getInt("http.drain_seconds") > 300) throw std::invalid_argument("http.drain_seconds must be between 0 and 300");
    if (getInt("token.ttl_seconds") < 60 || getInt("token.ttl_seconds") > 86400)
        throw std::invalid_argument("token.ttl_seconds must be between 60 and 86400");
    if (getInt("saml.certificate_validity_days") < 1 || getInt("saml.certificate_validity_days") > 3650)
        throw std::invalid_argument("saml.certificate_validity_days must be between 1 and 3650");
    if (!parseAlgorithm(get("token.algorithm")))
        throw std::invalid_argument("token.algorithm must be RS256, ES256 or EdDSA");
    if (get("tls.cert").empty() != get("tls.key").empty())
        throw std::invalid_argument("tls.cert and tls.key must be set together");
    const auto& cache = get("cache.url");
    if (cache != "memory:")
        throw std::invalid_argument("cache.url: only memory: is supported by this version (got " +
                                    cache.substr(0, cache.find(':')) + ":)");
    for (const char* key : {"public_url", "frontend_url"}) {
        const auto& url = get(key);
        if (!url.empty() && url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
            throw std::invalid_argument(std::string(key) + " must start with http:// or https://");
    }
    for (const auto& proxy : getList("http.trusted_proxies")) {
        Poco::Net::IPAddress parsed;
        if (!Poco::Net::IPAddress::tryParse(proxy, parsed))
            throw std::invalid_argument("http.trusted_proxies: " + proxy + " is not an IP address");
    }
    validateUpstream();
    if (get("log.format") != "text" && get("log.format") != "json")
        throw std::invalid_argument("log.format must be text or json");
    const auto& level = get("log.level");
    if (level != "debug" && level != "info" && level != "warning" && level != "warn" && level != "error")
        throw std::invalid_argument("log.level must be debug, info, warning or error");
}

void Config::validateUpstream() const {
    const auto& type = get("login.upstream.type");
    if (type.empty()) return;
    if (type != "github" && type != "google" && type != "microsoft" && type != "oidc")
        throw std::invalid_argument("login.upstream.type must be github, google, microsoft or oidc");
    if (get("login.upstream.client_id").empty())
        throw std::invalid_argument("login.upstream.client_id is required with login.upstream.type");
    const auto& issuer = get("login.upstream.issuer");
    if (type == "oidc" && issuer.rfind("https://", 0) != 0 && issuer.rfind("http://", 0) != 0)
        throw std::invalid_argument("login.upstream.issuer (an http(s) URL) is required for type oidc");
    const auto& method = get("login.upstream.token_auth_method");
    if (!method.empty() && method != "client_secret_basic" && method != "client_secret_post")
        throw std::invalid_argument("login.upstream.token_auth_method must be client_secret_basic or client_secret_post");
}

const std::string& Config::get(const std::string& key) const {
    auto it = values_.find(key);
    if (it == values_.end()) throw std::logic_error("unknown configuration key " + key);
    return it->second;
}

int Config::getInt(const std::string& key) const { return std::stoi(get(key)); }

bool Config::getBool(const std::string& key) const {
    const auto& v = get(key);
    return v == "true" || v == "yes" || v == "1" || v == "on";
}

std::vector<std::string> Config::getList(const std::string& key) const {
    std::vector<std::string> items;
    std::string current;
    for (char c : get(key) + " ") {
        if (c == ' ' || c == ',' || c == '\t') {
            if (!current.empty()) items.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    return items;
}

const std::string& Config::sourceOf(const std::string& key) const { return sources_.at(key); }

std::string Config::publicUrl() const {
    auto url = get("public_url");
    if (url.empty()) {
        const auto scheme = get("tls.cert").empty() ? "http://" : "https://";
        url = scheme + get("http.address") + ":" + get("http.port");
    }
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

std::string Config::frontendUrl() const {
    auto url = get("frontend_url");
    if (url.empty()) return publicUrl();
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

} // namespace authcore::appliance
