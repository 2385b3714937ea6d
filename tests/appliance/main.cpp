// SPDX-License-Identifier: Apache-2.0
// Boost.Test entry point of the appliance test executable.
#define BOOST_TEST_MODULE appliance
#include <boost/test/unit_test.hpp>
