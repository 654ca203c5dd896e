import { parse } from 'graphql';
import { ConfigError, loadConfig } from '../src/config';
import { CacheHints } from '../src/execution/cache-hints';
import { createSchema } from '../src/schema';
import { type HttpAnswer, type TestApp, startTestApp, tokens } from './support/app';

/**
 * The cache policy comes from the operation's document: the smallest max-age of the types it
 * touches (CACHE_HINTS over RESPONSE_CACHE_SECONDS), the same under every engine, and the header
 * a shared cache reads (s-maxage, stale-while-revalidate).
 */

const FORUMS = '{ forums(first: 1) { nodes { id title } } }';
const FORUMS_AND_SPEAKERS = '{ forums(first: 1) { nodes { id } } ...Speakers } fragment Speakers on Query { speakers(first: 1) { nodes { id } } }';
const CLUSTERS = '{ clusters(first: 1) { nodes { id } } }';

const get = (app: TestApp, query: string, headers: Record<string, string> = {}) =>
  app.get(`/graphql?${new URLSearchParams({ query })}`, { headers: { 'apollo-require-preflight': '1', ...headers } });
const hit = (answer: HttpAnswer) => answer.headers.get('age') !== null;

describe('the cache policy of a document', () => {
  it('is the smallest hint of the types an operation touches, through fragments and abstract types', async () => {
    const schema = await createSchema();
    const hints = new CacheHints(schema, 600, { Forum: 300, Speaker: 120, Cluster: 0 });
    const of = (query: string) => {
      const document = parse(query);
      const operation = document.definitions.find((d) => d.kind === 'OperationDefinition')!;
      return hints.of(document, operation as never);
    };
    expect(of('{ organizations(first: 1) { totalCount } }')).toEqual({ maxAge: 600, tagged: true });
    expect(of(FORUMS)).toEqual({ maxAge: 300, tagged: true });
    expect(of(FORUMS_AND_SPEAKERS)).toEqual({ maxAge: 120, tagged: true });
    // A speaker nested in a forum's sessions counts as much as one at the root.
    expect(of('{ forums(first: 1) { nodes { sessions(first: 1) { nodes { speakers(first: 1) { nodes { id } } } } } } }').maxAge).toBe(120);
    // node may be any Node: the smallest of them all.
    expect(of('{ node(id: "x") { id } }')).toEqual({ maxAge: 0, tagged: true });
    expect(of(CLUSTERS).maxAge).toBe(0);
    // A search reads more than its hits' IDs say: its tags do not name all it depends on.
    expect(of('{ search(query: "a") { totalCount } }').tagged).toBe(false);
    // Once per operation: the same node gives the same object.
    const document = parse(FORUMS);
    expect(hints.of(document, document.definitions[0] as never)).toBe(hints.of(document, document.definitions[0] as never));
  });

  it('refuses CACHE_HINTS that are not Type:seconds pairs, or name no type of the schema', async () => {
    expect(loadConfig({ CACHE_HINTS: 'Forum:300, Speaker:120' }).responseCachePolicy.hints).toEqual({ Forum: 300, Speaker: 120 });
    expect(() => loadConfig({ CACHE_HINTS: 'Forum=300' })).toThrow(
      'CACHE_HINTS: expected Type:seconds pairs (seconds from 0 to 86400, each type once) separated by commas, like Forum:300,Speaker:120; received "Forum=300" in "Forum=300"',
    );
    expect(() => loadConfig({ CACHE_HINTS: 'Forum:1,Forum:2' })).toThrow(ConfigError);
    expect(() => loadConfig({ CACHE_STALE_WHILE_REVALIDATE_SECONDS: '-1' })).toThrow('CACHE_STALE_WHILE_REVALIDATE_SECONDS: expected an integer from 0 to 86400; received "-1"');
    const schema = await createSchema();
    expect(() => new CacheHints(schema, 60, { Forum: 1, Fourm: 2 })).toThrow('CACHE_HINTS: expected object, interface or union types of the schema (like Forum, Speaker); received "Fourm"');
    expect(loadConfig({}).responseCachePolicy).toEqual({ hints: {}, sMaxAge: null, staleWhileRevalidate: 30, redisPrefix: 'graph:response:' });
  });
});

describe.each([
  ['the compiled statements and graphql-jit', { GRAPHQL_COMPILE: '1', GRAPHQL_JIT: '1' }, true],
  ['graphql-jit alone', { GRAPHQL_COMPILE: '0', GRAPHQL_JIT: '1' }, false],
  ['graphql-js alone', { GRAPHQL_COMPILE: '0', GRAPHQL_JIT: '0' }, false],
])('shared answers under %s', (_name, engines, compiled) => {
  let app: TestApp;
  let reader: string;
  beforeAll(async () => {
    app = await startTestApp({
      draft: true,
      env: { ...engines, GRAPHQL_JIT_AFTER: '1', RESPONSE_CACHE_SECONDS: '600', CACHE_HINTS: 'Forum:300,Speaker:120,Cluster:0', CACHE_S_MAXAGE_SECONDS: '900', CACHE_STALE_WHILE_REVALIDATE_SECONDS: '45', RATE_LIMIT_POINTS: '0', CORS_ORIGINS: 'https://site.example' },
    });
    ({ reader } = await tokens(app, 'hints', ['READER']));
  }, 60_000);
  afterAll(() => app?.close());

  it('say the smallest hint as max-age, with s-maxage and stale-while-revalidate, as a GET and a POST, miss and hit alike', async () => {
    for (const [query, maxAge] of [[FORUMS, 300], [FORUMS_AND_SPEAKERS, 120]] as const) {
      const control = `public, max-age=${maxAge}, s-maxage=900, stale-while-revalidate=45`;
      for (const send of [() => get(app, query), () => app.post({ query })]) {
        const miss = await send();
        expect([miss.status, hit(miss), miss.headers.get('cache-control')]).toEqual([200, false, control]);
        expect(miss.body.extensions.sql.compiled).toBe(compiled);
        expect((miss.headers.get('vary') ?? '').toLowerCase().split(/,\s*/)).toEqual(expect.arrayContaining(['origin', 'accept', 'authorization']));
        const again = await send();
        // (With GRAPH_DEBUG the extensions differ, and so do the ETags: cdn-headers.test.ts compares them.)
        expect([hit(again), again.headers.get('cache-control'), again.headers.get('etag')]).toEqual([true, control, expect.stringMatching(/^"/)]);
        expect(again.body.data).toEqual(miss.body.data);
        expect(again.headers.get('vary')).toBe(miss.headers.get('vary'));
        expect(again.body.extensions.sql.statements).toBe(0);
      }
    }
  });

  it('a type hinted 0 keeps the answers touching it out of every cache', async () => {
    const first = await app.post({ query: CLUSTERS });
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('cache-tag')).toBeNull();
    expect(hit(await app.post({ query: CLUSTERS }))).toBe(false);
  });

  it('never for a token, a draft read, a mutation or an answer with errors', async () => {
    for (const answer of [
      await get(app, FORUMS, { authorization: `Bearer ${reader}` }),
      await app.post({ query: FORUMS }, { token: reader }),
      await app.post({ query: '{ forums(stage: DRAFT, first: 1) { totalCount } }' }, { token: reader }),
      await app.post({ query: 'mutation { deleteForum(input: { id: "Rm9ydW06bm9uZQ", expectedVersion: 1 }) { userErrors { code } } }' }),
      await get(app, '{ forums(first: -1) { totalCount } }'),
    ]) {
      expect(answer.headers.get('cache-control')).toBe('private, no-store');
      expect(hit(answer)).toBe(false);
    }
  });
});
