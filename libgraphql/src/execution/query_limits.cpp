// SPDX-License-Identifier: Apache-2.0
// Depth and cost of an operation. Fragments are measured once each (memoised),
// so a document that spreads fragments exponentially is measured in linear time.
#include "execution/query_limits.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <utility>

namespace authcore::graphql::detail {

namespace {

struct Measure {
  double cost = 0;
  std::size_t depth = 0;
};

class Measurer {
public:
  Measurer(const Schema& schema, const Document& document, const JsonValue& variables,
           const ExecutionOptions& options)
      : schema_(schema), variables_(variables), options_(options) {
    for (const auto& definition : document.definitions) {
      if (const auto* fragment = std::get_if<FragmentDefinition>(&definition)) {
        fragments_.emplace(fragment->name, fragment);
      }
    }
  }

  // `paginated`: the parent field took `first`/`last`, so a list directly
  // below it (a connection's `edges`) is already counted.
  Measure selectionSet(const SchemaType* parent, const std::vector<Selection>& selections, bool paginated) {
    Measure total;
    for (const auto& selection : selections) {
      const Measure part = this->selection(parent, selection, paginated);
      total.cost += part.cost;
      total.depth = std::max(total.depth, part.depth);
    }
    return total;
  }

private:
  Measure selection(const SchemaType* parent, const Selection& selection, bool paginated) {
    if (const auto* field = std::get_if<Field>(&selection.data)) return this->field(parent, *field, paginated);
    if (const auto* inline_ = std::get_if<InlineFragment>(&selection.data)) {
      const SchemaType* type = inline_->typeCondition ? schema_.type(*inline_->typeCondition) : parent;
      return selectionSet(type, inline_->selectionSet, paginated);
    }
    return fragment(std::get<FragmentSpread>(selection.data).name, paginated);
  }

  Measure field(const SchemaType* parent, const Field& field, bool paginated) {
    const SchemaField* definition = parent ? schema_.field(*parent, field.name) : nullptr;
    if (!definition) return {1, 1};
    const auto pageSize = pageArgument(field);
    const bool isList = std::ranges::count(definition->type.wrappers, TypeWrapper::List) > 0;
    double multiplier = 1;
    if (pageSize) multiplier = *pageSize;
    else if (isList && !paginated) multiplier = static_cast<double>(options_.defaultListSize);
    const Measure inner = selectionSet(definition->namedType, field.selectionSet, pageSize.has_value());
    return {1 + multiplier * inner.cost, 1 + inner.depth};
  }

  Measure fragment(const std::string& name, bool paginated) {
    const auto key = std::make_pair(std::string_view(name), paginated);
    if (const auto it = memo_.find(key); it != memo_.end()) return it->second;
    const auto definition = fragments_.find(name);
    Measure measure;
    if (definition != fragments_.end()) {
      memo_[key] = measure;  // a cycle (refused by validation) would stop here
      measure = selectionSet(schema_.type(definition->second->typeCondition), definition->second->selectionSet,
                             paginated);
    }
    return memo_[key] = measure;
  }

  std::optional<double> pageArgument(const Field& field) const {
    for (const auto& argument : field.arguments) {
      if (argument.name != "first" && argument.name != "last") continue;
      if (const auto* literal = std::get_if<IntValue>(&argument.value.data)) {
        double value = 0;
        std::from_chars(literal->text.data(), literal->text.data() + literal->text.size(), value);
        return std::max(value, 0.0);
      }
      if (const auto* variable = std::get_if<Variable>(&argument.value.data)) {
        const JsonValue* value = variables_.find(variable->name);
        if (value && value->isNumber()) return std::max(value->asDouble(), 0.0);
      }
    }
    return std::nullopt;
  }

  const Schema& schema_;
  const JsonValue& variables_;
  const ExecutionOptions& options_;
  std::map<std::string_view, const FragmentDefinition*> fragments_;
  std::map<std::pair<std::string_view, bool>, Measure> memo_;
};

}  // namespace

std::optional<Error> checkLimits(const Schema& schema, const Document& document,
                                 const OperationDefinition& operation, const JsonValue& variables,
                                 const ExecutionOptions& options) {
  const SchemaType* root = &schema.queryType();
  if (operation.operation == OperationType::Mutation) root = schema.mutationType();
  const Measure measure =
      Measurer(schema, document, variables, options).selectionSet(root, operation.selectionSet, false);
  const JsonValue code = JsonValue(JsonObject{{"code", "QUERY_TOO_COMPLEX"}});
  if (measure.depth > options.maxDepth) {
    return Error{"Query depth " + std::to_string(measure.depth) + " exceeds the limit of " +
                     std::to_string(options.maxDepth) + ".",
                 {operation.location}, {}, code};
  }
  if (measure.cost > static_cast<double>(options.maxCost)) {
    return Error{"Query cost " + std::to_string(static_cast<long long>(std::min(measure.cost, 1e18))) +
                     " exceeds the budget of " + std::to_string(options.maxCost) + ".",
                 {operation.location}, {}, code};
  }
  return std::nullopt;
}

}  // namespace authcore::graphql::detail
