// SPDX-License-Identifier: Apache-2.0
// The single entry point: a request in, the spec's {"data","errors"} response out.
#pragma once

#include <authcore/graphql/json_value.hpp>
#include <authcore/graphql/parser.hpp>
#include <authcore/graphql/request.hpp>
#include <authcore/graphql/schema.hpp>

#include <any>
#include <cstddef>
#include <string_view>

namespace authcore::graphql {

/// Limits for untrusted requests; the defaults suit a public endpoint.
struct ExecutionOptions {
  /// Size, token count and syntactic nesting of the document.
  ParseLimits parse;
  /// Size and nesting of a JSON body (executeBody() only).
  JsonLimits json;
  /// Deepest field nesting, counted through fragments (`{ a { b } }` is 2).
  std::size_t maxDepth = 15;
  /// Cost budget: every field costs 1 and its subselection is multiplied by its
  /// `first`/`last` argument, or by defaultListSize for a list field without them.
  std::size_t maxCost = 100000;
  /// Assumed length of lists that have no `first`/`last` argument.
  std::size_t defaultListSize = 10;
  /// Most validation errors reported.
  std::size_t maxErrors = 100;
  /// Whether `__schema` and `__type` may be queried.
  bool introspection = true;
};

/// Runs GraphQL requests against a Schema.
class Executor {
public:
  /// Parses, validates, checks limits, coerces variables and executes the
  /// selected query or mutation (mutation root fields run one after another).
  /// Returns `{"data": ...}` with `"errors"` when any; request errors (syntax,
  /// validation, limits, variables, unknown operation) give `{"errors": [...]}`
  /// with no data. Subscriptions are refused. `context` reaches every resolver
  /// through FieldContext::context(); pass a pointer (`std::any(&myContext)`).
  /// The schema is only read, so concurrent calls are safe if the resolvers are.
  static JsonValue execute(const Schema& schema, const Request& request,
                           const std::any& context = {}, const ExecutionOptions& options = {});

  /// Same for a raw JSON request body; a malformed body gives `{"errors": [...]}`.
  static JsonValue executeBody(const Schema& schema, std::string_view body,
                               const std::any& context = {}, const ExecutionOptions& options = {});
};

}  // namespace authcore::graphql
