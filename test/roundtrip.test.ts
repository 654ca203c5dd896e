import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import { LIST_SEPARATOR } from '../src/exports/csv';
import { exportLists } from '../src/exports/export-lists';
import { checkRecord } from '../src/modules/writes/write-validate';
import { WRITE_KINDS, type WriteKind } from '../src/modules/writes/write-kinds';
import { createSchema } from '../src/schema';
import { tableOf } from '../src/shared/entity-table';
import { toGlobalId } from '../src/shared/global-id';
import { type GraphQLResponse, type TestApp, alsoServe, request, startTestApp, tokens } from './support/app';
import { type RecordReading, describeMismatches, expectedAt, recordReading } from './support/roundtrip';
import { FIELDS, type FuzzRecord, type Pool, concrete, importDocument, wholeRecordArbitrary } from './support/write-fuzz';

/*
 * The round trip: for every write kind, a record with every field of its schema set
 * (write-fuzz.ts, wholeRecordArbitrary) is created by its mutation, read back as a draft, updated
 * to a second record, published and read through both engines, through the CSV and JSON exports,
 * and imported under a new key and read again; a second record has every optional field cleared
 * by its update. Every field must come back as it was sent: a failure names the type, the field
 * and where it was read. The database is TEST_DATABASE_URL's where it names PostgreSQL.
 * ROUNDTRIP_RUNS (1) records per kind and variant, ROUNDTRIP_SEED to replay one.
 */

const RUNS = Number(process.env.ROUNDTRIP_RUNS ?? 1);
const SEED = process.env.ROUNDTRIP_SEED === undefined ? 20_240_420 : Number(process.env.ROUNDTRIP_SEED);

let app: TestApp;
/** The same databases answered by graphql-js on the resolvers only. */
let resolving: Pick<TestApp, 'gql' | 'close'>;
let base: string;
let editor: string;
let publisher: string;
let schema: GraphQLSchema;
/** The published records references are drawn from: those the round trip made first, then the seed data's. */
const pool: Pool = new Map();

beforeAll(async () => {
  app = await startTestApp({ draft: true, env: { MAX_QUERY_COST: '1000000' } });
  resolving = await alsoServe(app, { graphqlCompile: false, graphqlJit: false });
  base = app.url.replace(/\/graphql$/, '');
  ({ editor, publisher } = await tokens(app, 'roundtrip'));
  schema = await createSchema();
  for (const kind of WRITE_KINDS) {
    const rows: { id: string }[] = await app.database.dataSource.query(`SELECT id FROM ${tableOf(kind.entity)} ORDER BY id`);
    pool.set(kind.type, rows.map((r) => String(r.id)));
  }
}, 90_000);
afterAll(async () => {
  await resolving?.close();
  await app?.close();
});

let counter = 0;
/** A new key of `kind`: a region's is an ISO 3166-2 code no region has. */
function newKey(kind: WriteKind): string {
  counter += 1;
  return kind.type === 'Region' ? `RU-9${counter.toString(36).toUpperCase().padStart(2, '0')}` : `rt-${kind.type.toLowerCase()}-${counter}`;
}

/** A generated record made concrete against a fixed pool: as the import writes it (keys) and as a mutation's input (global IDs). */
interface Concrete {
  record: Record<string, unknown>;
  input: Record<string, unknown>;
}

/**
 * Two whole records of `kind` whose every field differs (so an update that skips a field shows),
 * each valid by the write rules between fields (checkRecord: date spans, each key once).
 */
function pairArbitrary(kind: WriteKind, snapshot: Pool): fc.Arbitrary<[Concrete, Concrete]> {
  // The key a record is checked under: references are never to the record itself.
  const placeholder = kind.type === 'Region' ? 'RU-9ZZ' : 'rt-placeholder';
  const made = (r: FuzzRecord): Concrete => ({ record: concrete(kind, r, snapshot, placeholder, 'import'), input: concrete(kind, r, snapshot, placeholder, 'input') });
  const whole = wholeRecordArbitrary(kind)
    .map(made)
    .filter((c) => checkRecord(kind, { key: placeholder, ...c.record }).success);
  return fc
    .tuple(whole, whole)
    .filter(([a, b]) => FIELDS.get(kind)!.every((f) => JSON.stringify(a.record[f.record]) !== JSON.stringify(b.record[f.record])));
}

/** Posts `query` to the server of `engine`; a top-level error fails with it. */
async function ask(engine: 'compiled' | 'resolvers', query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResponse> {
  const answer = await (engine === 'compiled' ? app : resolving).gql(query, variables, { token });
  if (answer.errors?.length) throw new Error(`${JSON.stringify(answer.errors.map((e) => [e.extensions?.code, e.message]))}\nfor ${query}\n${JSON.stringify(variables)}`);
  return answer;
}

/** Runs a mutation that must be accepted: its user errors fail the test, with the input. */
async function accepted(field: string, inputType: string, input: Record<string, unknown>, token: string): Promise<void> {
  const answer = await ask('compiled', `mutation ($input: ${inputType}!) { ${field}(input: $input) { userErrors { path code message } } }`, { input }, token);
  const errors = answer.data![field].userErrors as unknown[];
  if (errors.length > 0) throw new Error(`${field} refused: ${JSON.stringify(errors)}\n${JSON.stringify(input)}`);
}

/** Reads `id` by node(id:) through both engines (`stage` DRAFT as the editor) and checks every field against `record`. */
async function readBack(kind: WriteKind, reading: RecordReading, record: Record<string, unknown>, stage: 'DRAFT' | 'PUBLISHED', when: string): Promise<void> {
  const expected = reading.expected(record);
  for (const engine of ['compiled', 'resolvers'] as const) {
    const selection = engine === 'compiled' ? reading.selection.compiled : reading.selection.all;
    const query = `query ($id: ID!) { node(id: $id${stage === 'DRAFT' ? ', stage: DRAFT' : ''}) { id ... on ${kind.type} { ${selection} } } }`;
    const answer = await ask(engine, query, { id: expected.id }, stage === 'DRAFT' ? editor : undefined);
    const where = `${when}, ${engine === 'compiled' ? 'compiled engine' : 'resolvers'}`;
    // The compiled engine must have answered with its statement, or the two readings are one.
    expect({ where, compiled: answer.extensions?.sql?.compiled === true }).toEqual({ where, compiled: engine === 'compiled' });
    const wrong = describeMismatches(reading.mismatches(expected, answer.data!.node, engine === 'compiled'), where);
    if (wrong) throw new Error(wrong);
  }
}

/** Reads the published `record` from the kind's CSV and JSON exports, where it has one: each column whose path is a record field's. */
async function readExports(kind: WriteKind, reading: RecordReading, record: Record<string, unknown>): Promise<void> {
  const list = exportLists(schema).find((l) => l.name === kind.set);
  if (!list) return;
  const expected = reading.expected(record);
  const columns = list.columns.flatMap((c) => {
    const at = expectedAt(expected, c.path);
    return at.covered ? [{ name: c.name, path: c.path, value: at.value }] : [];
  });
  const json = (await request<Record<string, unknown>[]>(`${base}/export/${kind.set}.json`)).body;
  const csvText = (await request(`${base}/export/${kind.set}.csv`)).text;
  const csv: Record<string, string>[] = parse(csvText, { bom: true, columns: true, record_delimiter: '\r\n' });
  const wrong: string[] = [];
  for (const [format, rows, cell] of [
    ['JSON export', json, (v: unknown) => v ?? null],
    ['CSV export', csv, (v: unknown) => (v == null ? '' : Array.isArray(v) ? v.join(LIST_SEPARATOR) : String(v))],
  ] as const) {
    const row = (rows as Record<string, unknown>[]).find((r) => r.id === expected.id);
    if (!row) throw new Error(`${kind.type} ${String(expected.id)}: no row in the ${format} of ${kind.set}`);
    for (const c of columns) {
      const field = `${kind.type}.${c.path.split('.')[0]}`;
      if (JSON.stringify(row[c.name] ?? null) !== JSON.stringify(cell(c.value))) wrong.push(`${field}: sent ${JSON.stringify(cell(c.value))}, read ${JSON.stringify(row[c.name] ?? null)} (published, ${format} column ${c.name})`);
    }
  }
  if (wrong.length > 0) throw new Error(wrong.join('\n'));
}

/**
 * One record's trip: created as `first`, updated to `second` (every optional field cleared where
 * `cleared`), published, read by every path, then imported under a new key and read again.
 * Returns the keys it made.
 */
async function roundTrip(kind: WriteKind, reading: RecordReading, first: Concrete, second: Concrete, cleared: boolean): Promise<string[]> {
  const fields = FIELDS.get(kind)!;
  const key = newKey(kind);
  const label = (what: string) => `${cleared ? 'cleared' : 'whole'} record, ${what}`;
  await accepted(`create${kind.type}`, `Create${kind.type}Input`, { key, ...first.input }, editor);
  await readBack(kind, reading, { key, ...first.record }, 'DRAFT', label('draft after create'));

  const set = cleared ? Object.fromEntries(fields.map((f) => [f.input, f.required ? second.input[f.input] : null])) : second.input;
  const final = { key, ...(cleared ? Object.fromEntries(fields.filter((f) => f.required).map((f) => [f.record, second.record[f.record]])) : second.record) };
  await accepted(`update${kind.type}`, `Update${kind.type}Input`, { id: toGlobalId(kind.type, key), expectedVersion: 1, set }, editor);
  await readBack(kind, reading, final, 'DRAFT', label('draft after update'));
  await accepted('publish', 'PublishInput', { targets: [{ id: toGlobalId(kind.type, key), expectedVersion: 2 }] }, publisher);
  await readBack(kind, reading, final, 'PUBLISHED', label('published'));
  await readExports(kind, reading, final);

  const copy = { ...final, key: newKey(kind) };
  await accepted('importContent', 'ImportInput', { format: 'JSON', data: importDocument(kind, [copy], 'JSON') }, editor);
  await accepted('publish', 'PublishInput', { targets: [{ id: toGlobalId(kind.type, copy.key), expectedVersion: 1 }] }, publisher);
  await readBack(kind, reading, copy, 'PUBLISHED', label('imported, published'));
  return [key, copy.key];
}

describe('every field of every write kind comes back as it was sent', () => {
  for (const kind of WRITE_KINDS) {
    it(`${kind.type}: created, updated, published, exported and imported`, async () => {
      const reading = recordReading(schema, kind);
      // References resolve against the pool as it is now: records of this kind made below join it after.
      const snapshot: Pool = new Map([...pool].map(([type, keys]) => [type, [...keys]]));
      const made: string[] = [];
      // Sampled rather than fc.assert'ed: a failure reads as the fields that differ, not the whole counterexample.
      for (const [first, second] of fc.sample(pairArbitrary(kind, snapshot), { numRuns: RUNS, seed: SEED })) {
        try {
          made.push(...(await roundTrip(kind, reading, first, second, false)), ...(await roundTrip(kind, reading, first, second, true)));
        } catch (error) {
          throw new Error(`${(error as Error).message}\n(ROUNDTRIP_SEED=${SEED} replays it)`);
        }
      }
      pool.set(kind.type, [...made, ...pool.get(kind.type)!]);
    }, 30_000 + RUNS * 10_000);
  }
});
