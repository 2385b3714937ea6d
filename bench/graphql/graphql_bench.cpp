// SPDX-License-Identifier: Apache-2.0
// GraphQL: parse + validate + execute + serialize of a 3-level `clients` query over
// 10,000 in-memory clients, against graphql-js (reference_bench.mjs) on the same
// query and the same data in node.
#include <authcore/graphql/executor.hpp>
#include <authcore/graphql/json_parser.hpp>
#include <authcore/graphql/schema_builder.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace graphql = authcore::graphql;
using graphql::FieldContext;
using graphql::JsonValue;
using graphql::ResolverResult;
using SteadyClock = std::chrono::steady_clock;

namespace {

// Keep these equal to reference_bench.mjs: same data, same query, same response.
constexpr int clientCount = 10000;
constexpr const char* query =
    "{ clients(first: 10000) { edges { node { clientId description } cursor } pageInfo { hasNextPage } } }";
constexpr double warmupSeconds = 2;

// ---- The data: 10,000 clients, each with 2 available scopes and 1-2 authorizations
// as subject whose audience is another client. Generated identically in node.

struct Scope {
    std::string scope;
    std::string description;
};

struct Authorization {
    std::string id;
    std::string created;
    int subject = 0;  ///< index into Directory::clients
    int audience = 0; ///< index into Directory::clients, never the subject
    std::vector<std::string> scopes;
};

struct Client {
    std::string clientId;
    std::string description;
    std::vector<Scope> availableScopes;
    std::vector<Authorization> authorizationsAsSubject;
};

struct Directory {
    std::vector<Client> clients;
    std::unordered_map<std::string, int> indexById;
};

std::string clientIdOf(int i) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "client-%05d", i);
    return buffer;
}

Directory generate() {
    Directory directory;
    directory.clients.reserve(clientCount);
    for (int i = 0; i < clientCount; ++i) {
        Client client;
        client.clientId = clientIdOf(i);
        client.description = "Generated client " + std::to_string(i) + " for the GraphQL benchmark";
        client.availableScopes = {{client.clientId + ":read", "Read access to " + client.clientId},
                                  {client.clientId + ":write", "Write access to " + client.clientId}};
        for (int k = 0; k < 1 + i % 2; ++k) {
            const int audience = (i + 1 + 7 * k) % clientCount;
            client.authorizationsAsSubject.push_back(
                {"auth-" + std::to_string(i) + "-" + std::to_string(k), "2026-01-01T00:00:00Z", i, audience,
                 {clientIdOf(audience) + ":read"}});
        }
        directory.indexById.emplace(client.clientId, i);
        directory.clients.push_back(std::move(client));
    }
    return directory;
}

// ---- Cursors: base64url("client:" + clientId), as the appliance makes them.

std::string base64Url(std::string_view in) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const auto n = (std::uint32_t(std::uint8_t(in[i])) << 16) | (std::uint32_t(std::uint8_t(in[i + 1])) << 8) |
                       std::uint8_t(in[i + 2]);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        out += alphabet[n & 63];
    }
    if (i + 1 == in.size()) {
        const auto n = std::uint32_t(std::uint8_t(in[i])) << 16;
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
    } else if (i + 2 == in.size()) {
        const auto n = (std::uint32_t(std::uint8_t(in[i])) << 16) | (std::uint32_t(std::uint8_t(in[i + 1])) << 8);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
    }
    return out;
}

std::string base64UrlDecode(std::string_view in) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : in) {
        int v;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
        else if (c >= '0' && c <= '9') v = c - '0' + 52;
        else if (c == '-') v = 62;
        else if (c == '_') v = 63;
        else return {};
        buffer = (buffer << 6) | std::uint32_t(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

std::string cursorOf(const std::string& clientId) { return base64Url("client:" + clientId); }

/// Query.clients(first, after): the page as [begin, end) over Directory::clients.
struct Page {
    int begin = 0;
    int end = 0;
};

Page pageOf(const FieldContext& field, const Directory& directory) {
    int begin = 0;
    if (const auto* after = field.argument("after"); after && after->isString()) {
        const auto decoded = base64UrlDecode(after->asString());
        if (decoded.rfind("client:", 0) != 0) throw std::runtime_error("after is not a cursor of this list");
        const auto found = directory.indexById.find(decoded.substr(7));
        if (found == directory.indexById.end()) throw std::runtime_error("after is not a cursor of this list");
        begin = found->second + 1;
    }
    int end = static_cast<int>(directory.clients.size());
    if (const auto* first = field.argument("first"); first && first->isInt())
        end = std::min<std::int64_t>(end, begin + std::max<std::int64_t>(0, first->asInt()));
    return {begin, end};
}

/// An edge: the client it points to (the ClientSummary node).
struct Edge {
    const Client* client = nullptr;
};

// ---- Two ways of resolving the same fields.

/// "objects": every field has a C++ resolver over the structs above, the way a
/// library user binds in-memory data (graphql-js's default resolvers read properties).
graphql::Schema objectSchema(const std::string& sdl) {
    auto built =
        graphql::SchemaBuilder()
            .addSdl(sdl)
            .bindField("Query", "clients",
                       [](const FieldContext& f) -> ResolverResult {
                           return ResolverResult::object(pageOf(f, *f.context<const Directory>()));
                       })
            .bindField("ClientSummaryConnection", "edges",
                       [](const FieldContext& f) -> ResolverResult {
                           const auto& clients = f.context<const Directory>()->clients;
                           const Page* page = f.parent().as<Page>();
                           std::vector<ResolverResult> edges;
                           edges.reserve(static_cast<std::size_t>(page->end - page->begin));
                           for (int i = page->begin; i < page->end; ++i)
                               edges.push_back(ResolverResult::object(Edge{&clients[static_cast<std::size_t>(i)]}));
                           return ResolverResult::list(std::move(edges));
                       })
            .bindField("ClientSummaryConnection", "pageInfo",
                       [](const FieldContext& f) -> ResolverResult {
                           return ResolverResult::object(*f.parent().as<Page>());
                       })
            .bindField("PageInfo", "hasNextPage",
                       [](const FieldContext& f) -> ResolverResult {
                           return f.parent().as<Page>()->end <
                                  static_cast<int>(f.context<const Directory>()->clients.size());
                       })
            .bindField("PageInfo", "hasPreviousPage",
                       [](const FieldContext& f) -> ResolverResult { return f.parent().as<Page>()->begin > 0; })
            .bindField("ClientSummaryEdge", "node",
                       [](const FieldContext& f) -> ResolverResult {
                           return ResolverResult::object(f.parent().as<Edge>()->client);
                       })
            .bindField("ClientSummaryEdge", "cursor",
                       [](const FieldContext& f) -> ResolverResult {
                           return cursorOf(f.parent().as<Edge>()->client->clientId);
                       })
            .bindField("ClientSummary", "clientId",
                       [](const FieldContext& f) -> ResolverResult { return f.parent().as<Client>()->clientId; })
            .bindField("ClientSummary", "description",
                       [](const FieldContext& f) -> ResolverResult { return f.parent().as<Client>()->description; })
            .build();
    if (!built) throw std::runtime_error("schema: " + built.error().message);
    return std::move(*built);
}

/// "json": Query.clients builds the whole connection as JSON and every other field
/// reads it with the default resolver, as the appliance's management API does.
graphql::Schema jsonSchema(const std::string& sdl) {
    auto built = graphql::SchemaBuilder()
                     .addSdl(sdl)
                     .bindField("Query", "clients",
                                [](const FieldContext& f) -> ResolverResult {
                                    const auto& directory = *f.context<const Directory>();
                                    const Page page = pageOf(f, directory);
                                    auto edges = JsonValue::array();
                                    edges.asArray().reserve(static_cast<std::size_t>(page.end - page.begin));
                                    for (int i = page.begin; i < page.end; ++i) {
                                        const Client& client = directory.clients[static_cast<std::size_t>(i)];
                                        auto node = JsonValue::object();
                                        node.append("clientId", client.clientId);
                                        node.append("description", client.description);
                                        auto edge = JsonValue::object();
                                        edge.append("node", std::move(node));
                                        edge.append("cursor", cursorOf(client.clientId));
                                        edges.push(std::move(edge));
                                    }
                                    auto pageInfo = JsonValue::object();
                                    pageInfo.append("hasNextPage",
                                                    page.end < static_cast<int>(directory.clients.size()));
                                    pageInfo.append("hasPreviousPage", page.begin > 0);
                                    auto connection = JsonValue::object();
                                    connection.append("edges", std::move(edges));
                                    connection.append("pageInfo", std::move(pageInfo));
                                    return connection;
                                })
                     .build();
    if (!built) throw std::runtime_error("schema: " + built.error().message);
    return std::move(*built);
}

// ---- Measuring.

double cpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

/// FNV-1a (32 bits) over the response bytes; reference_bench.mjs computes the same.
std::uint32_t fnv1a(std::string_view bytes) {
    std::uint32_t hash = 2166136261u;
    for (const char c : bytes) {
        hash ^= std::uint8_t(c);
        hash *= 16777619u;
    }
    return hash;
}

struct Figures {
    long requests = 0;
    double seconds = 0;
    double cpuSeconds = 0;
    std::size_t responseBytes = 0;
    std::uint32_t responseHash = 0;

    double requestsPerSecond() const { return requests / seconds; }
    double msPerRequest() const { return 1000.0 * seconds / requests; }
    double cpuMsPerRequest() const { return 1000.0 * cpuSeconds / requests; }
    double objectsPerSecond() const { return requestsPerSecond() * clientCount; }
};

Figures measure(const graphql::Schema& schema, const Directory& directory, double seconds) {
    graphql::ExecutionOptions options;
    options.maxCost = 10'000'000; // the query costs 70,001: 1 + 10,000 x (edges 5 + pageInfo 2)
    options.maxDepth = 15;
    const graphql::Request request{query, JsonValue::object(), std::nullopt};
    const std::any context(&directory);
    auto once = [&] { return graphql::serialize(graphql::Executor::execute(schema, request, context, options)); };

    Figures figures;
    const std::string response = once();
    if (response.rfind(R"({"data":{"clients":{"edges":[)", 0) != 0 || response.find("\"errors\"") != std::string::npos)
        throw std::runtime_error("unexpected response: " + response.substr(0, 400));
    figures.responseBytes = response.size();
    figures.responseHash = fnv1a(response);

    for (auto start = SteadyClock::now(); SteadyClock::now() - start < std::chrono::duration<double>(warmupSeconds);)
        (void)once();
    const double cpuStart = cpuSeconds();
    const auto start = SteadyClock::now();
    std::size_t bytes = 0;
    do {
        bytes += once().size();
        ++figures.requests;
        figures.seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
    } while (figures.seconds < seconds);
    figures.cpuSeconds = cpuSeconds() - cpuStart;
    if (bytes != figures.responseBytes * static_cast<std::size_t>(figures.requests))
        throw std::runtime_error("a response changed size during the run");
    return figures;
}

std::string shellQuote(const std::string& s) {
    std::string out = "'";
    for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// Runs the graphql-js side and reads its one JSON line; nullopt (with the reason
/// on stderr) when node, graphql-js or the script fails.
std::optional<Figures> reference(const std::string& script, const std::string& schemaPath, double seconds,
                                 std::string& version) {
    char timing[64];
    std::snprintf(timing, sizeof timing, " --seconds %g --warmup %g", seconds, warmupSeconds);
    const std::string command = "node " + shellQuote(script) + " --schema " + shellQuote(schemaPath) + timing;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return std::nullopt;
    std::string output;
    char buffer[4096];
    while (const auto n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    const int raw = pclose(pipe);
    if (!WIFEXITED(raw) || WEXITSTATUS(raw) != 0) {
        std::fprintf(stderr, "graphql-bench: `%s` failed (exit %d)%s\n", command.c_str(),
                     WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, output.empty() ? "" : (":\n" + output).c_str());
        return std::nullopt;
    }
    const auto lineStart = output.rfind('{');
    const auto parsed = graphql::parseJson(lineStart == std::string::npos ? output : output.substr(lineStart));
    if (!parsed || !parsed->isObject()) {
        std::fprintf(stderr, "graphql-bench: cannot read the reference's figures:\n%s\n", output.c_str());
        return std::nullopt;
    }
    auto number = [&](const char* name) {
        const auto* v = parsed->find(name);
        return v && v->isNumber() ? v->asDouble() : 0.0;
    };
    if (const auto* v = parsed->find("graphql"); v && v->isString()) version = v->asString();
    if (const auto* v = parsed->find("node"); v && v->isString()) version += ", node " + v->asString();
    Figures figures;
    figures.requests = static_cast<long>(number("requests"));
    figures.seconds = number("seconds");
    figures.cpuSeconds = number("cpuSeconds");
    figures.responseBytes = static_cast<std::size_t>(number("responseBytes"));
    figures.responseHash = static_cast<std::uint32_t>(number("responseFnv1a"));
    if (figures.requests <= 0 || figures.seconds <= 0) return std::nullopt;
    return figures;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void printRow(const std::string& name, const Figures& f, const Figures* reference) {
    std::printf("| %s | %.1f | %.2f | %.2f | %.0f | ", name.c_str(), f.requestsPerSecond(), f.msPerRequest(),
                f.cpuMsPerRequest(), f.objectsPerSecond());
    if (reference)
        std::printf("%.3f | %.3f |\n", f.requestsPerSecond() / reference->requestsPerSecond(),
                    reference->cpuMsPerRequest() / f.cpuMsPerRequest());
    else std::printf("- | - |\n");
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr,
                     "usage: graphql-bench SCHEMA.graphql REFERENCE.mjs [seconds]\n"
                     "  e.g. graphql-bench appliance/src/graphql/schema.graphql bench/graphql/reference_bench.mjs 5\n");
        return 2;
    }
    const std::string schemaPath = argv[1];
    const std::string script = argv[2];
    const double seconds = argc > 3 ? std::max(1.0, std::atof(argv[3])) : 5.0;
    try {
        const std::string sdl = readFile(schemaPath);
        const Directory directory = generate();
        const auto objects = objectSchema(sdl);
        const auto json = jsonSchema(sdl);

        std::printf("GraphQL: %d clients, warm-up %.0fs then %.0fs per implementation, one request at a time\n",
                    clientCount, warmupSeconds, seconds);
        std::printf("libgraphql, resolvers over C++ objects ...\n");
        std::fflush(stdout);
        const Figures ours = measure(objects, directory, seconds);
        std::printf("libgraphql, JSON built by Query.clients ...\n");
        std::fflush(stdout);
        const Figures oursJson = measure(json, directory, seconds);
        std::printf("graphql-js (node %s) ...\n", script.c_str());
        std::fflush(stdout);
        std::string version;
        const auto theirs = reference(script, schemaPath, seconds, version);

        std::printf("\nQuery: %s\n", query);
        std::printf("Schema: %s. Each request: parse + validate + execute + serialize to a JSON string "
                    "(libgraphql Executor::execute + serialize; graphql-js graphql() + JSON.stringify).\n",
                    schemaPath.c_str());
        std::printf("Machine: %u cores (std::thread::hardware_concurrency), one thread per implementation.\n",
                    std::thread::hardware_concurrency());
        std::printf("objects/s = client nodes returned per second (%d per request). CPU ms = process CPU time "
                    "per request.\n",
                    clientCount);
        std::printf("ratio = requests/s of the row / requests/s of graphql-js (> 1: libgraphql is faster);\n"
                    "CPU ratio = graphql-js CPU ms/request / CPU ms/request of the row.\n\n");
        std::printf("| implementation | requests/s | ms/request | CPU ms/request | objects/s | ratio | CPU ratio |\n");
        std::printf("|---|---:|---:|---:|---:|---:|---:|\n");
        const Figures* ref = theirs ? &*theirs : nullptr;
        printRow("libgraphql, resolvers over C++ objects", ours, ref);
        printRow("libgraphql, JSON built by Query.clients", oursJson, ref);
        if (ref) printRow("graphql-js (" + version + ")", *ref, ref);
        else std::printf("| graphql-js | FAILED | - | - | - | - | - |\n");

        std::printf("\nResponse: %zu bytes, FNV-1a %08x (objects), %zu bytes, %08x (JSON)", ours.responseBytes,
                    ours.responseHash, oursJson.responseBytes, oursJson.responseHash);
        if (ref) std::printf(", %zu bytes, %08x (graphql-js)", ref->responseBytes, ref->responseHash);
        std::printf("\n");
        if (!ref) {
            std::fprintf(stderr, "graphql-bench: no graphql-js figures (node and tests/interop/graphql/node_modules "
                                 "are installed by scripts/lib/install-node-deps.sh)\n");
            return 1;
        }
        if (ours.responseBytes != ref->responseBytes || ours.responseHash != ref->responseHash ||
            oursJson.responseBytes != ref->responseBytes || oursJson.responseHash != ref->responseHash) {
            std::fprintf(stderr, "graphql-bench: the responses differ, so the figures do not compare\n");
            return 1;
        }
        std::printf("All three responses are byte-identical.\n");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "graphql-bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
