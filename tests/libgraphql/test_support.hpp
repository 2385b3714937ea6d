// SPDX-License-Identifier: Apache-2.0
// A small schema with resolvers and helpers shared by the libgraphql suites.
#pragma once

#include <authcore/graphql/executor.hpp>
#include <authcore/graphql/schema_builder.hpp>

#include <string>
#include <string_view>

namespace graphql_test {

namespace graphql = authcore::graphql;

/// Pets, people and a counter: interfaces, unions, enums, input objects, lists,
/// non-null fields, arguments with defaults and a mutation.
extern const std::string_view kPetsSdl;

/// kPetsSdl with its resolvers bound.
const graphql::Schema& petsSchema();

/// Runs `query` on petsSchema() and returns the serialized response.
std::string run(std::string_view query, std::string_view variablesJson = "{}",
                const graphql::ExecutionOptions& options = {});

/// The first error message of a response, or "" when there is none.
std::string firstError(const graphql::JsonValue& response);

/// Schema from SDL, failing the test when it does not build.
graphql::Schema buildOk(std::string_view sdl);

}  // namespace graphql_test
