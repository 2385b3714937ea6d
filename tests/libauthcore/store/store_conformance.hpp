// SPDX-License-Identifier: Apache-2.0
// The store conformance suite, written once and run against every backend.
#pragma once

#include <authcore/error.hpp>
#include <authcore/store/database.hpp>

#include <Poco/Data/Session.h>

#include <boost/test/unit_test.hpp>

#include <string>

/// Every conformance case: X(Boost test case name, function in namespace
/// conformance). Each function takes a freshly created, empty database (not yet
/// migrated); AUTHCORE_STORE_CONFORMANCE_CASES runs each as its own test case.
#define AUTHCORE_STORE_CONFORMANCE_TABLE(X)                                                                 \
    X(user_round_trip_keeps_fields_and_lowercases_email, usersRoundTrip)                                   \
    X(user_duplicate_email_is_conflict, usersDuplicateEmailConflicts)                                      \
    X(user_update_of_missing_is_not_found, usersUpdateOfMissingIsNotFound)                                 \
    X(organization_round_trip_and_slug_order, organizationsRoundTrip)                                      \
    X(organization_duplicate_slug_is_conflict, organizationsSlugConflicts)                                 \
    X(organization_with_failing_owner_is_not_created, organizationsInsertWithOwnerIsAtomic)                \
    X(membership_upsert_remove_and_order, membershipsUpsertRemoveAndOrder)                                 \
    X(session_insert_find_remove_and_purge, sessionsInsertFindRemovePurge)                                 \
    X(membership_changes_keep_an_owner_even_when_raced, membershipsKeepAnOwner)                             \
    X(migrations_apply_once_and_reach_latest, migrationsApplyOnceAndReportLatest)                          \
    X(concurrent_inserts_all_land, concurrentInsertsAllLand)                                               \
    X(client_round_trip_and_slot_updates, clientsRoundTrip)                                                \
    X(client_duplicate_is_conflict_and_missing_update_not_found, clientsConflictAndNotFound)               \
    X(client_list_pages_in_client_id_order, clientsListPages)                                              \
    X(client_with_unknown_owner_is_refused, clientsUnknownOwnerIsRefused)                                  \
    X(signing_keys_apply_and_list_oldest_first, signingKeysApplyAndList)                                   \
    X(signing_keys_failed_apply_changes_nothing, signingKeysApplyIsAtomic)                                 \
    X(audit_lists_newest_first_by_organization, auditListsNewestFirstByOrganization)                       \
    X(audit_failed_append_writes_nothing, auditAppendIsAtomic)                                             \
    X(client_redirect_uris_and_public_flag_round_trip, clientsRedirectUrisRoundTrip)                       \
    X(client_scopes_add_list_conflict_and_cascade, clientScopesAddListAndCascade)                          \
    X(client_scope_or_bearer_of_unknown_client_is_not_found, clientChildrenOfUnknownClientAreNotFound)     \
    X(jwt_bearers_add_list_and_remove, jwtBearersAddListRemove)                                            \
    X(authorization_round_trip_and_scope_update, authorizationsRoundTrip)                                  \
    X(authorization_lists_order_by_the_other_client, authorizationsListOrder)                              \
    X(authorization_duplicate_is_conflict_and_unknown_client_not_found, authorizationsConflictAndNotFound) \
    X(authorization_goes_with_either_client, authorizationsCascadeWithClients)                             \
    X(refresh_token_round_trip_and_single_use, refreshTokensRoundTripAndSingleUse)                         \
    X(refresh_token_concurrent_use_has_one_winner, refreshTokensConcurrentUseHasOneWinner)                 \
    X(refresh_token_family_revocation_stops_use, refreshTokensRevokeFamily)                                \
    X(revoked_access_tokens_are_idempotent, revokedAccessTokensIdempotent)                                 \
    X(token_purge_drops_only_expired, tokensPurgeExpired)                                                 \
    X(identity_link_round_trip_and_list, identitiesLinkRoundTrip)                                          \
    X(identity_link_with_new_user_and_client_is_atomic, identitiesLinkIsAtomic)                            \
    X(service_round_trip_with_its_client, servicesRoundTripWithTheirClient)                               \
    X(service_removal_takes_client_plans_subscriptions_and_keys, servicesRemovalTakesEverythingWithIt)    \
    X(service_limit_holds_under_20_concurrent_creates, servicesLimitHoldsUnderConcurrentCreates)          \
    X(plan_with_active_subscriptions_cannot_be_deleted, plansRefuseDeletionWhileSubscribed)              \
    X(api_keys_page_find_and_touch, apiKeysPageFindAndTouch)                                               \
    X(saml_config_upsert_keeps_every_field, samlConfigsUpsertAndKeepFields)                               \
    X(saml_certificates_rotate_activate_and_deactivate, samlCertificatesRotateActivateAndDeactivate)      \
    X(saml_rows_go_with_their_service, samlRowsGoWithTheirService)                                       \
    X(sso_connection_round_trip_keeps_every_field, ssoConnectionsRoundTripEveryField)                     \
    X(sso_connection_update_replaces_domains_remove_frees_them, ssoConnectionsUpdateReplacesDomainsAndRemoveFreesThem) \
    X(sso_connection_slug_and_domains_are_unique_across_organizations, ssoConnectionsSlugAndDomainsAreUniqueEverywhere) \
    X(sso_session_insert_find_list_and_remove, ssoSessionsInsertFindListAndRemove)                        \
    X(sso_session_needs_its_connection_and_user_and_goes_with_them, ssoSessionsNeedTheirConnectionAndUserAndGoWithThem) \
    X(sso_sp_credential_inserts_once_and_goes_with_its_connection, ssoSpCredentialsInsertOnceAndGoWithTheirConnection) \
    X(identity_link_with_new_membership_is_atomic, identitiesLinkWithNewMembershipIsAtomic)                \
    X(sso_enforcement_put_replaces_and_finds, ssoEnforcementPutReplacesAndFinds)

/// Conformance cases that also reach below the store: X(Boost test case
/// name, function in namespace conformance), the function taking the empty,
/// unmigrated database and a plain Poco session on the same database.
#define AUTHCORE_STORE_RAW_CONFORMANCE_TABLE(X)                                                             \
    X(migration_from_version_1_keeps_rows, migrationsUpgradeVersion1KeepsRows)                             \
    X(interrupted_migration_2_is_completed_by_a_rerun, migrationsCompleteInterruptedVersion2)

namespace authcore::test::conformance {

#define AUTHCORE_STORE_DECLARE_CASE(name, function) void function(Database& db);
AUTHCORE_STORE_CONFORMANCE_TABLE(AUTHCORE_STORE_DECLARE_CASE)
#undef AUTHCORE_STORE_DECLARE_CASE
#define AUTHCORE_STORE_DECLARE_RAW_CASE(name, function) void function(Database& db, Poco::Data::Session& raw);
AUTHCORE_STORE_RAW_CONFORMANCE_TABLE(AUTHCORE_STORE_DECLARE_RAW_CASE)
#undef AUTHCORE_STORE_DECLARE_RAW_CASE

/// A predicate for BOOST_CHECK_EXCEPTION.
inline auto hasCode(ErrorCode code) {
    return [code](const Error& e) { return e.code() == code; };
}

} // namespace authcore::test::conformance

/// One conformance case on the fixture `StoreFixture` of the enclosing namespace.
#define AUTHCORE_STORE_CASE(name, function)                                                                 \
    BOOST_FIXTURE_TEST_CASE(name, StoreFixture) { ::authcore::test::conformance::function(database()); }

/// One raw conformance case on the fixture `StoreFixture` of the enclosing namespace.
#define AUTHCORE_STORE_RAW_CASE(name, function)                                                             \
    BOOST_FIXTURE_TEST_CASE(name, StoreFixture) {                                                           \
        auto raw = rawSession();                                                                            \
        ::authcore::test::conformance::function(database(), raw);                                          \
    }

/// Registers every conformance case in the current suite; `Fixture` provides
/// `Database& database()` returning an empty, unmigrated database, and
/// `Poco::Data::Session rawSession()` opening a plain session on it. The
/// namespace only scopes the fixture alias: Boost registers the cases in the
/// suite that is open where this stands.
#define AUTHCORE_STORE_CONFORMANCE_CASES(Fixture)                                                          \
    namespace store_conformance_cases {                                                                    \
    using StoreFixture = Fixture;                                                                          \
    AUTHCORE_STORE_CONFORMANCE_TABLE(AUTHCORE_STORE_CASE)                                                  \
    AUTHCORE_STORE_RAW_CONFORMANCE_TABLE(AUTHCORE_STORE_RAW_CASE)                                          \
    }
