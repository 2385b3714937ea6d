// SPDX-License-Identifier: Apache-2.0
// Poco::JSON parsing with limits for attacker-controlled documents.
#include "json_util.hpp"

#include <Poco/JSON/Parser.h>

#include <exception>
#include <sstream>

namespace authcore::crypto::detail {
namespace {

// Poco's parser recurses per nesting level; real JOSE documents are 2-3 deep.
constexpr std::size_t kMaxDepth = 32;

} // namespace

Poco::JSON::Object::Ptr parseObject(std::string_view text) {
    try {
        Poco::JSON::Parser parser;
        parser.setDepth(kMaxDepth);
        parser.setAllowNullByte(false);
        Poco::Dynamic::Var value = parser.parse(std::string(text));
        if (value.type() != typeid(Poco::JSON::Object::Ptr)) return {};
        return value.extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        // Poco::Exception and std errors alike: all mean "not a JSON object".
        return {};
    }
}

std::optional<std::string> stringMember(const Poco::JSON::Object& object, const std::string& name) {
    Poco::Dynamic::Var value = object.get(name);
    if (value.isEmpty() || !value.isString()) return std::nullopt;
    return value.extract<std::string>();
}

std::string toJson(const Poco::JSON::Object& object) {
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

} // namespace authcore::crypto::detail
