// SPDX-License-Identifier: Apache-2.0
// The "overlapping fields can be merged" rule.
#include "validation/overlap_rule.hpp"

#include "parser/value_printer.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace authcore::graphql::detail {

namespace {

struct FieldEntry {
  const SchemaType* parent;
  const Field* node;
  const SchemaField* definition;
};

using FieldGroups = std::map<std::string_view, std::vector<FieldEntry>>;

class OverlapChecker {
public:
  explicit OverlapChecker(ValidationContext& context) : context_(context), schema_(context.schema()) {}

  void collect(const SchemaType* parent, const std::vector<Selection>& selections, FieldGroups& groups,
               std::set<std::string_view>& visited) {
    for (const auto& selection : selections) {
      if (const auto* field = std::get_if<Field>(&selection.data)) {
        const SchemaField* definition = parent ? schema_.field(*parent, field->name) : nullptr;
        groups[field->alias ? *field->alias : field->name].push_back({parent, field, definition});
      } else if (const auto* inline_ = std::get_if<InlineFragment>(&selection.data)) {
        const SchemaType* type = inline_->typeCondition ? schema_.type(*inline_->typeCondition) : parent;
        collect(type, inline_->selectionSet, groups, visited);
      } else if (const auto& spread = std::get<FragmentSpread>(selection.data); visited.insert(spread.name).second) {
        if (const auto* fragment = context_.fragment(spread.name)) {
          collect(schema_.type(fragment->typeCondition), fragment->selectionSet, groups, visited);
        }
      }
    }
  }

  void check(const FieldGroups& groups, bool exclusive, int depth) {
    for (const auto& [key, entries] : groups) {
      if (entries.size() < 2 || context_.full()) continue;
      bool anyExclusive = exclusive;
      for (std::size_t i = 1; i < entries.size(); ++i) anyExclusive |= compare(key, entries[0], entries[i], exclusive);
      // The merged subselections are compared with each other as one set.
      FieldGroups merged;
      std::set<std::string_view> visited;
      for (const auto& entry : entries) {
        const SchemaType* type = entry.definition ? entry.definition->namedType : nullptr;
        collect(type, entry.node->selectionSet, merged, visited);
      }
      if (depth < 64) check(merged, anyExclusive, depth + 1);
    }
  }

private:
  // Returns whether the two parents are distinct object types (then the fields
  // can never both apply, and only their result shapes must agree).
  bool compare(std::string_view key, const FieldEntry& a, const FieldEntry& b, bool exclusive) {
    const bool parentsExclusive = exclusive || (a.parent && b.parent && a.parent != b.parent &&
                                                a.parent->kind == TypeKind::Object && b.parent->kind == TypeKind::Object);
    std::string reason;
    if (!parentsExclusive && a.node->name != b.node->name) {
      reason = quote(a.node->name) + " and " + quote(b.node->name) + " are different fields";
    } else if (!parentsExclusive && !sameArguments(*a.node, *b.node)) {
      reason = "they have differing arguments";
    } else if (a.definition && b.definition && typesConflict(viewOf(*a.definition), viewOf(*b.definition))) {
      reason = "they return conflicting types " + quote(viewOf(*a.definition).toString()) + " and " +
               quote(viewOf(*b.definition).toString());
    }
    if (!reason.empty()) {
      context_.report("Fields " + quote(key) + " conflict because " + reason +
                          ". Use different aliases on the fields to fetch both if this was intentional.",
                      {a.node->location, b.node->location});
    }
    return parentsExclusive;
  }

  static bool sameArguments(const Field& a, const Field& b) {
    if (a.arguments.size() != b.arguments.size()) return false;
    return std::ranges::all_of(a.arguments, [&](const Argument& argument) {
      const auto it = std::ranges::find(b.arguments, argument.name, &Argument::name);
      return it != b.arguments.end() && printValue(it->value) == printValue(argument.value);
    });
  }

  static bool typesConflict(TypeView a, TypeView b) {
    if (a.isList() || b.isList()) return !(a.isList() && b.isList()) || typesConflict(a.ofType(), b.ofType());
    if (a.isNonNull() || b.isNonNull()) {
      return !(a.isNonNull() && b.isNonNull()) || typesConflict(a.ofType(), b.ofType());
    }
    if ((a.named && a.named->isLeaf()) || (b.named && b.named->isLeaf())) return a.named != b.named;
    return false;
  }

  ValidationContext& context_;
  const Schema& schema_;
};

}  // namespace

void checkOverlappingFields(ValidationContext& context, const SchemaType& parent,
                            const std::vector<Selection>& selections) {
  OverlapChecker checker(context);
  FieldGroups groups;
  std::set<std::string_view> visited;
  checker.collect(&parent, selections, groups, visited);
  checker.check(groups, false, 0);
}

}  // namespace authcore::graphql::detail
