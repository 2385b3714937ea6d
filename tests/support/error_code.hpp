// SPDX-License-Identifier: Apache-2.0
// errorCodeOf: which authcore::Error a call throws, as an int Boost can print.
#pragma once

#include <authcore/error.hpp>

#include <functional>

namespace authcore::test {

/// The code of the Error `call` throws; -1 when it throws none.
inline int errorCodeOf(const std::function<void()>& call) {
    try {
        call();
    } catch (const Error& e) {
        return static_cast<int>(e.code());
    }
    return -1;
}

inline int code(ErrorCode c) { return static_cast<int>(c); }

} // namespace authcore::test
