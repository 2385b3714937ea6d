// SPDX-License-Identifier: Apache-2.0
// Checks AuthCore's GraphQL endpoint against the design contract with graphql-js,
// an independent implementation: the served schema (introspection) and the
// rejection of invalid documents (--invalid-dir). See README.md.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {
  GraphQLError, GraphQLObjectType, GraphQLSchema, Kind, TypeInfo, buildASTSchema, buildClientSchema, getIntrospectionQuery,
  getNamedType, isEnumType, isInputObjectType, isInterfaceType, isNonNullType, isObjectType,
  isSpecifiedScalarType, isUnionType, parse, parseValue, print, specifiedRules, validate, validateSchema, visit,
  visitWithTypeInfo,
} from 'graphql';

const USAGE = `usage:
  node conformance.mjs --url URL --token TOKEN --contract SCHEMA.graphql --roots roots.json
  node conformance.mjs [--url URL --token TOKEN] --contract SCHEMA.graphql --roots roots.json --invalid-dir DIR
options: --timeout MS (per request, default 10000)`;
const ROOT_KINDS = ['Query', 'Mutation', 'Subscription'];
const INTROSPECTION_OPTIONS = {
  descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true,
  inputValueDeprecation: true,
};

// ---------- command line and HTTP ----------

function parseArgs(argv) {
  const known = new Set(['--url', '--token', '--contract', '--roots', '--invalid-dir', '--timeout']);
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!known.has(argv[i]) || argv[i + 1] === undefined) throw new Error(`bad argument: ${argv[i]}`);
    args[argv[i].slice(2)] = argv[i + 1];
  }
  if (!args.contract || !args.roots) throw new Error('--contract and --roots are required');
  if (!args['invalid-dir'] && !args.url) throw new Error('--url is required to compare schemas');
  args.timeout = Number(args.timeout ?? 10000);
  return args;
}

/// POSTs a GraphQL request; returns {status, contentType, text, body}, body the parsed JSON or undefined.
async function postGraphql(args, request) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (args.token) headers.Authorization = `Bearer ${args.token}`;
  const response = await fetch(args.url, {
    method: 'POST', headers, body: JSON.stringify(request), signal: AbortSignal.timeout(args.timeout),
  });
  const text = await response.text();
  let body;
  try { body = JSON.parse(text); } catch { body = undefined; }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body, text };
}

// ---------- schemas ----------

function rootType(schema, kind) {
  return { Query: schema.getQueryType(), Mutation: schema.getMutationType(),
    Subscription: schema.getSubscriptionType() }[kind] ?? null;
}

/// roots.json: the served root fields by root type, `pending`, the "Type.field"s of
/// non-root object types the contract has but we deliberately do not serve yet, and
/// `extensions`, the "Type.field"s we serve beyond the contract (see README.md).
function readRoots(file) {
  const roots = JSON.parse(readFileSync(file, 'utf8'));
  for (const [kind, fields] of Object.entries(roots)) {
    if (!(ROOT_KINDS.includes(kind) || kind === 'pending' || kind === 'extensions') || !Array.isArray(fields)) {
      throw new Error(`roots.json: bad entry ${kind}`);
    }
  }
  roots.pending ??= [];
  roots.extensions ??= [];
  return roots;
}

/// Checks each `Type.field` entry of a roots.json list (`what`: pending, extensions):
/// not a root field, listed once; `problem(type, field)` says what else is wrong, or nothing.
function checkFieldList(contract, what, entries, problems, problem) {
  const roots = ROOT_KINDS.map((kind) => rootType(contract, kind)?.name);
  for (const entry of entries) {
    const [typeName, field, extra] = entry.split('.');
    const type = contract.getType(typeName ?? '');
    const wrong = extra !== undefined || !field ? 'is not Type.field'
      : roots.includes(typeName) ? `is a root field (list roots under ${typeName})` : problem(type, field);
    if (wrong) problems.push(`roots.json: ${what} ${entry} ${wrong}`);
  }
  if (new Set(entries).size !== entries.length) problems.push(`roots.json: ${what} lists a field twice`);
}

/// Problems with the pending list itself: each entry a field of a non-root object type of the contract.
function checkPendingList(contract, pending, problems) {
  checkFieldList(contract, 'pending', pending, problems, (type, field) =>
    (!isObjectType(type) || !type.getFields()[field] ? 'is not an object field of the contract' : null));
}

/// Problems with the extension list itself: each entry a field that a non-root object or
/// input type of the contract does not have, listed once.
function checkExtensionList(contract, extensions, problems) {
  checkFieldList(contract, 'extensions', extensions, problems, (type, field) => {
    if (!isObjectType(type) && !isInputObjectType(type)) return 'names no object or input type of the contract';
    return type.getFields()[field] ? 'is in the contract' : null;
  });
}

/// The contract as we mean to serve it for now: without the pending fields.
function withoutPending(document, pending) {
  const dropped = new Set(pending);
  const definitions = document.definitions.map((definition) => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) return definition;
    const fields = definition.fields?.filter((f) => !dropped.has(`${definition.name.value}.${f.name.value}`));
    return { ...definition, fields };
  });
  return buildASTSchema({ ...document, definitions });
}

/// The contract cut down to the root fields in roots.json (and the types they reach).
function restrictToRoots(contract, roots) {
  const cut = (kind) => {
    const type = rootType(contract, kind);
    const wanted = roots[kind] ?? [];
    if (!type || wanted.length === 0) return undefined;
    const config = type.toConfig();
    const fields = Object.fromEntries(Object.entries(config.fields).filter(([name]) => wanted.includes(name)));
    return new GraphQLObjectType({ ...config, fields });
  };
  return new GraphQLSchema({
    query: cut('Query'), mutation: cut('Mutation'), subscription: cut('Subscription'),
    directives: contract.getDirectives(),
  });
}

// ---------- schema comparison ----------

/// A default value in printed form (for ours, the introspection string normalized by a parse).
function printedDefault(value) {
  if (value.astNode?.defaultValue) return print(value.astNode.defaultValue);
  if (value.rawDefault === undefined || value.rawDefault === null) return null;
  try { return print(parseValue(value.rawDefault)); } catch { return `unparsable: ${value.rawDefault}`; }
}

function compareSets(where, what, ours, theirs, problems) {
  for (const name of theirs) if (!ours.includes(name)) problems.push(`${where}: ${what} ${name} missing (in contract)`);
  for (const name of ours) if (!theirs.includes(name)) problems.push(`${where}: ${what} ${name} not in contract`);
}

/// Arguments (at `Type.field(name:)`) or input fields (at `Input.name`): same names, same
/// printed types and defaults, same deprecation.
function compareInputValues(where, ours, theirs, problems, isInputField = false) {
  const at = (name) => (isInputField ? `${where}.${name}` : `${where}(${name}:)`);
  if (!isInputField) compareSets(where, 'argument', ours.map((a) => a.name), theirs.map((a) => a.name), problems);
  for (const mine of ours) {
    const other = theirs.find((a) => a.name === mine.name);
    if (!other) continue;
    if (String(mine.type) !== String(other.type)) problems.push(`${at(mine.name)}: type ${mine.type}, contract has ${other.type}`);
    const [a, b] = [printedDefault(mine), printedDefault(other)];
    if (a !== b) problems.push(`${at(mine.name)}: default ${a ?? 'none'}, contract has ${b ?? 'none'}`);
    if (Boolean(mine.deprecationReason) !== Boolean(other.deprecationReason)) {
      problems.push(`${at(mine.name)}: deprecation differs from contract`);
    }
  }
}

function compareField(where, mine, other, problems) {
  if (String(mine.type) !== String(other.type)) {
    problems.push(`${where}: type ${mine.type}, contract has ${other.type}`);
  }
  compareInputValues(where, mine.args ?? [], other.args ?? [], problems);
  if (Boolean(mine.deprecationReason) !== Boolean(other.deprecationReason)) {
    problems.push(`${where}: deprecation differs from contract`);
  }
}

/// `pending`: the contract fields of this type that must be missing (object types only);
/// `extensions`: fields we may serve beyond the contract (an input's must be nullable, so
/// that every input the contract allows stays valid).
function compareFieldMaps(typeName, ours, theirs, problems, isInput, pending = new Set(), extensions = new Set()) {
  for (const name of Object.keys(theirs)) {
    const isPending = pending.has(`${typeName}.${name}`);
    if (!ours[name] && !isPending) problems.push(`${typeName}.${name}: field missing (in contract)`);
    if (ours[name] && isPending) problems.push(`${typeName}.${name}: served but listed as pending in roots.json`);
  }
  for (const [name, field] of Object.entries(ours)) {
    if (theirs[name]) continue;
    if (!extensions.has(`${typeName}.${name}`)) problems.push(`${typeName}.${name}: field not in contract`);
    else if (isInput && isNonNullType(field.type)) problems.push(`${typeName}.${name}: an input extension must be nullable`);
  }
  for (const field of Object.values(ours)) {
    const counterpart = theirs[field.name];
    if (!counterpart) continue;
    if (isInput) compareInputValues(typeName, [field], [counterpart], problems, true);
    else compareField(`${typeName}.${field.name}`, field, counterpart, problems);
  }
}

function kindOf(type) {
  if (isObjectType(type)) return 'object';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  if (isEnumType(type)) return 'enum';
  if (isInputObjectType(type)) return 'input';
  return 'scalar';
}

/// Compares one of our named types with the contract's type of the same name.
function compareNamedType(mine, contract, problems, pending, extensions) {
  if (isSpecifiedScalarType(mine)) return;
  const other = contract.getType(mine.name);
  if (!other) return problems.push(`type ${mine.name}: not in contract`);
  if (kindOf(mine) !== kindOf(other)) {
    return problems.push(`type ${mine.name}: is ${kindOf(mine)}, contract has ${kindOf(other)}`);
  }
  const names = (list) => list.map((t) => t.name);
  if (isObjectType(mine) || isInterfaceType(mine)) {
    compareFieldMaps(mine.name, mine.getFields(), other.getFields(), problems, false,
      isObjectType(mine) ? pending : undefined, extensions);
    compareSets(`type ${mine.name}`, 'interface', names(mine.getInterfaces()), names(other.getInterfaces()), problems);
  } else if (isInputObjectType(mine)) {
    compareFieldMaps(mine.name, mine.getFields(), other.getFields(), problems, true, undefined, extensions);
  } else if (isEnumType(mine)) {
    compareSets(`enum ${mine.name}`, 'value', names(mine.getValues()), names(other.getValues()), problems);
  } else if (isUnionType(mine)) {
    compareSets(`union ${mine.name}`, 'member', names(mine.getTypes()), names(other.getTypes()), problems);
  }
}

/// Every named type reachable from the given root fields (through fields, arguments,
/// input fields, interfaces and possible types), root types excluded.
function reachableTypes(schema, rootFields) {
  const seen = new Map();
  const stack = [];
  const push = (type) => {
    const named = getNamedType(type);
    if (!seen.has(named.name)) { seen.set(named.name, named); stack.push(named); }
  };
  for (const field of rootFields) { push(field.type); field.args.forEach((a) => push(a.type)); }
  while (stack.length) {
    const type = stack.pop();
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) { push(field.type); field.args.forEach((a) => push(a.type)); }
      type.getInterfaces().forEach(push);
    }
    if (isInterfaceType(type) || isUnionType(type)) schema.getPossibleTypes(type).forEach(push);
    if (isInputObjectType(type)) Object.values(type.getFields()).forEach((f) => push(f.type));
  }
  return [...seen.values()];
}

/// Introspection stores defaults as strings; graphql-js coerces them (dropping invalid ones),
/// so the raw strings are kept on our input values for an exact comparison.
function attachRawDefaults(schema, introspection) {
  for (const raw of introspection.__schema.types) {
    const type = schema.getType(raw.name);
    if (!type) continue;
    for (const f of raw.inputFields ?? []) type.getFields()[f.name].rawDefault = f.defaultValue;
    for (const f of raw.fields ?? []) {
      const field = type.getFields()[f.name];
      for (const a of f.args ?? []) field.args.find((x) => x.name === a.name).rawDefault = a.defaultValue;
    }
  }
}

function compareRoots(ours, contract, roots, problems) {
  const compared = [];
  for (const kind of ROOT_KINDS) {
    const [mine, other] = [rootType(ours, kind), rootType(contract, kind)];
    const listed = roots[kind] ?? [];
    if (mine && other && mine.name !== other.name) problems.push(`${kind} root type is ${mine.name}, contract has ${other.name}`);
    if (!mine && listed.length) problems.push(`${kind}: no such root type, roots.json lists ${listed.join(', ')}`);
    if (!mine) continue;
    const fields = mine.getFields();
    for (const name of listed) {
      const theirs = other?.getFields()[name];
      if (!theirs) problems.push(`roots.json: ${kind}.${name} is not in the contract`);
      if (!fields[name]) problems.push(`${kind}.${name}: missing`);
      else if (theirs) compareField(`${kind}.${name}`, fields[name], theirs, problems);
    }
    for (const name of Object.keys(fields)) {
      if (!listed.includes(name)) problems.push(`${kind}.${name}: served but not listed in roots.json`);
    }
    compared.push(...Object.values(fields));
  }
  return compared;
}

async function checkSchema(args, contract, roots, report) {
  const problems = report.problems;
  const reply = await postGraphql(args, {
    query: getIntrospectionQuery(INTROSPECTION_OPTIONS), operationName: 'IntrospectionQuery', variables: {},
  });
  if (reply.status !== 200 || !reply.body?.data?.__schema || reply.body.errors) {
    return problems.push(`introspection failed: HTTP ${reply.status}: ${reply.text.slice(0, 500)}`);
  }
  let ours;
  try {
    ours = buildClientSchema(reply.body.data);
    attachRawDefaults(ours, reply.body.data);
  } catch (e) {
    return problems.push(`introspection result unusable: ${e.message}`);
  }
  validateSchema(ours).forEach((e) => problems.push(`served schema invalid: ${e.message}`));
  for (const name of ['skip', 'include']) {
    if (!ours.getDirective(name)) problems.push(`served schema lacks the @${name} directive`);
  }
  const rootFields = compareRoots(ours, contract, roots, problems);
  report.rootFields = rootFields.length;
  const types = reachableTypes(ours, rootFields);
  const pending = new Set(roots.pending);
  const extensions = new Set(roots.extensions);
  types.forEach((type) => compareNamedType(type, contract, problems, pending, extensions));
  report.typesCompared = types.length;
  // A pending field of a type we do not serve at all is a stale entry.
  for (const entry of roots.pending) {
    if (!types.some((type) => type.name === entry.split('.')[0])) problems.push(`roots.json: pending ${entry}: type not served`);
  }
  report.pending = roots.pending.length;
  // An extension we do not serve is a stale entry.
  for (const entry of roots.extensions) {
    const [typeName, field] = entry.split('.');
    const type = types.find((t) => t.name === typeName);
    if (!type || !type.getFields()[field]) problems.push(`roots.json: extension ${entry}: not served`);
  }
  report.extensions = roots.extensions.length;
}

// ---------- invalid documents ----------

/// Contract types and fields a document uses that the restricted schema (roots.json's root
/// fields, pending fields removed) lacks.
function usesBeyondRoots(document, contract, restricted) {
  const found = new Set();
  const typeInfo = new TypeInfo(contract);
  visit(document, visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      if (!typeInfo.getFieldDef() || !parent || node.name.value.startsWith('__')) return;
      // Non-root types keep all but their pending fields in the restricted schema; root types keep the listed ones.
      if (!restricted.getType(parent.name)?.getFields()[node.name.value]) found.add(`${parent.name}.${node.name.value}`);
    },
    NamedType(node) {
      const name = node.name.value;
      if (contract.getType(name) && !restricted.getType(name)) found.add(name);
    },
  }));
  return [...found];
}

/// graphql-js 16 only refuses an operation whose root type is missing (a subscription here) when
/// executing it; graphql-js 17 validates it with this rule, which is added here.
function KnownOperationTypesRule(context) {
  return {
    OperationDefinition(node) {
      if (context.getSchema().getRootType(node.operation)) return;
      context.reportError(new GraphQLError(`The ${node.operation} operation is not supported by the schema.`,
        { nodes: node }));
    },
  };
}

/// graphql-js's verdict on one document: {rejected, errors, beyondRoots}.
function judgeLocally(text, contract, restricted) {
  let document;
  try {
    document = parse(text);
  } catch (e) {
    return { rejected: true, errors: [e.message], beyondRoots: [] };
  }
  const errors = validate(contract, document, [...specifiedRules, KnownOperationTypesRule]).map((e) => e.message);
  return { rejected: errors.length > 0, errors, beyondRoots: usesBeyondRoots(document, contract, restricted) };
}

/// Our server's verdict: HTTP 200 or 400, a JSON body with no data and a non-empty errors array
/// of request errors (a message, no path: an error with a path is a field error, so the document
/// was executed, e.g. a mutation whose resolver then failed).
async function judgeServer(args, text) {
  const reply = await postGraphql(args, { query: text, variables: {} });
  const errors = reply.body?.errors;
  const wellFormed = Array.isArray(errors) && errors.length > 0 && errors.every((e) => typeof e?.message === 'string');
  const beforeExecution = wellFormed && errors.every((e) => e.path === undefined);
  const noData = reply.body !== undefined && (reply.body.data === undefined || reply.body.data === null);
  const statusOk = reply.status === 200 || reply.status === 400;
  return {
    status: reply.status,
    rejected: beforeExecution && noData && statusOk,
    errors: wellFormed ? errors.map((e) => e.message) : [],
    ...(reply.body === undefined ? { body: reply.text.slice(0, 300) } : {}),
    ...(noData || reply.body === undefined ? {} : { data: reply.body.data }),
  };
}

/// A valid request must succeed first, or every "rejection" could just be a refused token.
async function checkControlQuery(args, problems) {
  const reply = await postGraphql(args, { query: '{ __typename }', variables: {} });
  if (reply.status !== 200 || reply.body?.errors || !reply.body?.data?.__typename) {
    problems.push(`control query { __typename } failed (HTTP ${reply.status}): ${reply.text.slice(0, 300)}`);
    return false;
  }
  return true;
}

async function checkInvalidDir(args, contract, restricted, report) {
  const dir = args['invalid-dir'];
  const files = readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort();
  if (files.length === 0) report.problems.push(`no *.graphql files in ${dir}`);
  const serverUsable = args.url ? await checkControlQuery(args, report.problems) : false;
  report.files = [];
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const entry = { file, graphqlJs: judgeLocally(text, contract, restricted) };
    if (!entry.graphqlJs.rejected) report.problems.push(`${file}: graphql-js accepts it against the contract`);
    if (entry.graphqlJs.beyondRoots.length) {
      report.problems.push(`${file}: uses ${entry.graphqlJs.beyondRoots.join(', ')}, not served per roots.json`);
    }
    if (!args.url) entry.server = 'skipped';
    else if (serverUsable) {
      entry.server = await judgeServer(args, text);
      if (!entry.server.rejected) report.problems.push(`${file}: server did not reject it (HTTP ${entry.server.status})`);
    } else entry.server = 'not run: control query failed';
    report.files.push(entry);
  }
}

// ---------- main ----------

async function main() {
  const report = { ok: false, problems: [], typesCompared: 0, rootFields: 0 };
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e.message}\n${USAGE}\n`);
    report.problems.push(e.message);
    return report;
  }
  try {
    const document = parse(readFileSync(args.contract, 'utf8'));
    const contract = buildASTSchema(document);
    const roots = readRoots(args.roots);
    checkPendingList(contract, roots.pending, report.problems);
    checkExtensionList(contract, roots.extensions, report.problems);
    if (report.problems.length === 0) {
      const restricted = restrictToRoots(withoutPending(document, roots.pending), roots);
      if (args['invalid-dir']) await checkInvalidDir(args, contract, restricted, report);
      else await checkSchema(args, contract, roots, report);
    }
  } catch (e) {
    report.problems.push(`${e.name}: ${e.message}${e.cause ? ` (${e.cause.message ?? e.cause})` : ''}`);
  }
  report.ok = report.problems.length === 0;
  return report;
}

const report = await main();
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
process.exitCode = report.ok ? 0 : 1;
