// SPDX-License-Identifier: Apache-2.0
// The graphql-js side of graphql-bench: the same query over the same 10,000 clients,
// each iteration graphql() (parse + validate + execute) + JSON.stringify. Prints one
// JSON line of figures. graphql-js comes from tests/interop/graphql/node_modules
// (installed from its package-lock.json by scripts/lib/install-node-deps.sh).
//
//   node bench/graphql/reference_bench.mjs --schema appliance/src/graphql/schema.graphql \
//     [--seconds 5] [--warmup 2] [--modules tests/interop/graphql]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const schemaPath = option('schema');
if (!schemaPath) {
  console.error('usage: node reference_bench.mjs --schema SCHEMA.graphql [--seconds N] [--warmup N] [--modules DIR]');
  process.exit(2);
}
const seconds = Number(option('seconds', '5'));
const warmupSeconds = Number(option('warmup', '2'));
const modules = path.resolve(option('modules', path.join(here, '../../tests/interop/graphql')));
const { buildSchema, graphql, version } = createRequire(path.join(modules, 'package.json'))('graphql');

// Keep these equal to graphql_bench.cpp: same data, same query, same response.
const clientCount = 10000;
const query =
  '{ clients(first: 10000) { edges { node { clientId description } cursor } pageInfo { hasNextPage } } }';

// ---- The data: 10,000 clients, each with 2 available scopes and 1-2 authorizations
// as subject whose audience is another client.
const clientIdOf = (i) => `client-${String(i).padStart(5, '0')}`;
const clients = [];
for (let i = 0; i < clientCount; ++i) {
  const clientId = clientIdOf(i);
  clients.push({
    clientId,
    description: `Generated client ${i} for the GraphQL benchmark`,
    availableScopes: [
      { scope: `${clientId}:read`, description: `Read access to ${clientId}` },
      { scope: `${clientId}:write`, description: `Write access to ${clientId}` },
    ],
    authorizationsAsSubject: [],
  });
}
const indexById = new Map(clients.map((client, i) => [client.clientId, i]));
for (let i = 0; i < clientCount; ++i) {
  for (let k = 0; k < 1 + (i % 2); ++k) {
    const audience = (i + 1 + 7 * k) % clientCount;
    clients[i].authorizationsAsSubject.push({
      id: `auth-${i}-${k}`,
      authorizationCreated: '2026-01-01T00:00:00Z',
      subject: clients[i],
      audience: clients[audience],
      authorizedScopes: [`${clientIdOf(audience)}:read`],
    });
  }
}

// ---- Resolvers: Query.clients builds the page; every other field is graphql-js's
// default resolver reading a property. Cursors: base64url("client:" + clientId).
const cursorOf = (clientId) => Buffer.from(`client:${clientId}`).toString('base64url');
const rootValue = {
  clients({ first, after }) {
    let begin = 0;
    if (typeof after === 'string') {
      const decoded = Buffer.from(after, 'base64url').toString();
      const found = decoded.startsWith('client:') ? indexById.get(decoded.slice(7)) : undefined;
      if (found === undefined) throw new Error('after is not a cursor of this list');
      begin = found + 1;
    }
    let end = clients.length;
    if (Number.isInteger(first)) end = Math.min(end, begin + Math.max(0, first));
    const edges = [];
    for (let i = begin; i < end; ++i) edges.push({ node: clients[i], cursor: cursorOf(clients[i].clientId) });
    return { edges, pageInfo: { hasNextPage: end < clients.length, hasPreviousPage: begin > 0 } };
  },
};

const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
const once = async () => JSON.stringify(await graphql({ schema, source: query, rootValue }));

// FNV-1a (32 bits) over the response's UTF-8 bytes; graphql_bench.cpp computes the same.
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ byte, 16777619) >>> 0;
  return hash >>> 0;
}

const response = await once();
if (!response.startsWith('{"data":{"clients":{"edges":[') || response.includes('"errors"')) {
  console.error(`unexpected response: ${response.slice(0, 400)}`);
  process.exit(1);
}
const responseBytes = Buffer.byteLength(response, 'utf8');

const now = () => Number(process.hrtime.bigint()) / 1e9;
for (const warmupStart = now(); now() - warmupStart < warmupSeconds; ) await once();
const cpuStart = process.cpuUsage();
const start = now();
let requests = 0;
let elapsed = 0;
let bytes = 0;
do {
  bytes += (await once()).length;
  ++requests;
  elapsed = now() - start;
} while (elapsed < seconds);
const cpu = process.cpuUsage(cpuStart);
if (bytes !== response.length * requests) {
  console.error('a response changed size during the run');
  process.exit(1);
}

const requestsPerSecond = requests / elapsed;
console.log(
  JSON.stringify({
    implementation: 'graphql-js',
    graphql: version,
    node: process.version,
    requests,
    seconds: elapsed,
    requestsPerSecond,
    msPerRequest: (1000 * elapsed) / requests,
    objectsPerSecond: requestsPerSecond * clientCount,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    responseBytes,
    responseFnv1a: fnv1a(response),
  }),
);
