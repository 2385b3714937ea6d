// SPDX-License-Identifier: Apache-2.0
// Route registration: each group is thin and calls libauthcore services.
#pragma once

#include "app/context.hpp"
#include "http/router.hpp"

#include <authcore/services/principal.hpp>

namespace authcore::appliance {

void addHealthRoutes(Router& router, Context& context);
void addWellKnownRoutes(Router& router, Context& context);
void addAuthRoutes(Router& router, Context& context);
void addOrganizationRoutes(Router& router, Context& context);
void addServiceRoutes(Router& router, Context& context);
void addPlanRoutes(Router& router, Context& context);
void addApiKeyRoutes(Router& router, Context& context);
void addSamlConfigRoutes(Router& router, Context& context);
void addSsoConnectionRoutes(Router& router, Context& context);
void addSsoPolicyRoutes(Router& router, Context& context);
void addSsoLoginRoutes(Router& router, Context& context);
void addBrowserLoginRoutes(Router& router, Context& context);
void addTokenRoutes(Router& router, Context& context);
void addOpenIdRoutes(Router& router, Context& context);
void addGraphqlRoutes(Router& router, Context& context);
void addSamlIdpRoutes(Router& router, Context& context);
void addSsoSamlRoutes(Router& router, Context& context);
void addSsoOidcRoutes(Router& router, Context& context);
void addSsoLdapRoutes(Router& router, Context& context);
void addSsoLegacyRoutes(Router& router, Context& context);

/// `GET /api/v1/sso/login-url?org=`: the login URL of the organization's legacy
/// OIDC config (sso_legacy_routes.cpp); NotFound alike for an unknown organization
/// and one without a config.
void legacyLoginUrl(Exchange& ex, Context& context);

/// Every route of the appliance.
inline void addAllRoutes(Router& router, Context& context) {
    addHealthRoutes(router, context);
    addWellKnownRoutes(router, context);
    addAuthRoutes(router, context);
    addOrganizationRoutes(router, context);
    addServiceRoutes(router, context);
    addPlanRoutes(router, context);
    addApiKeyRoutes(router, context);
    addSamlConfigRoutes(router, context);
    addSsoConnectionRoutes(router, context);
    addSsoPolicyRoutes(router, context);
    addSsoLoginRoutes(router, context);
    addBrowserLoginRoutes(router, context);
    addTokenRoutes(router, context);
    addOpenIdRoutes(router, context);
    addGraphqlRoutes(router, context);
    addSamlIdpRoutes(router, context);
    addSsoSamlRoutes(router, context);
    addSsoOidcRoutes(router, context);
    addSsoLdapRoutes(router, context);
    addSsoLegacyRoutes(router, context);
}

/// The management-plane caller of `ex` (Bearer JWT with aud = public_url);
/// throws Error(Unauthenticated) otherwise.
Principal requirePrincipal(Exchange& ex, Context& context);

} // namespace authcore::appliance
