// SPDX-License-Identifier: Apache-2.0
// Validation of service, plan and API key input; each throws Error(InvalidInput)
// naming the field.
#pragma once

#include <string>
#include <vector>

namespace authcore::rules {

/// Lowercase letters, digits and '-', 2-63 characters, starting and ending with a letter or digit.
void checkSlug(const std::string& slug);
/// 1-200 characters, no control characters.
void checkName(const std::string& name, const char* field);
/// Absolute https URLs (http only for localhost, 127.0.0.1, [::1]), no fragment; at most 20.
void checkRedirectUris(const std::vector<std::string>& uris);
/// Provider scopes: at most 50, each 1-100 printable characters without spaces.
void checkProviderScopes(const std::vector<std::string>& scopes, const char* field);
/// A lower-case ISO 4217 code.
void checkCurrency(const std::string& currency);
void checkPrice(long long cents);
void checkFeatures(const std::vector<std::string>& features);
/// A non-empty subset of apiKeyPermissionNames(), without repeats.
void checkPermissions(const std::vector<std::string>& permissions);

} // namespace authcore::rules
