// SPDX-License-Identifier: Apache-2.0
// Boost.Test entry point of the appliance test executable.
#define BOOST_TEST_MODULE appliance
#include <boost/test/unit_test.hpp>

#include <authcore/saml/library.hpp>

// The appliance's SAML endpoints need libxml2/xmlsec initialised, as `serve` does.
struct SamlLibraryForTheRun {
    authcore::saml::Library library;
};
BOOST_TEST_GLOBAL_FIXTURE(SamlLibraryForTheRun);
