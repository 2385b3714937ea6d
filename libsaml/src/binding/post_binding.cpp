// SPDX-License-Identifier: Apache-2.0
// The SAML HTTP-POST binding (SAML 2.0 bindings, section 3.5): decoding a form value.
#include <authcore/saml/post_binding.hpp>

#include "binding/binding_codec.hpp"

namespace authcore::saml {

tl::expected<std::string, Error> decodePostParameter(std::string_view base64Value, const BindingLimits& limits) {
  if (base64Value.size() > limits.maxEncodedBytes) {
    return tl::unexpected(Error{Errc::TooLarge, "form value of " + std::to_string(base64Value.size()) +
                                                    " bytes exceeds " + std::to_string(limits.maxEncodedBytes)});
  }
  // Many SPs wrap the base64 at 64 or 76 columns; nothing else is tolerated.
  auto xml = detail::base64Decode(base64Value, true);
  if (xml && xml->size() > limits.maxInflatedBytes) {
    return tl::unexpected(Error{Errc::TooLarge, "decoded message exceeds the limit"});
  }
  return xml;
}

}  // namespace authcore::saml
