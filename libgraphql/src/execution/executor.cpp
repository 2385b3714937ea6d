// SPDX-License-Identifier: Apache-2.0
// The request pipeline: parse, validate, select the operation, coerce variables,
// check limits, execute, and shape the response.
#include <authcore/graphql/executor.hpp>

#include <authcore/graphql/validation.hpp>

#include "execution/execution_engine.hpp"
#include "execution/field_plan.hpp"
#include "execution/query_limits.hpp"
#include "execution/value_coercion.hpp"

namespace authcore::graphql {

namespace {

JsonValue errorResponse(const std::vector<Error>& errors) {
  JsonValue list = JsonValue::array();
  for (const auto& error : errors) list.push(error.toJson());
  return JsonValue(JsonObject{{"errors", std::move(list)}});
}

JsonValue errorResponse(std::string message, std::vector<Location> locations = {}) {
  return errorResponse({Error{std::move(message), std::move(locations), {}, {}}});
}

tl::expected<const OperationDefinition*, std::string> selectOperation(
    const Document& document, const std::optional<std::string>& name) {
  const OperationDefinition* selected = nullptr;
  for (const auto& definition : document.definitions) {
    const auto* operation = std::get_if<OperationDefinition>(&definition);
    if (!operation || (name && operation->name != name)) continue;
    if (selected) return tl::unexpected(std::string("Must provide operation name if query contains multiple operations."));
    selected = operation;
  }
  if (!selected) {
    return tl::unexpected(name ? "Unknown operation named \"" + *name + "\"." : "Must provide an operation.");
  }
  return selected;
}

bool selectsIntrospection(const std::vector<Selection>& selections) {
  for (const auto& selection : selections) {
    if (const auto* field = std::get_if<Field>(&selection.data)) {
      if (field->name == "__schema" || field->name == "__type") return true;
      if (selectsIntrospection(field->selectionSet)) return true;
    } else if (const auto* fragment = std::get_if<InlineFragment>(&selection.data)) {
      if (selectsIntrospection(fragment->selectionSet)) return true;
    }
  }
  return false;
}

bool usesIntrospection(const Document& document) {
  for (const auto& definition : document.definitions) {
    const auto& selections = std::visit([](const auto& d) -> const auto& { return d.selectionSet; }, definition);
    if (selectsIntrospection(selections)) return true;
  }
  return false;
}

JsonValue executeDocument(const Schema& schema, const Document& document, const Request& request,
                          const std::any& context, const ExecutionOptions& options) {
  if (auto errors = validate(schema, document, options.maxErrors); !errors.empty()) return errorResponse(errors);
  if (!options.introspection && usesIntrospection(document)) return errorResponse("Introspection is disabled.");
  const auto operation = selectOperation(document, request.operationName);
  if (!operation) return errorResponse(operation.error());
  const OperationDefinition& op = **operation;
  if (op.operation == OperationType::Subscription) {
    return errorResponse("Subscriptions are not supported.", {op.location});
  }
  const JsonValue inputs = request.variables.isObject() ? request.variables : JsonValue::object();
  const auto variables = detail::coerceVariables(schema, op, inputs);
  if (!variables) return errorResponse(variables.error(), {op.location});
  if (auto error = detail::checkLimits(schema, document, op, *variables, options)) return errorResponse({*error});
  const SchemaType& root = op.operation == OperationType::Mutation ? *schema.mutationType() : schema.queryType();
  detail::Planner planner(schema, document, *variables);
  auto plan = planner.plan(root, op.selectionSet);
  detail::ExecutionEngine engine(schema, planner, context);
  JsonValue data = engine.run(root, *plan);
  JsonValue response = JsonValue::object();
  if (!engine.errors().empty()) response = errorResponse(engine.errors());
  response.append("data", std::move(data));
  return response;
}

}  // namespace

JsonValue Executor::execute(const Schema& schema, const Request& request, const std::any& context,
                            const ExecutionOptions& options) {
  const auto document = parse(request.query, options.parse);
  if (!document) return errorResponse(document.error().message, {document.error().location});
  return executeDocument(schema, *document, request, context, options);
}

JsonValue Executor::executeBody(const Schema& schema, std::string_view body, const std::any& context,
                                const ExecutionOptions& options) {
  const auto request = parseRequest(body, options.json);
  if (!request) return errorResponse("Invalid request: " + request.error().message);
  return execute(schema, *request, context, options);
}

}  // namespace authcore::graphql
