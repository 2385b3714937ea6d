// SPDX-License-Identifier: Apache-2.0
// LoginPending as JSON in the CodeStore.
#include "services/login_pending.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace authcore {
namespace {

// One table drives both directions, so a field cannot be written and forgotten.
template <class Pending, class Visit>
void eachField(Pending& p, Visit visit) {
    visit("client_id", p.clientId);
    visit("redirect_uri", p.redirectUri);
    visit("code_challenge", p.codeChallenge);
    visit("state", p.state);
    visit("scope", p.scope);
    visit("nonce", p.nonce);
    visit("upstream_state", p.upstream.state);
    visit("upstream_nonce", p.upstream.nonce);
    visit("upstream_verifier", p.upstream.codeVerifier);
    visit("session_hash", p.sessionHash);
}

} // namespace

std::string serialisePending(const LoginPending& pending) {
    Poco::JSON::Object object;
    eachField(pending, [&](const char* name, const std::string& value) { object.set(name, value); });
    std::ostringstream json;
    object.stringify(json);
    return json.str();
}

std::optional<LoginPending> parsePending(const std::string& json) {
    try {
        const auto object = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
        LoginPending pending;
        eachField(pending, [&](const char* name, std::string& value) { value = object->getValue<std::string>(name); });
        return pending;
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
}

} // namespace authcore
