// SPDX-License-Identifier: Apache-2.0
// What a service, a plan and an API key may look like.
#include "services/service_rules.hpp"

#include <authcore/error.hpp>
#include <authcore/services/service_catalog.hpp>

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace authcore::rules {
namespace {

// ISO 4217 active codes (2024), lower case, sorted for binary search.
constexpr std::array<std::string_view, 157> kCurrencies{
    "aed", "afn", "all", "amd", "ang", "aoa", "ars", "aud", "awg", "azn", "bam", "bbd", "bdt", "bgn", "bhd", "bif",
    "bmd", "bnd", "bob", "brl", "bsd", "btn", "bwp", "byn", "bzd", "cad", "cdf", "chf", "clp", "cny", "cop", "crc",
    "cuc", "cup", "cve", "czk", "djf", "dkk", "dop", "dzd", "egp", "ern", "etb", "eur", "fjd", "fkp", "gbp", "gel",
    "ghs", "gip", "gmd", "gnf", "gtq", "gyd", "hkd", "hnl", "htg", "huf", "idr", "ils", "inr", "iqd", "irr", "isk",
    "jmd", "jod", "jpy", "kes", "kgs", "khr", "kmf", "kpw", "krw", "kwd", "kyd", "kzt", "lak", "lbp", "lkr", "lrd",
    "lsl", "lyd", "mad", "mdl", "mga", "mkd", "mmk", "mnt", "mop", "mru", "mur", "mvr", "mwk", "mxn", "myr", "mzn",
    "nad", "ngn", "nio", "nok", "npr", "nzd", "omr", "pab", "pen", "pgk", "php", "pkr", "pln", "pyg", "qar", "ron",
    "rsd", "rub", "rwf", "sar", "sbd", "scr", "sdg", "sek", "sgd", "shp", "sle", "sos", "srd", "ssp", "stn", "svc",
    "syp", "szl", "thb", "tjs", "tmt", "tnd", "top", "try", "ttd", "twd", "tzs", "uah", "ugx", "usd", "uyu", "uzs",
    "ves", "vnd", "vuv", "wst", "xaf", "xcd", "xof", "xpf", "yer", "zar", "zmw", "zwg", "zwl"};

constexpr long long kMaxPriceCents = 100'000'000'000LL; // a billion in the currency's unit

[[noreturn]] void invalid(const std::string& message) { throw Error(ErrorCode::InvalidInput, message); }

bool isLocalHost(const std::string& host) { return host == "localhost" || host == "127.0.0.1" || host == "::1"; }

bool printableWithoutSpace(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; });
}

} // namespace

void checkSlug(const std::string& slug) {
    const bool charset = std::all_of(slug.begin(), slug.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (slug.size() < 2 || slug.size() > 63 || !charset || slug.front() == '-' || slug.back() == '-')
        invalid("slug must be 2-63 characters of a-z, 0-9 and '-', not starting or ending with '-'");
}

void checkName(const std::string& name, const char* field) {
    const bool control = std::any_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
    if (name.empty() || name.size() > 200 || control) invalid(std::string(field) + " must be 1-200 characters");
}

void checkRedirectUris(const std::vector<std::string>& uris) {
    if (uris.size() > 20) invalid("at most 20 redirect_uris");
    for (const auto& uri : uris) {
        Poco::URI parsed;
        try {
            parsed = Poco::URI(uri);
        } catch (const Poco::Exception&) {
            invalid("redirect_uris: '" + uri.substr(0, 100) + "' is not a URL");
        }
        const bool https = parsed.getScheme() == "https";
        const bool localHttp = parsed.getScheme() == "http" && isLocalHost(parsed.getHost());
        if (uri.size() > 2048 || parsed.getHost().empty() || !parsed.getFragment().empty() || !(https || localHttp) ||
            uri.find_first_of(" \t\r\n#") != std::string::npos)
            invalid("redirect_uris: '" + uri.substr(0, 100) +
                    "' must be an absolute https URL without fragment (http only for localhost)");
    }
}

void checkProviderScopes(const std::vector<std::string>& scopes, const char* field) {
    if (scopes.size() > 50) invalid(std::string("at most 50 ") + field);
    for (const auto& scope : scopes)
        if (scope.empty() || scope.size() > 100 || !printableWithoutSpace(scope))
            invalid(std::string(field) + ": each scope is 1-100 printable characters without spaces");
}

void checkCurrency(const std::string& currency) {
    if (!std::binary_search(kCurrencies.begin(), kCurrencies.end(), std::string_view(currency)))
        invalid("currency must be a lower-case ISO 4217 code such as usd or eur");
}

void checkPrice(long long cents) {
    if (cents < 0 || cents > kMaxPriceCents) invalid("price_cents must be between 0 and 100000000000");
}

void checkFeatures(const std::vector<std::string>& features) {
    if (features.size() > 100) invalid("at most 100 features");
    for (const auto& feature : features)
        if (feature.empty() || feature.size() > 100) invalid("features: each feature is 1-100 characters");
}

void checkPermissions(const std::vector<std::string>& permissions) {
    const auto& known = apiKeyPermissionNames();
    if (permissions.empty()) invalid("permissions must name at least one permission");
    for (std::size_t i = 0; i < permissions.size(); ++i) {
        if (std::find(known.begin(), known.end(), permissions[i]) == known.end())
            invalid("unknown permission '" + permissions[i].substr(0, 64) + "'");
        if (std::find(permissions.begin(), permissions.begin() + static_cast<long>(i), permissions[i]) !=
            permissions.begin() + static_cast<long>(i))
            invalid("permission '" + permissions[i] + "' is listed twice");
    }
}

} // namespace authcore::rules
