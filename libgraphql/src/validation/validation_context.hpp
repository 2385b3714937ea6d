// SPDX-License-Identifier: Apache-2.0
// State shared by the validation rules: the schema, the document, facts
// gathered per definition and the errors found so far.
#pragma once

#include <authcore/graphql/ast.hpp>
#include <authcore/graphql/error.hpp>
#include <authcore/graphql/schema.hpp>

#include "schema/type_view.hpp"

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace authcore::graphql::detail {

/// A variable used as a value where `type` is expected.
struct VariableUsage {
  std::string_view name;
  TypeView type;                    ///< named is nullptr where the position's type is unknown
  bool hasLocationDefault = false;  ///< the argument or input field has a default
  Location location;
};

/// What one operation or fragment uses directly.
struct DefinitionFacts {
  std::vector<VariableUsage> variables;
  std::vector<const FragmentSpread*> spreads;
};

class ValidationContext {
public:
  ValidationContext(const Schema& schema, const Document& document, std::size_t maxErrors);

  /// Records an error (identical ones once) unless maxErrors are already recorded.
  void report(std::string message, std::vector<Location> locations);
  bool full() const { return errors_.size() >= maxErrors_; }
  std::vector<Error> takeErrors() { return std::move(errors_); }

  const Schema& schema() const { return schema_; }
  const Document& document() const { return document_; }
  /// The first fragment of that name, or nullptr.
  const FragmentDefinition* fragment(std::string_view name) const;

  /// Facts of the definition being walked, and of any definition afterwards.
  DefinitionFacts& facts(const void* definition) { return facts_[definition]; }
  DefinitionFacts* current = nullptr;

private:
  const Schema& schema_;
  const Document& document_;
  std::size_t maxErrors_;
  std::map<std::string_view, const FragmentDefinition*> fragments_;
  std::map<const void*, DefinitionFacts> facts_;
  std::set<std::string> reported_;
  std::vector<Error> errors_;
};

/// Quotes a name as messages do: `"name"`.
inline std::string quote(std::string_view name) {
  return "\"" + std::string(name) + "\"";
}

}  // namespace authcore::graphql::detail
