// SPDX-License-Identifier: Apache-2.0
// Strict option parsing: an unknown option is an error, never ignored.
#include "cli/arguments.hpp"

namespace authcore::appliance {

Arguments::Arguments(const std::vector<std::string>& args, const std::set<std::string>& valued,
                     const std::set<std::string>& flags) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto arg = args[i];
        std::string inlineValue;
        bool hasInline = false;
        if (const auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
            inlineValue = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            hasInline = true;
        }
        if (valued.count(arg)) {
            if (!hasInline && i + 1 >= args.size()) throw std::invalid_argument(arg + " needs a value");
            values_[arg] = hasInline ? inlineValue : args[++i];
        } else if (flags.count(arg) && !hasInline) {
            flags_.insert(arg);
        } else {
            throw std::invalid_argument("unknown option " + arg);
        }
    }
}

const std::string& Arguments::required(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) throw std::invalid_argument(name + " is required");
    return it->second;
}

std::string Arguments::optional(const std::string& name, const std::string& fallback) const {
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
}

} // namespace authcore::appliance
