// SPDX-License-Identifier: Apache-2.0
// The store conformance suite, written once and run against every backend.
#pragma once

#include <authcore/error.hpp>
#include <authcore/store/database.hpp>

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
    X(migrations_apply_once_and_reach_latest, migrationsApplyOnceAndReportLatest)                          \
    X(concurrent_inserts_all_land, concurrentInsertsAllLand)                                               \
    X(client_round_trip_and_slot_updates, clientsRoundTrip)                                                \
    X(client_duplicate_is_conflict_and_missing_update_not_found, clientsConflictAndNotFound)               \
    X(client_list_pages_in_client_id_order, clientsListPages)                                              \
    X(client_with_unknown_owner_is_refused, clientsUnknownOwnerIsRefused)                                  \
    X(signing_keys_apply_and_list_oldest_first, signingKeysApplyAndList)                                   \
    X(signing_keys_failed_apply_changes_nothing, signingKeysApplyIsAtomic)                                 \
    X(audit_lists_newest_first_by_organization, auditListsNewestFirstByOrganization)                       \
    X(audit_failed_append_writes_nothing, auditAppendIsAtomic)

namespace authcore::test::conformance {

#define AUTHCORE_STORE_DECLARE_CASE(name, function) void function(Database& db);
AUTHCORE_STORE_CONFORMANCE_TABLE(AUTHCORE_STORE_DECLARE_CASE)
#undef AUTHCORE_STORE_DECLARE_CASE

/// A predicate for BOOST_CHECK_EXCEPTION.
inline auto hasCode(ErrorCode code) {
    return [code](const Error& e) { return e.code() == code; };
}

} // namespace authcore::test::conformance

/// One conformance case on the fixture `StoreFixture` of the enclosing namespace.
#define AUTHCORE_STORE_CASE(name, function)                                                                 \
    BOOST_FIXTURE_TEST_CASE(name, StoreFixture) { ::authcore::test::conformance::function(database()); }

/// Registers every conformance case in the current suite; `Fixture` provides
/// `Database& database()` returning an empty, unmigrated database. The
/// namespace only scopes the fixture alias: Boost registers the cases in the
/// suite that is open where this stands.
#define AUTHCORE_STORE_CONFORMANCE_CASES(Fixture)                                                          \
    namespace store_conformance_cases {                                                                    \
    using StoreFixture = Fixture;                                                                          \
    AUTHCORE_STORE_CONFORMANCE_TABLE(AUTHCORE_STORE_CASE)                                                  \
    }
