// SPDX-License-Identifier: Apache-2.0
// ManagementApi: the served schema (embedded SDL) with its resolvers.
#pragma once

#include "graphql/caller.hpp"

#include <authcore/graphql/executor.hpp>
#include <authcore/graphql/schema.hpp>

#include <string_view>

namespace authcore::appliance {

class ManagementApi {
public:
    /// Builds the schema; throws std::logic_error when the embedded SDL and
    /// the bindings disagree (a build mistake, caught by every test run).
    ManagementApi();

    /// Runs one POST /graphql body for `caller`: the response object.
    graphql::JsonValue execute(std::string_view body, GraphqlCaller& caller) const;
    const graphql::Schema& schema() const { return schema_; }

private:
    graphql::Schema schema_;
    graphql::ExecutionOptions options_;
};

} // namespace authcore::appliance
