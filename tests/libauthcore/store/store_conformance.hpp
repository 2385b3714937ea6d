// SPDX-License-Identifier: Apache-2.0
// The store conformance suite, written once and run against every backend.
#pragma once

#include <authcore/error.hpp>
#include <authcore/store/database.hpp>

#include <boost/test/unit_test.hpp>

#include <string>

namespace authcore::test::conformance {

// Each takes a freshly created, empty database (not yet migrated).
void usersRoundTrip(Database& db);
void usersDuplicateEmailConflicts(Database& db);
void usersUpdateOfMissingIsNotFound(Database& db);
void organizationsRoundTrip(Database& db);
void organizationsSlugConflicts(Database& db);
void organizationsInsertWithOwnerIsAtomic(Database& db);
void membershipsUpsertRemoveAndOrder(Database& db);
void sessionsInsertFindRemovePurge(Database& db);
void migrationsApplyOnceAndReportLatest(Database& db);
void concurrentInsertsAllLand(Database& db);
void clientsRoundTrip(Database& db);
void clientsConflictAndNotFound(Database& db);
void clientsListPages(Database& db);
void clientsUnknownOwnerIsRefused(Database& db);
void signingKeysApplyAndList(Database& db);
void signingKeysApplyIsAtomic(Database& db);
void auditListsNewestFirstByOrganization(Database& db);
void auditAppendIsAtomic(Database& db);

/// A predicate for BOOST_CHECK_EXCEPTION.
inline auto hasCode(ErrorCode code) {
    return [code](const Error& e) { return e.code() == code; };
}

} // namespace authcore::test::conformance

/// Registers every conformance case in the current suite; `Fixture` provides
/// `Database& database()` returning an empty, unmigrated database.
#define AUTHCORE_STORE_CASE(name, function, Fixture)                                                                 \
    BOOST_FIXTURE_TEST_CASE(name, Fixture) { ::authcore::test::conformance::function(database()); }

#define AUTHCORE_STORE_CONFORMANCE_CASES(Fixture)                                                                    \
    AUTHCORE_STORE_CASE(user_round_trip_keeps_fields_and_lowercases_email, usersRoundTrip, Fixture)                  \
    AUTHCORE_STORE_CASE(user_duplicate_email_is_conflict, usersDuplicateEmailConflicts, Fixture)                     \
    AUTHCORE_STORE_CASE(user_update_of_missing_is_not_found, usersUpdateOfMissingIsNotFound, Fixture)                \
    AUTHCORE_STORE_CASE(organization_round_trip_and_slug_order, organizationsRoundTrip, Fixture)                     \
    AUTHCORE_STORE_CASE(organization_duplicate_slug_is_conflict, organizationsSlugConflicts, Fixture)                \
    AUTHCORE_STORE_CASE(organization_with_failing_owner_is_not_created, organizationsInsertWithOwnerIsAtomic,        \
                        Fixture)                                                                                     \
    AUTHCORE_STORE_CASE(membership_upsert_remove_and_order, membershipsUpsertRemoveAndOrder, Fixture)                \
    AUTHCORE_STORE_CASE(session_insert_find_remove_and_purge, sessionsInsertFindRemovePurge, Fixture)                \
    AUTHCORE_STORE_CASE(migrations_apply_once_and_reach_latest, migrationsApplyOnceAndReportLatest, Fixture)         \
    AUTHCORE_STORE_CASE(concurrent_inserts_all_land, concurrentInsertsAllLand, Fixture)                              \
    AUTHCORE_STORE_CASE(client_round_trip_and_slot_updates, clientsRoundTrip, Fixture)                               \
    AUTHCORE_STORE_CASE(client_duplicate_is_conflict_and_missing_update_not_found, clientsConflictAndNotFound,       \
                        Fixture)                                                                                     \
    AUTHCORE_STORE_CASE(client_list_pages_in_client_id_order, clientsListPages, Fixture)                             \
    AUTHCORE_STORE_CASE(client_with_unknown_owner_is_refused, clientsUnknownOwnerIsRefused, Fixture)                 \
    AUTHCORE_STORE_CASE(signing_keys_apply_and_list_oldest_first, signingKeysApplyAndList, Fixture)                  \
    AUTHCORE_STORE_CASE(signing_keys_failed_apply_changes_nothing, signingKeysApplyIsAtomic, Fixture)                \
    AUTHCORE_STORE_CASE(audit_lists_newest_first_by_organization, auditListsNewestFirstByOrganization, Fixture)      \
    AUTHCORE_STORE_CASE(audit_failed_append_writes_nothing, auditAppendIsAtomic, Fixture)
