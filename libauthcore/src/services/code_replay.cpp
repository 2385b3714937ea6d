// SPDX-License-Identifier: Apache-2.0
// Used-code markers: what a single-use code issued, kept past the code's life.
#include "services/code_replay.hpp"

#include "crypto/json_util.hpp"

#include <Poco/JSON/Object.h>

namespace authcore::detail {
namespace {

// Longer than any code lives, so a replay after expiry is still caught.
constexpr std::chrono::seconds kUsedMarkerLifetime{600};

} // namespace

void rememberUsedCode(CodeStore& codes, const std::string& markerKey, const std::string& familyId,
                      const IssuedToken& access, Timestamp now) {
    Poco::JSON::Object marker;
    marker.set("family", familyId);
    marker.set("jti", access.jti);
    marker.set("exp", static_cast<Poco::Int64>(toUnix(now + access.expiresIn)));
    codes.putIfAbsent(markerKey, crypto::detail::toJson(marker), kUsedMarkerLifetime);
}

std::string revokeReplayedCode(CodeStore& codes, TokenStore& tokens, const std::string& markerKey) {
    const auto stored = codes.get(markerKey);
    const auto marker = stored ? crypto::detail::parseObject(*stored) : nullptr;
    if (!marker) return "";
    const auto familyId = marker->optValue<std::string>("family", "");
    const auto jti = marker->optValue<std::string>("jti", "");
    if (!familyId.empty()) tokens.revokeFamily(familyId);
    if (!jti.empty()) tokens.revokeAccessToken(jti, fromUnix(marker->optValue<Poco::Int64>("exp", 0)));
    return familyId;
}

} // namespace authcore::detail
