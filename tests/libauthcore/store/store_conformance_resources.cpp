// SPDX-License-Identifier: Apache-2.0
// Conformance: clients, signing keys and the audit log.
#include "store/store_conformance.hpp"

#include "store/store_samples.hpp"

#include <vector>

namespace authcore::test::conformance {
namespace {

using Strings = std::vector<std::string>;

void prepareOwner(Database& db) {
    db.migrate();
    db.users().insert(samples::user("usr_alice", "alice@example.com"));
    db.organizations().insertWithOwner(samples::organization("org_1", "acme"),
                                       samples::membership("", "usr_alice", Role::Owner));
}

Strings clientIdsOf(const std::vector<Client>& clients) {
    Strings out;
    for (const auto& c : clients) out.push_back(c.clientId);
    return out;
}

Strings eventIdsOf(const std::vector<AuditEvent>& events) {
    Strings out;
    for (const auto& e : events) out.push_back(e.id);
    return out;
}

Strings keyStates(Database& db) {
    Strings out;
    for (const auto& key : db.signingKeys().list())
        out.push_back(key.kid + ":" + std::string(keyStatusName(key.status)) + (key.retiredAt ? ":retired_at" : ""));
    return out;
}

} // namespace

void clientsRoundTrip(Database& db) {
    prepareOwner(db);
    auto& clients = db.clients();
    const auto original = samples::client("cli_1", "org_1");
    clients.insert(original);
    const auto found = clients.findById("cli_1");
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->description == original.description);
    BOOST_TEST((found->type == ClientType::Service));
    BOOST_TEST(found->ownerOrganizationId == "org_1");
    BOOST_TEST(found->ownerUserId.empty());
    BOOST_TEST(found->secret1.hash == original.secret1.hash);
    BOOST_TEST(toUnix(*found->secret1.updatedAt) == toUnix(samples::at(5)));
    BOOST_TEST(!found->secret2.isSet());
    BOOST_TEST(!found->secret2.updatedAt.has_value());
    BOOST_TEST(toUnix(found->createdAt) == toUnix(original.createdAt));

    auto changed = *found;
    changed.description = "rotated";
    changed.type = ClientType::User;
    changed.ownerOrganizationId.clear();
    changed.ownerUserId = "usr_alice";
    changed.secret1 = {};
    changed.secret2 = {std::string(64, 'b'), samples::at(50)};
    clients.update(changed);
    const auto after = clients.findById("cli_1");
    BOOST_TEST(after->description == "rotated");
    BOOST_TEST((after->type == ClientType::User));
    BOOST_TEST(after->ownerOrganizationId.empty());
    BOOST_TEST(after->ownerUserId == "usr_alice");
    BOOST_TEST(!after->secret1.isSet());
    BOOST_TEST(!after->secret1.updatedAt.has_value());
    BOOST_TEST(after->secret2.hash == std::string(64, 'b'));
    BOOST_TEST(toUnix(*after->secret2.updatedAt) == toUnix(samples::at(50)));

    BOOST_TEST(clients.remove("cli_1"));
    BOOST_TEST(!clients.findById("cli_1").has_value());
    BOOST_TEST(!clients.remove("cli_1"));
}

void clientsConflictAndNotFound(Database& db) {
    prepareOwner(db);
    auto& clients = db.clients();
    const auto original = samples::client("cli_1", "org_1");
    clients.insert(original);
    auto duplicate = samples::client("cli_1", "");
    duplicate.description = "impostor";
    BOOST_CHECK_EXCEPTION(clients.insert(duplicate), Error, hasCode(ErrorCode::Conflict));
    BOOST_TEST(clients.findById("cli_1")->description == original.description);
    BOOST_CHECK_EXCEPTION(clients.update(samples::client("cli_ghost", "")), Error, hasCode(ErrorCode::NotFound));
    BOOST_CHECK_NO_THROW(clients.update(original));
}

void clientsListPages(Database& db) {
    prepareOwner(db);
    auto& clients = db.clients();
    for (const auto* id : {"cli_e", "cli_a", "cli_c", "cli_b", "cli_d"}) clients.insert(samples::client(id, "org_1"));
    BOOST_TEST(clientIdsOf(clients.list("", 2)) == (Strings{"cli_a", "cli_b"}), boost::test_tools::per_element());
    BOOST_TEST(clientIdsOf(clients.list("cli_b", 2)) == (Strings{"cli_c", "cli_d"}), boost::test_tools::per_element());
    BOOST_TEST(clientIdsOf(clients.list("cli_d", 2)) == Strings{"cli_e"}, boost::test_tools::per_element());
    BOOST_TEST(clients.list("cli_e", 2).empty());
    BOOST_TEST(clients.list("", 0).empty());
    BOOST_TEST(clients.list("", 100).size() == 5u);
    // Backwards, pages still come in ascending order.
    BOOST_TEST(clientIdsOf(clients.listBefore("", 2)) == (Strings{"cli_d", "cli_e"}), boost::test_tools::per_element());
    BOOST_TEST(clientIdsOf(clients.listBefore("cli_d", 2)) == (Strings{"cli_b", "cli_c"}),
               boost::test_tools::per_element());
    BOOST_TEST(clientIdsOf(clients.listBefore("cli_b", 2)) == Strings{"cli_a"}, boost::test_tools::per_element());
    BOOST_TEST(clients.listBefore("cli_a", 2).empty());
    BOOST_TEST(clients.listBefore("", 0).empty());
}

void clientsUnknownOwnerIsRefused(Database& db) {
    prepareOwner(db);
    BOOST_CHECK_THROW(db.clients().insert(samples::client("cli_1", "org_ghost")), Error);
    BOOST_TEST(!db.clients().findById("cli_1").has_value());
}

void signingKeysApplyAndList(Database& db) {
    db.migrate();
    auto& keys = db.signingKeys();
    BOOST_TEST(keys.list().empty());
    keys.apply({samples::signingKey("k1", KeyStatus::Current, 0)}, {});
    keys.apply({samples::signingKey("k2", KeyStatus::Next, 100)}, {});
    const auto listed = keys.list();
    BOOST_TEST_REQUIRE(listed.size() == 2u);
    BOOST_TEST(listed[0].kid == "k1");
    BOOST_TEST((listed[0].algorithm == SigningAlgorithm::ES256));
    BOOST_TEST(listed[0].publicJwk == samples::signingKey("k1", KeyStatus::Current, 0).publicJwk);
    BOOST_TEST(listed[0].sealedPrivateKey.size() == samples::signingKey("k1", KeyStatus::Current, 0).sealedPrivateKey.size());
    BOOST_TEST(!listed[0].retiredAt.has_value());

    auto retired = listed[0];
    retired.status = KeyStatus::Retired;
    retired.retiredAt = samples::at(200);
    auto promoted = listed[1];
    promoted.status = KeyStatus::Current;
    keys.apply({samples::signingKey("k3", KeyStatus::Next, 200)}, {retired, promoted});
    BOOST_TEST(keyStates(db) == (Strings{"k1:retired:retired_at", "k2:current", "k3:next"}),
               boost::test_tools::per_element());
    BOOST_TEST(toUnix(*keys.list()[0].retiredAt) == toUnix(samples::at(200)));
}

void signingKeysApplyIsAtomic(Database& db) {
    db.migrate();
    auto& keys = db.signingKeys();
    keys.apply({samples::signingKey("k1", KeyStatus::Current, 0)}, {});
    BOOST_CHECK_EXCEPTION(keys.apply({samples::signingKey("k2", KeyStatus::Next, 1), samples::signingKey("k1", KeyStatus::Next, 2)}, {}),
                          Error, hasCode(ErrorCode::Conflict));
    auto retired = samples::signingKey("k1", KeyStatus::Retired, 0);
    retired.retiredAt = samples::at(5);
    BOOST_CHECK_EXCEPTION(keys.apply({samples::signingKey("k4", KeyStatus::Next, 4)},
                                     {retired, samples::signingKey("k_ghost", KeyStatus::Retired, 0)}),
                          Error, hasCode(ErrorCode::NotFound));
    BOOST_TEST(keyStates(db) == Strings{"k1:current"}, boost::test_tools::per_element());
}

void auditListsNewestFirstByOrganization(Database& db) {
    db.migrate();
    auto& audit = db.audit();
    audit.append({samples::event("evt_0001", "org_a", 1), samples::event("evt_0002", "org_b", 2),
                  samples::event("evt_0003", "org_a", 3)});
    audit.append({samples::event("evt_0004", "", 4), samples::event("evt_0005", "org_a", 5),
                  samples::event("evt_0006", "org_b", 6)});
    audit.append({});
    BOOST_TEST(eventIdsOf(audit.list("", "", 10)) ==
                   (Strings{"evt_0006", "evt_0005", "evt_0004", "evt_0003", "evt_0002", "evt_0001"}),
               boost::test_tools::per_element());
    BOOST_TEST(eventIdsOf(audit.list("org_a", "", 2)) == (Strings{"evt_0005", "evt_0003"}),
               boost::test_tools::per_element());
    BOOST_TEST(eventIdsOf(audit.list("org_a", "evt_0003", 2)) == Strings{"evt_0001"}, boost::test_tools::per_element());
    BOOST_TEST(audit.list("org_a", "evt_0001", 2).empty());
    BOOST_TEST(eventIdsOf(audit.list("", "evt_0004", 2)) == (Strings{"evt_0003", "evt_0002"}),
               boost::test_tools::per_element());
    BOOST_TEST(audit.list("", "", 0).empty());
    const auto global = audit.list("", "evt_0005", 1);
    BOOST_TEST_REQUIRE(global.size() == 1u);
    const auto expected = samples::event("evt_0004", "", 4);
    BOOST_TEST(global[0].organizationId.empty());
    BOOST_TEST(toUnix(global[0].at) == toUnix(expected.at));
    BOOST_TEST(global[0].actor == expected.actor);
    BOOST_TEST(global[0].action == expected.action);
    BOOST_TEST(global[0].target == expected.target);
    BOOST_TEST(global[0].outcome == expected.outcome);
}

void auditAppendIsAtomic(Database& db) {
    db.migrate();
    auto& audit = db.audit();
    audit.append({samples::event("evt_0001", "org_a", 1)});
    BOOST_CHECK_EXCEPTION(audit.append({samples::event("evt_0002", "org_a", 2), samples::event("evt_0001", "org_a", 3)}),
                          Error, hasCode(ErrorCode::Conflict));
    BOOST_TEST(eventIdsOf(audit.list("", "", 10)) == Strings{"evt_0001"}, boost::test_tools::per_element());
}

} // namespace authcore::test::conformance
