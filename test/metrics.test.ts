import { exampleOperationNames } from '../src/playground/examples';
import { OperationNames, errorCodeLabel } from '../src/observability/metric-labels';
import { type HttpAnswer, type TestApp, dataOf, request, startTestApp, tokens } from './support/app';

/*
 * Metrics hold one series per label value until the process ends: 26,000 operation names a client
 * made up once made /metrics 23 MB and ran the heap out at the next scrape. Every label here
 * comes from a closed set, and operation names are shown only with METRICS_TOKEN.
 */

const METRICS_TOKEN = 'metrics-test-token-0123456789';
/** What 10,000 made-up values may leave in an answer of /metrics, by operation name or summed. */
const NAMED_CEILING = 160 * 1024;
const PUBLIC_CEILING = 24 * 1024;

let open: TestApp;
let guarded: TestApp;
let ported: TestApp;
beforeAll(async () => {
  open = await startTestApp();
  guarded = await startTestApp({ env: { METRICS_TOKEN } });
  ported = await startTestApp({ seed: false, env: { METRICS_PORT: '0' } });
}, 60_000);
afterAll(async () => {
  await open?.close();
  await guarded?.close();
  await ported?.close();
});

async function scrape(app: TestApp, authorization?: string) {
  const response = await app.get('/metrics', { headers: authorization ? { authorization } : {} });
  return { status: response.status, ...measured(response.text) };
}

/**
 * The size of an answer of /metrics and its series of the server's own metrics (graphql_*): Node's
 * process metrics have fixed labels, but a kind of handle or of GC may show up between scrapes.
 */
function measured(text: string) {
  return { text, bytes: Buffer.byteLength(text), series: text.split('\n').filter((line) => line.startsWith('graphql_')).length };
}

/**
 * The `i`-th request of a client that makes every value up: operation names (kept, too long,
 * not a GraphQL name), operation names of refused documents, bodies that are not JSON, paths,
 * request ids, API keys and Authorization headers of its own.
 */
function madeUp(app: TestApp, i: number): Promise<HttpAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': `id-${i}-"}` };
  const post = (body: string, path = '/graphql') => request(app.origin + path, { method: 'POST', headers, raw: body });
  switch (i % 10) {
    case 6:
      return post(JSON.stringify({ query: `query R${i} { a: __typename b: __typename c: __typename }`, operationName: `x"}\n${i}` }));
    case 7:
      return post(JSON.stringify({ query: `query Known { __typename }`, operationName: `Missing${i}` }));
    case 8:
      return post(`{"query": "{ __typename ${i}`, `/graphql?path=${i}`);
    case 9:
      return post(JSON.stringify({ query: `query V${i} { field${i} }` }));
    case 5:
      return post(JSON.stringify({ query: `query L${'o'.repeat(64)}${i} { __typename }` }));
    case 4:
      // A made-up API key or bearer token is 401 before anything is counted by it.
      return app.get(`/export/x${i}.csv`, { headers: i % 20 === 4 ? { authorization: `Bearer nope-${i}` } : { 'x-api-key': `key-${i}` } });
    default:
      return post(JSON.stringify({ query: `query Op${String(i).padStart(6, '0')} { __typename }` }));
  }
}

/** Sends requests `from` to `to` (exclusive), eight at a time, reading every answer. */
async function flood(app: TestApp, from: number, to: number): Promise<void> {
  let next = from;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < to) {
        await madeUp(app, next++);
      }
    }),
  );
}

describe('made-up operation names and error codes cannot add labels past a closed set', () => {
  it('names an operation by its first 100 names, past them `other`; no name `anonymous`; no GraphQL name `other`', () => {
    const names = new OperationNames(3);
    expect([undefined, null, ''].map((name) => names.label(name))).toEqual(['anonymous', 'anonymous', 'anonymous']);
    expect(['A', 'B', 'A', 'C', 'D', 'A'].map((name) => names.label(name))).toEqual(['A', 'B', 'A', 'C', 'other', 'A']);
    expect([`x"}\n`, 'Ünïcode', '1abc', 'x'.repeat(65), 42, {}].map((name) => new OperationNames(100).label(name))).toEqual(['other', 'other', 'other', 'other', 'other', 'other']);
    expect(new OperationNames(100).label('x'.repeat(64))).toBe('x'.repeat(64));
    expect(new OperationNames(0).label('Known')).toBe('other');
  });

  it("keeps the known operations' names (the Playground's examples) after made-up names took every other place", () => {
    const known = exampleOperationNames();
    expect(known).toEqual(expect.arrayContaining(['ForumWithSessions', 'Search']));
    const names = new OperationNames(2, known);
    expect(['Made1', 'Made2', 'Made3'].map((name) => names.label(name))).toEqual(['Made1', 'Made2', 'other']);
    expect(names.label('ForumWithSessions')).toBe('ForumWithSessions');
    expect(new OperationNames(0, ['Known', 'not a name']).label('Known')).toBe('Known');
  });

  it('counts an error code outside the known ones as OTHER', () => {
    expect(errorCodeLabel('BAD_USER_INPUT')).toBe('BAD_USER_INPUT');
    expect(errorCodeLabel('GRAPHQL_VALIDATION_FAILED')).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errorCodeLabel('ALIAS_LIMIT_EXCEEDED')).toBe('ALIAS_LIMIT_EXCEEDED');
    expect(errorCodeLabel('MADE_UP"}')).toBe('OTHER');
    expect(errorCodeLabel(undefined)).toBe('OTHER');
  });
});

describe("an editor's operation names never reach /metrics without METRICS_TOKEN", () => {
  const SECRET = 'query EditorsEmbargoedLaunchPlan { viewer { name } }';

  it('are summed over operations in the public /metrics, whatever Authorization it is sent', async () => {
    const { editor: token } = await tokens(open, 'metrics', ['EDITOR']);
    expect(dataOf(await open.gql(SECRET, undefined, { token }))).toEqual({ viewer: { name: 'metrics-editor' } });
    const answer = await scrape(open);
    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain('EditorsEmbargoedLaunchPlan');
    expect((await scrape(open, `Bearer ${token}`)).text).not.toContain('EditorsEmbargoedLaunchPlan');
  });

  it('are shown to the bearer of METRICS_TOKEN only; anyone else gets 401 UNAUTHENTICATED', async () => {
    const { editor: token } = await tokens(guarded, 'metrics', ['EDITOR']);
    dataOf(await guarded.gql(SECRET, undefined, { token }));
    for (const authorization of [undefined, `Bearer ${token}`, `Bearer ${METRICS_TOKEN}x`, `Basic ${METRICS_TOKEN}`, METRICS_TOKEN]) {
      const answer = await scrape(guarded, authorization);
      expect([authorization, answer.status]).toEqual([authorization, 401]);
      expect(answer.text).not.toContain('EditorsEmbargoedLaunchPlan');
      expect(JSON.parse(answer.text)).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const refused = await guarded.get('/metrics');
    expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_request"');
    expect(refused.body).toEqual({
      errors: [{ message: 'Expected the header "Authorization: Bearer <METRICS_TOKEN>" (this server\'s /metrics needs its token); received no Authorization header.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    const allowed = await scrape(guarded, `Bearer ${METRICS_TOKEN}`);
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('graphql_requests_total{operation="EditorsEmbargoedLaunchPlan",outcome="ok"} 1');
  });
});

describe('METRICS_PORT shows operation names on a listener of its own only', () => {
  it('answers /metrics by name on METRICS_HOST (127.0.0.1), while the API port sums over operations', async () => {
    const { editor: token } = await tokens(ported, 'metrics', ['EDITOR']);
    dataOf(await ported.gql('query EditorsEmbargoedLaunchPlan { viewer { name } }', undefined, { token }));
    const address = ported.server.metricsPort?.httpServer.address();
    if (!address || typeof address !== 'object') throw new Error(`expected METRICS_PORT to listen; its address is ${String(address)}`);
    expect(address.address).toBe('127.0.0.1');
    const byName = await request(`http://127.0.0.1:${address.port}/metrics`);
    expect(byName.status).toBe(200);
    expect(byName.text).toContain('graphql_requests_total{operation="EditorsEmbargoedLaunchPlan",outcome="ok"} 1');
    const summed = await scrape(ported);
    expect([summed.status, summed.text.includes('EditorsEmbargoedLaunchPlan'), summed.text.includes('graphql_requests_total{outcome="ok"} ')]).toEqual([200, false, true]);
    const elsewhere = await request(`http://127.0.0.1:${address.port}/graphql`, { method: 'POST' });
    expect([elsewhere.status, elsewhere.body]).toEqual([
      404,
      { errors: [{ message: 'Expected GET /metrics (the only route of METRICS_PORT); received another method or path.', extensions: { code: 'NOT_FOUND' } }] },
    ]);
  });

  it('asks for METRICS_TOKEN there too when it is set', async () => {
    const app = await startTestApp({ seed: false, env: { METRICS_PORT: '0', METRICS_TOKEN } });
    try {
      const address = app.server.metricsPort?.httpServer.address();
      if (!address || typeof address !== 'object') throw new Error(`expected METRICS_PORT to listen; its address is ${String(address)}`);
      const url = `http://127.0.0.1:${address.port}/metrics`;
      expect((await request(url)).status).toBe(401);
      expect((await request(url, { token: METRICS_TOKEN })).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('10,000 made-up values from one client cannot grow /metrics past its ceiling', () => {
  it('leave /metrics under its ceiling, its series no more after 10,000 than after 5,000, and no operation name in the public answer', async () => {
    // Its own server, so that no other test's operation names are among the first 100; with
    // MAX_ALIASES=2 a document with three aliases is refused before Apollo (the refusals' path).
    const flooded = await startTestApp({ seed: false, env: { MAX_ALIASES: '2', METRICS_TOKEN } });
    const publicAnswer = async () => measured(await flooded.server.metrics.registry.metrics());
    try {
      await flood(flooded, 0, 5_000);
      const half = await scrape(flooded, `Bearer ${METRICS_TOKEN}`);
      const halfPublic = await publicAnswer();
      await flood(flooded, 5_000, 10_000);
      const full = await scrape(flooded, `Bearer ${METRICS_TOKEN}`);
      const fullPublic = await publicAnswer();

      expect(full.status).toBe(200);
      expect([full.series, full.bytes < NAMED_CEILING]).toEqual([half.series, true]);
      expect(full.series).toBe(1_761);
      expect([fullPublic.series, fullPublic.bytes < PUBLIC_CEILING]).toEqual([halfPublic.series, true]);
      expect(fullPublic.series).toBe(47);
      const operations = new Set([...full.text.matchAll(/graphql_requests_total\{operation="([^"]*)"/g)].map((match) => match[1]));
      expect(operations.size).toBe(102);
      expect([...operations].filter((name) => !/^Op\d{6}$/.test(name)).sort()).toEqual(['anonymous', 'other']);
      expect(full.text).toMatch(/graphql_requests_total\{operation="other",outcome="ok"\} 4900\n/);
      const codes = [...full.text.matchAll(/graphql_errors_total\{code="([^"]*)"\} (\d+)/g)].map((match) => `${match[1]} ${match[2]}`);
      expect(codes.sort()).toEqual(['ALIAS_LIMIT_EXCEEDED 1000', 'GRAPHQL_VALIDATION_FAILED 1000', 'OPERATION_RESOLUTION_FAILURE 1000']);
      expect(full.text).not.toMatch(/Op009999|x"\}|key-|id-|path=|nope-|field\d|Looo/);

      expect(fullPublic.text).not.toContain('operation=');
      expect(fullPublic.text).toContain('graphql_requests_total{outcome="ok"} 5000\n');
      expect(fullPublic.text).toContain('graphql_requests_total{outcome="error"} 3000\n');
      expect(fullPublic.text).toContain('graphql_request_duration_seconds_count 8000\n');
    } finally {
      await flooded.close();
    }
  }, 180_000);
});
