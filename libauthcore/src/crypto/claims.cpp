// SPDX-License-Identifier: Apache-2.0
// Claims: typed read access to a JWT payload held as a Poco::JSON object.
#include <authcore/crypto/jwt.hpp>

#include "json_util.hpp"

#include <Poco/JSON/Array.h>

#include <exception>

namespace authcore::crypto {

struct Claims::Impl {
    Poco::JSON::Object::Ptr object;
    std::string json;

    Poco::Dynamic::Var member(std::string_view name) const { return object->get(std::string(name)); }
};

Claims::Claims(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

Result<Claims> Claims::parse(std::string_view json) {
    auto object = detail::parseObject(json);
    if (!object) return fail(Errc::Malformed, "claims are not a JSON object");
    return Claims(std::make_shared<const Impl>(Impl{object, std::string(json)}));
}

std::optional<std::string> Claims::string(std::string_view name) const {
    return detail::stringMember(*impl_->object, std::string(name));
}

std::optional<std::int64_t> Claims::integer(std::string_view name) const {
    Poco::Dynamic::Var value = impl_->member(name);
    // Poco reports true/false as integers too; a claim typed bool is not a number.
    if (value.isEmpty() || !value.isInteger() || value.isBoolean()) return std::nullopt;
    try {
        return value.convert<Poco::Int64>();
    } catch (const std::exception&) {
        return std::nullopt; // an unsigned value beyond Int64
    }
}

std::optional<bool> Claims::boolean(std::string_view name) const {
    Poco::Dynamic::Var value = impl_->member(name);
    if (value.isEmpty() || !value.isBoolean()) return std::nullopt;
    return value.extract<bool>();
}

std::vector<std::string> Claims::audience() const {
    Poco::Dynamic::Var value = impl_->member("aud");
    if (value.isEmpty()) return {};
    if (value.isString()) return {value.extract<std::string>()};
    if (value.type() != typeid(Poco::JSON::Array::Ptr)) return {};
    auto array = value.extract<Poco::JSON::Array::Ptr>();
    std::vector<std::string> audience;
    for (const auto& entry : *array) {
        // A mistyped entry makes the whole claim unusable rather than partly read.
        if (entry.isEmpty() || !entry.isString()) return {};
        audience.push_back(entry.extract<std::string>());
    }
    return audience;
}

bool Claims::has(std::string_view name) const { return impl_->object->has(std::string(name)); }

const std::string& Claims::json() const { return impl_->json; }

} // namespace authcore::crypto
