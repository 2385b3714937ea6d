// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the SP half's parsers on arbitrary bytes: IdP metadata (as an
// EntityDescriptor or aggregate, with and without an entity ID to pick) and RelayState.
#include <authcore/saml/idp_metadata_reader.hpp>
#include <authcore/saml/library.hpp>
#include <authcore/saml/relay_state.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace saml = authcore::saml;

namespace {

// Before the seeds' validUntil, so the readers get past the validity check.
std::chrono::system_clock::time_point seedNow() {
  using namespace std::chrono;
  return sys_days(year(2026) / January / 1) + hours(10);
}

const std::string kRelayStateKey(32, 'k');

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // One Library for the whole fuzzing process, as in the appliance.
  static saml::Library library;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)saml::parseIdpMetadata(input, seedNow());
  saml::IdpMetadataOptions pick;
  pick.entityId = "https://idp.example.com/saml";
  (void)saml::parseIdpMetadata(input, seedNow(), pick);
  (void)saml::verifyRelayState(input, kRelayStateKey);
  return 0;
}
