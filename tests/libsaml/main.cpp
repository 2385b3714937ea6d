// SPDX-License-Identifier: Apache-2.0
// Boost.Test entry point of the libsaml test executable: one Library for the run.
#define BOOST_TEST_MODULE libsaml
#include <boost/test/unit_test.hpp>

#include <authcore/saml/library.hpp>

namespace {

// libxml2 and xmlsec are initialised once per process, as the appliance does.
struct SamlLibraryFixture {
  authcore::saml::Library library;
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(SamlLibraryFixture);
