// SPDX-License-Identifier: Apache-2.0
// Arguments: `--name value` / `--flag` parsing for the subcommands.
#pragma once

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace authcore::appliance {

class Arguments {
public:
    /// `valued` options take a value, `flags` do not; anything else is an error
    /// (std::invalid_argument with a usable message).
    Arguments(const std::vector<std::string>& args, const std::set<std::string>& valued,
              const std::set<std::string>& flags);
    /// Throws std::invalid_argument naming the missing option.
    const std::string& required(const std::string& name) const;
    std::string optional(const std::string& name, const std::string& fallback = "") const;
    bool flag(const std::string& name) const { return flags_.count(name) > 0; }

private:
    std::map<std::string, std::string> values_;
    std::set<std::string> flags_;
};

} // namespace authcore::appliance
