import { buildSchema } from 'graphql';
import { BENCH_QUERIES } from '../bench/queries';
import { loadConfig } from '../src/config';
import { chooseExecution } from '../src/execution/executor';
import { executionPipeline, graphqlJsStrategy } from '../src/execution/pipeline';
import { EXAMPLE_FORUM_ID } from '../src/playground/examples';
import { type TestApp, startTestApp } from './support/app';

/**
 * The execution pipeline (src/execution/pipeline.ts): each strategy, with graphql-js after it,
 * answers every operation as graphql-js alone does, to the byte; the compiled statement answers
 * the root fields it covers and hands the others on. The choice of strategies is made in one
 * place, and settings that cannot work together are refused at start.
 */
const OPERATIONS: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  ...BENCH_QUERIES.map((q) => ({ name: q.name, query: q.query, variables: q.variables })),
  { name: 'a list and a search', query: `{ forums(first: 3) { nodes { id title } } search(query: "кадры", first: 2) { totalCount nodes { node { id } } } }` },
  {
    name: 'a forum page that also walks the graph',
    query: `query($id: ID!) { node(id: $id) { id ... on Forum { title sessions(first: 3) { nodes { title } } } } neighbors(id: $id, depth: 1) { nodes { id } } }`,
    variables: { id: EXAMPLE_FORUM_ID },
  },
  { name: 'a bad argument beside a good list', query: `{ forums(first: 2) { nodes { title } } bad: clusters(first: 1000) { totalCount } }` },
  { name: 'aliases around a search, in order', query: `{ b: forums(first: 1) { totalCount } s: search(query: "форум", first: 1) { totalCount } a: clusters(first: 1) { totalCount } __typename }` },
  { name: 'a fragment on Query', query: `{ ...Q } fragment Q on Query { regions(first: 2) { nodes { name } } search(query: "форум", first: 1) { totalCount } }` },
];

const body = async (app: TestApp, query: string, variables?: Record<string, unknown>) => {
  const { body: json } = await app.post<{
    data?: unknown;
    errors?: { extensions?: Record<string, unknown> }[];
    extensions?: { sql?: { compiled?: unknown; statements?: number } };
  }>({ query, variables });
  // Development stack traces name the executor's frames: the rest of the error is compared.
  for (const error of json.errors ?? []) delete error.extensions?.stacktrace;
  return { text: JSON.stringify({ data: json.data, errors: json.errors }), sql: json.extensions?.sql };
};

describe('each strategy answers as graphql-js does', () => {
  let reference: TestApp;
  const apps: Record<string, TestApp> = {};
  beforeAll(async () => {
    reference = await startTestApp({ env: { GRAPHQL_COMPILE: '0', GRAPHQL_JIT: '0' } });
    apps['compiled statement'] = await startTestApp({ env: { GRAPHQL_COMPILE: '1', GRAPHQL_JIT: '0' } });
    apps['graphql-jit'] = await startTestApp({ env: { GRAPHQL_COMPILE: '0', GRAPHQL_JIT: '1', GRAPHQL_JIT_AFTER: '1' } });
    apps['all of them'] = await startTestApp({ env: { GRAPHQL_COMPILE: '1', GRAPHQL_JIT: '1', GRAPHQL_JIT_AFTER: '1' } });
  }, 120_000);
  afterAll(async () => {
    await reference?.close();
    for (const app of Object.values(apps)) await app.close();
  });

  it.each(['compiled statement', 'graphql-jit', 'all of them'])('%s', async (name) => {
    for (const operation of OPERATIONS) {
      // Twice: graphql-jit and the compiled statements answer a query again from what they kept.
      for (let run = 0; run < 2; run++) {
        const [expected, actual] = await Promise.all([body(reference, operation.query, operation.variables), body(apps[name], operation.query, operation.variables)]);
        expect({ operation: operation.name, answer: actual.text }).toEqual({ operation: operation.name, answer: expected.text });
      }
    }
  });

  it('the compiled statement answers what it covers and hands the rest on', async () => {
    const app = apps['compiled statement'];
    const whole = await body(app, `{ forums(first: 3) { nodes { id title } } }`);
    expect(whole.sql).toMatchObject({ compiled: true, statements: 1 });
    const search = await body(app, `{ search(query: "кадры", first: 2) { totalCount } }`);
    expect(search.sql?.compiled).toBe(false);
    const both = await body(app, `{ forums(first: 3) { nodes { id title } } search(query: "кадры", first: 2) { totalCount } }`);
    expect(both.sql).toMatchObject({ compiled: 'partial', statements: 1 + search.sql!.statements! });
    expect(JSON.parse(both.text).data).toEqual({ ...JSON.parse(whole.text).data, ...JSON.parse(search.text).data });
    const order = await body(app, `{ b: forums(first: 1) { totalCount } s: search(query: "форум", first: 1) { totalCount } a: clusters(first: 1) { totalCount } }`);
    expect(Object.keys(JSON.parse(order.text).data)).toEqual(['b', 's', 'a']);
    const bad = await body(app, `{ forums(first: 2) { nodes { title } } bad: clusters(first: 1000) { totalCount } }`);
    expect(bad.sql?.compiled).toBe('partial');
    expect(JSON.parse(bad.text).errors[0]).toMatchObject({ path: ['bad'], extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('the choice of strategies', () => {
  const schema = buildSchema('type Query { a: Int }');

  it('is graphql-js alone (Apollo executing) when no other is on, and ends on graphql-js otherwise', () => {
    expect(chooseExecution(schema, { compiler: null, jit: null, typeResolvers: {}, onCompiledError: () => undefined })).toBeNull();
    expect(chooseExecution(schema, { compiler: null, jit: { compileAfter: 2 }, typeResolvers: {}, onCompiledError: () => undefined })?.strategies).toEqual(['graphql-jit', 'graphql-js']);
  });

  it('refuses a pipeline that does not end on graphql-js', () => {
    expect(() => executionPipeline(schema, [])).toThrow('the last strategy must be graphql-js; got none');
    const handsOn = { name: 'graphql-jit', answer: () => Promise.reject(new Error('unused')) };
    expect(() => executionPipeline(schema, [graphqlJsStrategy(schema), handsOn])).toThrow('the last strategy must be graphql-js; got graphql-js, graphql-jit');
  });

  it('runs graphql-jit and the compiled statements with the response cache too (its policy comes from the document)', () => {
    expect(loadConfig({ RESPONSE_CACHE_SECONDS: '60' })).toMatchObject({ graphqlJit: true, graphqlCompile: true });
    expect(loadConfig({ RESPONSE_CACHE_SECONDS: '60', GRAPHQL_JIT: '0' })).toMatchObject({ graphqlJit: false, graphqlCompile: true });
    expect(loadConfig({})).toMatchObject({ graphqlJit: true, graphqlCompile: true });
  });
});
