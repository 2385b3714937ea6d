// SPDX-License-Identifier: Apache-2.0
// `authcore version`: this build and the protocol libraries it runs on.
#include "cli/commands.hpp"

#include <authcore/ldap/version.hpp>
#include <authcore/saml/library.hpp>

#include <iostream>

namespace authcore::appliance {

int runVersion() {
    // Initialising the SAML library is also the check that xmlsec1 works here.
    saml::Library samlLibrary;
    std::cout << "authcore " << AUTHCORE_VERSION << "\n"
              << "  libxml2 " << saml::Library::libxml2Version() << ", xmlsec1 " << saml::Library::xmlsecVersion()
              << " (" << saml::Library::cryptoBackend() << ")\n"
              << "  " << ldap::libraryVersion() << "\n";
    return 0;
}

} // namespace authcore::appliance
