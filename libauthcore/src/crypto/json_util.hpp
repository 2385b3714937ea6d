// SPDX-License-Identifier: Apache-2.0
// Private Poco::JSON helpers: hardened parsing of untrusted objects and compact writing.
#pragma once

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <string_view>

namespace authcore::crypto::detail {

/// Parses `text` as one JSON object (depth-limited, no NUL in strings);
/// null on any syntax error or when the top-level value is not an object.
Poco::JSON::Object::Ptr parseObject(std::string_view text);
/// The member as a string; nullopt when absent or of another type.
std::optional<std::string> stringMember(const Poco::JSON::Object& object, const std::string& name);
/// Compact JSON text of `object`.
std::string toJson(const Poco::JSON::Object& object);

} // namespace authcore::crypto::detail
