// SPDX-License-Identifier: Apache-2.0
// Boost.Test entry point of the libldapauth test executable.
#define BOOST_TEST_MODULE libldapauth
#include <boost/test/unit_test.hpp>
