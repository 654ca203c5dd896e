import fc from 'fast-check';
import { type GraphQLObjectType, type GraphQLSchema, getNamedType, isLeafType, isNonNullType, isObjectType } from 'graphql';
import { WRITE_KINDS, type WriteKind, writeKindOf } from '../src/modules/writes/write-kinds';
import { createSchema } from '../src/schema';
import { tableOf } from '../src/shared/entity-table';
import { type NodeType, fromGlobalId, toGlobalId } from '../src/shared/global-id';
import { operationArbitrary } from './support/operations';
import { type TestApp, startTestApp, tokens } from './support/app';
import { type FuzzRecord, type Pool, concrete, importDocument, patchArbitrary, recordArbitrary } from './support/write-fuzz';

/*
 * The write-input fuzzer: random creates, updates, imports (with their dry runs) and stage
 * changes of every kind, with the edge values of the write rules among ordinary ones. Never a
 * top-level error or a 5xx; a dry run answers what the import then does; a refused write stores
 * nothing; every accepted write publishes, and the record is then readable by node(id:), its
 * list, search, every stats query, its exports (.csv and .json), the calendar and random
 * operations over it. `npm run fuzz:writes -- --runs N [--seed S] [--database postgres://...]`
 * runs it longer; by default a short run (WRITES_FUZZ_RUNS, WRITES_FUZZ_SEED).
 */

const RUNS = Number(process.env.WRITES_FUZZ_RUNS ?? 25);
const SEED = process.env.WRITES_FUZZ_SEED === undefined ? undefined : Number(process.env.WRITES_FUZZ_SEED);
const EXPORTED = new Set(['forums', 'sessions', 'speakers', 'organizations', 'clusters', 'clusterEvents', 'federalDistricts', 'regions', 'publications', 'figures']);

let app: TestApp;
let editor: string;
let publisher: string;
let schema: GraphQLSchema;

beforeAll(async () => {
  app = await startTestApp({ draft: true, env: { MAX_QUERY_COST: '1000000' } });
  ({ editor, publisher } = await tokens(app, 'fuzz'));
  schema = await createSchema();
  for (const kind of WRITE_KINDS) {
    const rows: { id: string }[] = await app.database.dataSource.query(`SELECT id FROM ${tableOf(kind.entity)} ORDER BY id`);
    pool.set(kind.type, rows.map((r) => String(r.id)));
  }
}, 90_000);
afterAll(() => app?.close());

/** The published records references are drawn from, and the records the fuzzer wrote. */
const pool: Pool = new Map();
const made: { kind: WriteKind; key: string; id: string; version: number; published: boolean }[] = [];
const tally = { sent: 0, accepted: 0, refused: 0, codes: {} as Record<string, number> };
let counter = 0;

interface Answer {
  status: number;
  data?: Record<string, any>;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Posts an operation; a 5xx or a top-level error fails the run, with the operation. */
async function send(query: string, variables: Record<string, unknown>, token?: string, errorsAllowed = false): Promise<Answer> {
  const response = await app.post<Omit<Answer, 'status'>>({ query, variables }, { token });
  const answer = { status: response.status, ...response.body };
  const internal = answer.errors?.filter((e) => !errorsAllowed || e.extensions?.code === 'INTERNAL_SERVER_ERROR' || answer.status >= 500) ?? [];
  if (answer.status >= 500 || internal.length > 0) throw new Error(`${answer.status} ${JSON.stringify(answer.errors?.map((e) => [e.extensions?.code, e.message]))}\nfor ${query.slice(0, 300)}\n${JSON.stringify(variables).slice(0, 2_000)}`);
  return answer;
}

/** Every field of `type` that takes no required argument: leaves, and objects' leaves one level down. */
function selection(type: GraphQLObjectType, depth = 0): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.name === 'revisions' || field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && depth === 0) parts.push(`${field.name} { ${selection(named, 1) || '__typename'} }`);
  }
  return parts.join(' ');
}

/** Counts the refusals by code, for the summary. */
function count(errors: { code: string }[]): void {
  tally.sent += 1;
  if (errors.length === 0) tally.accepted += 1;
  else tally.refused += 1;
  for (const e of errors) tally.codes[e.code] = (tally.codes[e.code] ?? 0) + 1;
}

/** Publishes the drafts of `records` (they must publish: what a write accepted is publishable), then reads each by every path. */
async function publishAndRead(records: { kind: WriteKind; key: string; version: number }[]): Promise<void> {
  const targets = records.map((r) => ({ id: toGlobalId(r.kind.type, r.key), expectedVersion: r.version }));
  const published = await send('mutation ($input: PublishInput!) { publish(input: $input) { userErrors { path code message } } }', { input: { targets } }, publisher);
  expect(published.data!.publish.userErrors).toEqual([]);
  for (const record of records) {
    const id = toGlobalId(record.kind.type, record.key);
    const entry = made.find((m) => m.id === id);
    if (entry) Object.assign(entry, { version: record.version, published: true });
    else made.push({ ...record, id, published: true });
    if (!pool.get(record.kind.type)!.includes(record.key)) pool.get(record.kind.type)!.push(record.key);
    await readEverywhere(record.kind, id);
  }
}

async function readEverywhere(kind: WriteKind, id: string): Promise<void> {
  const type = schema.getType(kind.type) as GraphQLObjectType;
  const fields = selection(type);
  const node = await send(`query ($id: ID!) { node(id: $id) { id ... on ${kind.type} { ${fields} } } }`, { id });
  expect(node.errors).toBeUndefined();
  expect(node.data!.node.id).toBe(id);
  const list = await send(`{ ${kind.set}(first: 100) { totalCount nodes { ${fields} } } }`, {});
  expect(list.errors).toBeUndefined();
  const word = String(node.data!.node.title ?? node.data!.node.name ?? node.data!.node.fullName ?? node.data!.node.metric ?? node.data!.node.text ?? 'форум').split(/\s+/)[0] || 'форум';
  const search = await send('query ($q: String!) { search(query: $q, first: 20) { totalCount edges { node { highlight node { id } } } } }', { q: word }, undefined, true);
  expect(search.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('INTERNAL_SERVER_ERROR');
  const stats = Object.values(schema.getQueryType()!.getFields()).filter((f) => f.name.endsWith('Stats'));
  const statsQuery = stats.flatMap((f) => {
    const groupBy = getNamedType(f.args.find((a) => a.name === 'groupBy')!.type) as unknown as { getValues(): { name: string }[] };
    const sel = selection(getNamedType(f.type) as GraphQLObjectType);
    return [`${f.name}_all: ${f.name}(groupBy: []) { ${sel} }`, ...groupBy.getValues().map((v) => `${f.name}_${v.name}: ${f.name}(groupBy: [${v.name}]) { ${sel} }`)];
  });
  expect((await send(`{ ${statsQuery.join(' ')} }`, {})).errors).toBeUndefined();
  if (EXPORTED.has(kind.set)) {
    for (const format of ['csv', 'json']) {
      const response = await app.get(`/export/${kind.set}.${format}`);
      const body = response.text;
      expect({ format, status: response.status, has: body.includes(id) }).toEqual({ format, status: 200, has: true });
      if (format === 'json') expect(() => JSON.parse(body) as unknown).not.toThrow();
    }
  }
  const calendar = await app.get('/calendar.ics');
  const ics = calendar.text.replace(/\r\n[ \t]/g, '');
  expect(calendar.status).toBe(200);
  const start = (node.data!.node.startDate ?? node.data!.node.date) as { precision?: string } | null | undefined;
  if (['Forum', 'Session', 'ClusterEvent'].includes(kind.type) && start?.precision === 'DAY') expect(ics).toContain(`UID:${id}@professionalitet-graph`);
  for (const operation of fc.sample(operationArbitrary(schema, [id]), { numRuns: 2, seed: counter })) await send(operation.query, operation.variables, undefined, true);
}

/** Whether the drafts hold `kind`'s record `key`. */
async function stored(kind: WriteKind, key: string): Promise<boolean> {
  const rows: unknown[] = await app.draft!.dataSource.query(app.draft!.dialect.placeholders(`SELECT 1 AS x FROM ${tableOf(kind.entity)} WHERE id = ?`), [key]);
  return rows.length > 0;
}

const PAYLOAD = (kind: WriteKind) => `${kind.type.charAt(0).toLowerCase()}${kind.type.slice(1)} { id version } userErrors { path code message }`;

type Op =
  | { op: 'create'; type: NodeType; record: FuzzRecord; keyed: boolean }
  | { op: 'update'; target: number; patch: (kind: WriteKind) => FuzzRecord; stale: boolean }
  | { op: 'import'; type: NodeType; records: FuzzRecord[]; reuse: (number | null)[]; format: 'JSON' | 'YAML' }
  | { op: 'stage'; action: 'publish' | 'unpublish' | 'delete'; target: number; version: number };

const kindArb = fc.constantFrom(...WRITE_KINDS);
const PATCHES = new Map(WRITE_KINDS.map((kind) => [kind, patchArbitrary(kind)]));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: kindArb.chain((kind) => fc.record({ op: fc.constant('create' as const), type: fc.constant(kind.type), record: recordArbitrary(kind), keyed: fc.boolean() })) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('update' as const), target: fc.nat(1_000), seed: fc.nat(), stale: fc.nat(9).map((n) => n === 0) }).map(({ seed, ...rest }) => ({
      ...rest,
      patch: (kind: WriteKind) => fc.sample(PATCHES.get(kind)!, { numRuns: 1, seed })[0],
    })),
  },
  {
    weight: 3,
    arbitrary: kindArb.chain((kind) =>
      fc.record({
        op: fc.constant('import' as const),
        type: fc.constant(kind.type),
        records: fc.array(recordArbitrary(kind), { minLength: 1, maxLength: 3 }),
        reuse: fc.array(fc.option(fc.nat(1_000), { freq: 4 }), { minLength: 3, maxLength: 3 }),
        format: fc.constantFrom('JSON' as const, 'YAML' as const),
      }),
    ),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('stage' as const), action: fc.constantFrom('publish' as const, 'unpublish' as const, 'delete' as const), target: fc.nat(1_000), version: fc.integer({ min: -1, max: 4 }) }) },
);

async function apply(op: Op): Promise<void> {
  counter += 1;
  if (op.op === 'create') {
    const kind = writeKindOf(op.type);
    const key = kind.type === 'Region' ? undefined : op.keyed ? `fz-${counter}` : undefined;
    const input = { ...concrete(kind, op.record, pool, key ?? `fz-${counter}`, 'input'), ...(key ? { key } : {}) };
    const answer = await send(`mutation ($input: Create${kind.type}Input!) { create${kind.type}(input: $input) { ${PAYLOAD(kind)} } }`, { input }, editor);
    expect(answer.errors).toBeUndefined();
    const payload = answer.data![`create${kind.type}`];
    count(payload.userErrors);
    if (payload.userErrors.length > 0) {
      if (key) expect(await stored(kind, key)).toBe(false);
      return;
    }
    // A derived key may be one deleted earlier in the run: its versions continue (not always 1).
    const record = payload[Object.keys(payload).find((k) => k !== 'userErrors')!] as { id: string; version: number };
    await publishAndRead([{ kind: kind, key: fromGlobalId(record.id).key, version: record.version }]);
  } else if (op.op === 'update') {
    if (made.length === 0) return;
    const target = made[op.target % made.length];
    const set = concrete(target.kind, op.patch(target.kind), pool, target.key, 'input');
    const answer = await send(`mutation ($input: Update${target.kind.type}Input!) { update${target.kind.type}(input: $input) { ${PAYLOAD(target.kind)} } }`, { input: { id: target.id, expectedVersion: target.version - (op.stale ? 1 : 0), set } }, editor);
    expect(answer.errors).toBeUndefined();
    const payload = answer.data![`update${target.kind.type}`];
    count(payload.userErrors);
    if (payload.userErrors.length === 0) {
      const version = payload[Object.keys(payload).find((k) => k !== 'userErrors')!].version as number;
      if (version !== target.version || !target.published) await publishAndRead([{ kind: target.kind, key: target.key, version }]);
    }
  } else if (op.op === 'import') {
    const kind = writeKindOf(op.type);
    const ofKind = made.filter((m) => m.kind === kind);
    const keys = op.records.map((r, i) => {
      const reuse = op.reuse[i];
      if (reuse !== null && ofKind.length > 0) return ofKind[reuse % ofKind.length].key;
      return kind.type === 'Region' && typeof r.isoCode === 'string' ? r.isoCode : `fz-${counter}-${i}`;
    });
    const records = op.records.map((r, i) => ({ key: keys[i], ...concrete(kind, r, pool, keys[i], 'import') }));
    let data: string;
    let format = op.format;
    try {
      data = importDocument(kind, records, format);
    } catch {
      format = 'JSON';
      data = importDocument(kind, records, format);
    }
    const IMPORT = 'mutation ($input: ImportInput!) { importContent(input: $input) { dryRun counts { type created updated unchanged } userErrors { path code message } } }';
    // A refused import stores nothing: what was stored before (a real region's code taken as a key) stays, nothing else appears.
    const storedBefore = await Promise.all(keys.map((key) => stored(kind, key)));
    const dry = await send(IMPORT, { input: { format, data, dryRun: true } }, editor);
    const real = await send(IMPORT, { input: { format, data } }, editor);
    expect(dry.errors).toBeUndefined();
    expect(real.errors).toBeUndefined();
    expect({ ...dry.data!.importContent, dryRun: false }).toEqual(real.data!.importContent);
    count(real.data!.importContent.userErrors);
    if (real.data!.importContent.userErrors.length > 0) {
      for (const [i, key] of keys.entries()) if (!ofKind.some((m) => m.key === key)) expect(await stored(kind, key)).toBe(storedBefore[i]);
      return;
    }
    const versions = await send(`query ($ids: [ID!]!) { nodes(ids: $ids, stage: DRAFT) { id ... on ${kind.type} { version } } }`, { ids: [...new Set(keys)].map((k) => toGlobalId(kind.type, k)) }, editor);
    expect(versions.errors).toBeUndefined();
    await publishAndRead([...new Set(keys)].map((key, i) => ({ kind: kind, key, version: versions.data!.nodes[i].version as number })));
  } else {
    const target = made.length > 0 ? made[op.target % made.length] : null;
    const id = target?.id ?? toGlobalId('Forum', `ghost-${op.target}`);
    const version = target ? target.version + op.version - 1 : op.version;
    const field = op.action === 'delete' ? `delete${target?.kind.type ?? 'Forum'}` : op.action;
    const input = op.action === 'delete' ? { id, expectedVersion: version } : { targets: [{ id, expectedVersion: version }] };
    const answer = await send(`mutation ($input: ${op.action === 'delete' ? 'DeleteInput' : 'PublishInput'}!) { ${field}(input: $input) { userErrors { path code message } } }`, { input }, publisher);
    expect(answer.errors).toBeUndefined();
    const errors = answer.data![field].userErrors as { code: string }[];
    count(errors);
    if (errors.length > 0 || !target) return;
    if (op.action === 'publish') target.published = true;
    else {
      pool.set(target.kind.type, pool.get(target.kind.type)!.filter((k) => k !== target.key));
      if (op.action === 'unpublish') target.published = false;
      else made.splice(made.indexOf(target), 1);
    }
  }
}

describe('the write-input fuzzer', () => {
  it(`never answers a top-level error or a 5xx; what it accepts publishes and reads everywhere (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 4 }), async (ops) => {
        for (const op of ops) await apply(op);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    process.stdout.write(`writes fuzz: ${tally.sent} writes, ${tally.accepted} accepted, ${tally.refused} refused (${Object.entries(tally.codes).map(([c, n]) => `${c} ${n}`).join(', ')}); ${made.length} records made remain\n`);
    expect(tally.accepted).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  }, 60_000 + RUNS * 6_000);
});
