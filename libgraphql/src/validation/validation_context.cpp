// SPDX-License-Identifier: Apache-2.0
// State shared by the validation rules.
#include "validation/validation_context.hpp"

namespace authcore::graphql::detail {

ValidationContext::ValidationContext(const Schema& schema, const Document& document, std::size_t maxErrors)
    : schema_(schema), document_(document), maxErrors_(maxErrors) {
  for (const auto& definition : document.definitions) {
    if (const auto* fragment = std::get_if<FragmentDefinition>(&definition)) {
      fragments_.emplace(fragment->name, fragment);
    }
  }
}

// The overlap rule may meet the same conflict from several selection sets.
void ValidationContext::report(std::string message, std::vector<Location> locations) {
  if (full() || !reported_.insert(message).second) return;
  errors_.push_back(Error{std::move(message), std::move(locations), {}, {}});
}

const FragmentDefinition* ValidationContext::fragment(std::string_view name) const {
  const auto it = fragments_.find(name);
  return it == fragments_.end() ? nullptr : it->second;
}

}  // namespace authcore::graphql::detail
