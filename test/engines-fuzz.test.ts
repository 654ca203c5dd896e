import fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import { createSchema } from '../src/schema';
import { type Operation, operationArbitrary } from './support/operations';
import type { TestApp } from './support/app';
import { DATA_SETS, bothEngines } from './support/engines';

/**
 * The differential fuzzer: random valid operations made from the schema (test/support/
 * operations.ts), answered by a compiling server and by one that only resolves, over the same
 * data: the answers must be equal as JSON, errors included (see expectSameErrors). FUZZ_RUNS operations per data set
 * (100 by default, `npm run fuzz -- --runs N` for a long run), FUZZ_SEED to replay one; on
 * PostgreSQL with TEST_DATABASE_URL, as the rest of the suite.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

interface Answer {
  status: number;
  data: unknown;
  errors: { message: string; path?: unknown }[];
  compiled: unknown;
}

/**
 * Where several fields fail and one of them nulls the root (`data: null`), graphql-js reports the
 * errors that arrive before it: which ones depends on the order the branches' statements finish
 * in (the fuzzer found it: a bad page size in two branches gave one error or the other, or both,
 * from the same server). Then both sides must report at least one error, with a message in
 * common. Where data is not null every branch completes, and the errors must be the same, in
 * any order.
 */
function expectSameErrors(a: Answer, b: Answer): void {
  const key = (e: { message: string; path?: unknown }) => JSON.stringify([e.message, e.path]);
  if (a.data !== null || b.data !== null) {
    expect(a.errors.map(key).sort()).toEqual(b.errors.map(key).sort());
    return;
  }
  const messages = new Set(b.errors.map((e) => e.message));
  expect({ a: a.errors.length > 0, b: b.errors.length > 0, shared: a.errors.some((e) => messages.has(e.message)) }).toEqual({ a: true, b: true, shared: true });
}

async function ask(app: TestApp, operation: Operation): Promise<Answer> {
  const { status, body } = await app.post<{ data?: unknown; errors?: { extensions?: Record<string, unknown> }[]; extensions?: { sql?: { compiled?: unknown } } }>(operation);
  for (const error of body.errors ?? []) delete error.extensions?.stacktrace;
  return { status, data: body.data, errors: (body.errors ?? []) as Answer['errors'], compiled: body.extensions?.sql?.compiled };
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await createSchema();
});

describe.each(DATA_SETS)('random operations, both engines: %s', (_label, real) => {
  const engines = bothEngines(real, { env: { MAX_QUERY_COST: '1000000' } });

  it(`answer ${RUNS} operations alike`, async () => {
    const { compiling, resolving } = engines;
    const ids = await compiling.gql(`{ forums(first: 2) { nodes { id } } speakers(first: 1) { nodes { id } } clusterEvents(first: 2) { nodes { id } } regions(first: 1) { nodes { id } } }`);
    const known = Object.values(ids.data as Record<string, { nodes: { id: string }[] }>).flatMap((list) => list.nodes.map((n) => n.id));
    const seen = { compiled: 0, partial: 0, resolvers: 0 };
    await fc.assert(
      fc.asyncProperty(operationArbitrary(schema, known), async (operation) => {
        const [a, b] = await Promise.all([ask(compiling, operation), ask(resolving, operation)]);
        if (a.compiled === true) seen.compiled += 1;
        else if (a.compiled === 'partial') seen.partial += 1;
        else seen.resolvers += 1;
        expect({ status: a.status, data: a.data }).toEqual({ status: b.status, data: b.data });
        expectSameErrors(a, b);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    process.stdout.write(`engines fuzz (${_label}): ${RUNS} operations: ${seen.compiled} compiled whole, ${seen.partial} in part, ${seen.resolvers} by the resolvers alone\n`);
    // A fuzzer whose operations the compiler never answered would compare the resolvers with themselves.
    expect(seen.compiled + seen.partial).toBeGreaterThan(RUNS / 3);
  }, 60_000 + RUNS * 2_000);
});
