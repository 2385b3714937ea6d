// SPDX-License-Identifier: Apache-2.0
// Services in the SQL store; a service and its client are written together.
#include "store/service_store_sql.hpp"

#include "store/client_store_sql.hpp"
#include "store/rows.hpp"
#include "store/text_list.hpp"

#include <authcore/error.hpp>

namespace authcore::sql {
namespace {

const std::string kSelectServices =
    "SELECT id, organization_id, slug, name, service_type, client_id, redirect_uris, github_scopes, google_scopes, "
    "microsoft_scopes, created_at, updated_at FROM services ";

Service serviceAt(const RecordSet& rows, std::size_t row) {
    Service s;
    s.id = textAt(rows, 0, row);
    s.organizationId = textAt(rows, 1, row);
    s.slug = textAt(rows, 2, row);
    s.name = textAt(rows, 3, row);
    s.type = parsedAt(rows, 4, row, "services.service_type", parseServiceType);
    s.clientId = textAt(rows, 5, row);
    s.redirectUris = textListAt(rows, 6, row, "services.redirect_uris");
    s.githubScopes = textListAt(rows, 7, row, "services.github_scopes");
    s.googleScopes = textListAt(rows, 8, row, "services.google_scopes");
    s.microsoftScopes = textListAt(rows, 9, row, "services.microsoft_scopes");
    s.createdAt = timeAt(rows, 10, row);
    s.updatedAt = timeAt(rows, 11, row);
    return s;
}

// Holds the organization's row until the transaction ends (MySQL; SQLite's
// BEGIN IMMEDIATE already serialises writers), so concurrent creates are
// counted one after the other.
int lockedServiceCount(Session& session, const Dialect& dialect, const std::string& organizationId) {
    Poco::Int64 found = 0;
    session << "SELECT COUNT(*) FROM organizations WHERE id = ?" + std::string(dialect.lockingRead()),
        kw::bind(organizationId), kw::into(found), kw::now;
    if (found == 0) throw Error(ErrorCode::NotFound, "organization not found");
    Poco::Int64 services = 0;
    session << "SELECT COUNT(*) FROM services WHERE organization_id = ?", kw::bind(organizationId),
        kw::into(services), kw::now;
    return static_cast<int>(services);
}

} // namespace

int countRows(Executor& executor, const std::string& sql, const std::vector<std::string>& parameters) {
    return executor.evaluate([&](Session& session) {
        Poco::Int64 count = 0;
        Statement statement(session);
        statement << sql;
        bindTexts(statement, parameters);
        statement.addExtract(kw::into(count));
        statement.execute();
        return static_cast<int>(count);
    });
}

void ServiceStoreSql::insertWithClient(const Service& service, const Client& client, int maxServices) {
    executor_.transact("a service with this slug or client id", [&](Session& session) {
        if (lockedServiceCount(session, executor_.dialect(), service.organizationId) >= maxServices)
            throw Error(ErrorCode::LimitReached,
                        "the organization has reached its limit of " + std::to_string(maxServices) + " services");
        insertClientRow(session, client);
        session << "INSERT INTO services (id, organization_id, slug, name, service_type, client_id, redirect_uris, "
                   "github_scopes, google_scopes, microsoft_scopes, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            kw::bind(service.id), kw::bind(service.organizationId), kw::bind(service.slug), kw::bind(service.name),
            kw::bind(std::string(serviceTypeName(service.type))), kw::bind(service.clientId),
            kw::bind(encodeTextList(service.redirectUris)), kw::bind(encodeTextList(service.githubScopes)),
            kw::bind(encodeTextList(service.googleScopes)), kw::bind(encodeTextList(service.microsoftScopes)),
            kw::bind(unixSeconds(service.createdAt)), kw::bind(unixSeconds(service.updatedAt)), kw::now;
    });
}

std::optional<Service> ServiceStoreSql::find(const std::string& organizationId, const std::string& slug) {
    return selectOne(executor_, kSelectServices + "WHERE organization_id = ? AND slug = ?", {organizationId, slug},
                     serviceAt);
}

std::optional<Service> ServiceStoreSql::findById(const std::string& id) {
    return selectOne(executor_, kSelectServices + "WHERE id = ?", {id}, serviceAt);
}

std::vector<Service> ServiceStoreSql::listForOrganization(const std::string& organizationId) {
    return selectRows(executor_, kSelectServices + "WHERE organization_id = ? ORDER BY slug", {organizationId},
                      serviceAt);
}

int ServiceStoreSql::countForOrganization(const std::string& organizationId) {
    return countRows(executor_, "SELECT COUNT(*) FROM services WHERE organization_id = ?", {organizationId});
}

void ServiceStoreSql::update(const Service& service) {
    executor_.transact("a service with this slug", [&](Session& session) {
        Statement statement(session);
        statement << "UPDATE services SET name = ?, redirect_uris = ?, github_scopes = ?, google_scopes = ?, "
                     "microsoft_scopes = ?, updated_at = ? WHERE id = ?",
            kw::bind(service.name), kw::bind(encodeTextList(service.redirectUris)),
            kw::bind(encodeTextList(service.githubScopes)), kw::bind(encodeTextList(service.googleScopes)),
            kw::bind(encodeTextList(service.microsoftScopes)), kw::bind(unixSeconds(service.updatedAt)),
            kw::bind(service.id);
        if (statement.execute() == 0) throw Error(ErrorCode::NotFound, "service not found");
        // The login flow reads redirect URIs from the client: both change together.
        session << "UPDATE clients SET redirect_uris = ? WHERE client_id = ?",
            kw::bind(encodeTextList(service.redirectUris)), kw::bind(service.clientId), kw::now;
    });
}

bool ServiceStoreSql::removeWithClient(const std::string& id) {
    bool removed = false;
    executor_.transact("service", [&](Session& session) {
        std::string clientId;
        Statement select(session);
        select << "SELECT client_id FROM services WHERE id = ?" + std::string(executor_.dialect().lockingRead()),
            kw::bind(id);
        select.execute();
        const RecordSet rows(select);
        if (rows.rowCount() == 0) return;
        clientId = textAt(rows, 0, 0);
        // Plans, subscriptions, API keys, the SAML configuration and the SAML
        // certificates go by foreign-key cascade, in this transaction.
        session << "DELETE FROM services WHERE id = ?", kw::bind(id), kw::now;
        session << "DELETE FROM clients WHERE client_id = ?", kw::bind(clientId), kw::now;
        removed = true;
    });
    return removed;
}

} // namespace authcore::sql
