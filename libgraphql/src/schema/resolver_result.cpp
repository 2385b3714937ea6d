// SPDX-License-Identifier: Apache-2.0
// ResolverResult members.
#include <authcore/graphql/resolver.hpp>

namespace authcore::graphql {

bool ResolverResult::isNull() const {
  if (std::holds_alternative<std::nullptr_t>(data_)) return true;
  const JsonValue* value = json();
  return value && value->isNull();
}

}  // namespace authcore::graphql
