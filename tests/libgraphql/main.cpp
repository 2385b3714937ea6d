// SPDX-License-Identifier: Apache-2.0
// Boost.Test entry point of the libgraphql test executable.
#define BOOST_TEST_MODULE libgraphql
#include <boost/test/unit_test.hpp>
