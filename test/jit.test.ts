import { generateSynthetic } from '../bench/synthetic';
import { BENCH_QUERIES } from '../bench/queries';
import { toGlobalId } from '../src/shared/global-id';
import { type GraphQLResponse, type TestApp, startTestApp } from './support/app';

/**
 * graphql-jit (GRAPHQL_JIT, on by default) must answer exactly as graphql-js does: the same data,
 * errors and codes, for the benchmark mix and for the shapes it handles differently (abstract
 * types, variables of input-object type, which fall back to graphql-js, errors from resolvers,
 * an unknown operation name). Two servers on the same generated data, one with each executor,
 * in production mode (no stack traces, which differ between the executors). The selection compiler
 * is off here: test/compiled.test.ts checks it against the resolvers. graphql-jit compiles a query
 * on its second run (GRAPHQL_JIT_AFTER=2, the default): each query is sent to it twice, and both
 * answers (graphql-js's, then the compiled query's) must equal graphql-js's.
 */
let jit: TestApp;
let plain: TestApp;
beforeAll(async () => {
  jit = await startTestApp({ seed: false, env: { GRAPHQL_JIT: '1', GRAPHQL_JIT_AFTER: '2', GRAPHQL_COMPILE: '0', NODE_ENV: 'production' } });
  plain = await startTestApp({ seed: false, env: { GRAPHQL_JIT: '0', NODE_ENV: 'production' } });
  await generateSynthetic(jit.database, { scale: 0.01, progress: false });
  await generateSynthetic(plain.database, { scale: 0.01, progress: false });
}, 120_000);
afterAll(async () => {
  await jit?.close();
  await plain?.close();
});

/** A response without extensions (SQL timings differ from run to run). */
function answer(response: GraphQLResponse): unknown {
  const { extensions: _extensions, ...rest } = response as GraphQLResponse & { extensions?: unknown };
  return rest;
}

async function both(query: string, variables?: Record<string, unknown>, operationName?: string) {
  const post = async (app: TestApp) => {
    const response = await app.post<GraphQLResponse>({ query, variables, operationName });
    return { status: response.status, body: answer(response.body) };
  };
  const [first, b] = await Promise.all([post(jit), post(plain)]);
  expect(first).toEqual(b);
  const compiled = await post(jit);
  expect(compiled).toEqual(b);
  return compiled;
}

describe('graphql-jit answers as graphql-js does', () => {
  it.each(BENCH_QUERIES.map((q) => [q.name, q] as const))('%s of the benchmark mix', async (_name, query) => {
    const { status, body } = await both(query.query, query.variables);
    expect(status).toBe(200);
    expect(body).not.toHaveProperty('errors');
  });

  it('abstract types: node, nodes and search hits of several types', async () => {
    const forum = toGlobalId('Forum', 'synthetic-forum-0');
    const { body } = await both(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Forum { title } ... on Region { name } } }`, {
      ids: [forum, toGlobalId('Region', 'nope')],
    });
    expect((body as { data: { nodes: unknown[] } }).data.nodes[0]).toMatchObject({ __typename: 'Forum', id: forum });
    await both(`{ search(query: "синтетический", first: 30) { totalCount edges { node { node { __typename id } } } } }`);
  });

  it('variables of input-object type (filters), and inline filters', async () => {
    const where = { OR: [{ kind: { equals: 'OTHER' } }, { NOT: [{ startDate: { gte: '2024-01' } }] }] };
    const { body } = await both(`query($where: ClusterEventWhere) { clusterEvents(first: 5, where: $where) { totalCount nodes { id kind } } }`, { where });
    expect((body as { data: { clusterEvents: { totalCount: number } } }).data.clusterEvents.totalCount).toBeGreaterThan(0);
    await both(`{ clusterEvents(first: 5, where: { kind: { equals: OTHER } }, orderBy: [{ startDate: DESC }]) { totalCount nodes { id } } }`);
  });

  it('errors: a bad argument, a bad variable, an unknown operation, a missing operation name', async () => {
    const bad = await both(`{ forums(first: 500) { totalCount } }`);
    expect(bad.body).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
    const variable = await both(`query($n: Int) { forums(first: $n) { totalCount } }`, { n: 'many' });
    expect(variable).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_USER_INPUT', argument: 'n' } }] } });
    expect((variable.body as { errors: { message: string }[] }).errors[0].message).toMatch(/^Variable "\$n" got invalid value "many"; Int cannot represent non-integer value: "many"/);
    const unknown = await both(`query A { forums { totalCount } }`, undefined, 'B');
    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] } });
    const unnamed = await both(`query A { forums { totalCount } } query B { regions { totalCount } }`);
    expect(unnamed.status).toBe(400);
    const second = await both(`query A { forums { totalCount } } query B { regions { totalCount } }`, undefined, 'B');
    expect(second.body).toMatchObject({ data: { regions: { totalCount: 86 } } });
  });
});
