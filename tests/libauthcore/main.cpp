// SPDX-License-Identifier: Apache-2.0
// Boost.Test entry point of the libauthcore test executable.
#define BOOST_TEST_MODULE libauthcore
#include <boost/test/unit_test.hpp>
