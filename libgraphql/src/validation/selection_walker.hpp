// SPDX-License-Identifier: Apache-2.0
// Walks operations and fragments with their types, applying the rules that
// look at one node at a time (fields, arguments, values, directives, fragments).
#pragma once

#include "validation/validation_context.hpp"

namespace authcore::graphql::detail {

/// Rules: fields on correct type, scalar leafs, known/unique/required
/// arguments, values of correct type, unique input field names, known
/// directives in allowed locations and unique per location, known type names,
/// fragments on composite types, known fragment names, possible fragment spreads,
/// variables are input types, unique variable names, single-field subscriptions.
/// It also records each definition's variable usages and spreads in the context.
class SelectionWalker {
public:
  explicit SelectionWalker(ValidationContext& context) : context_(context), schema_(context.schema()) {}

  void walkOperation(const OperationDefinition& operation);
  void walkFragment(const FragmentDefinition& fragment);

private:
  void variableDefinitions(const OperationDefinition& operation);
  void subscriptionRoot(const OperationDefinition& operation);
  void selectionSet(const SchemaType* parent, const std::vector<Selection>& selections);
  void field(const SchemaType* parent, const Field& field);
  void leafSelection(const Field& field, const SchemaType& type);
  void inlineFragment(const SchemaType* parent, const InlineFragment& fragment);
  void fragmentSpread(const SchemaType* parent, const FragmentSpread& spread);
  const SchemaType* typeCondition(const std::string& name, Location location, std::string_view fragmentName);
  bool typesOverlap(const SchemaType& a, const SchemaType& b) const;
  void directives(const std::vector<Directive>& directives, std::string_view location);
  void arguments(const std::vector<SchemaInputValue>* definitions, const std::vector<Argument>& arguments,
                 const std::string& owner, Location location);
  void value(const Value& value, TypeView type, bool hasLocationDefault);
  void objectValue(const ObjectValue& object, TypeView type, Location location);
  void recordVariables(const Value& value);

  ValidationContext& context_;
  const Schema& schema_;
};

}  // namespace authcore::graphql::detail
