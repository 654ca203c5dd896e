import { createToken } from '../src/modules/auth/auth.tokens';
import { type TestApp, dataOf, manualClock, request, startTestApp } from './support/app';
import { REDIS_URL, itWith } from './support/services';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const stillServes = async (target: TestApp = app) => {
  expect(dataOf(await target.gql(`{ forums { totalCount } }`)).forums.totalCount).toBe(4);
};

describe('query cost', () => {
  it('every response tells the cost: requested, the limit per operation and the window', async () => {
    const response = await app.gql(`{ forums(first: 10) { nodes { sessions(first: 5) { nodes { title } } } } }`);
    expect(response.extensions?.cost).toMatchObject({ requested: 71, maxPerOperation: 50_000, limit: 1_000_000_000 });
    expect(response.extensions?.cost.remaining).toBeLessThanOrEqual(1_000_000_000 - 71);
    expect(new Date(response.extensions?.cost.resetAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses a cost bomb before touching the database', async () => {
    const bomb = `{ forums(first: 100) { nodes { sessions(first: 100) { nodes { speakers(first: 100) { nodes { sessions(first: 100) { nodes { title } } } } } } } } }`;
    const response = await app.post({ query: bomb });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', cost: expect.any(Number), limit: 50_000 });
    expect(response.body.errors[0].message).toMatch(/^The operation's cost is \d+, above the limit of 50000/);
    expect(response.body.extensions.sql.statements).toBe(0);
    await stillServes();
  });

  it('counts page sizes given in variables', async () => {
    const query = `query($n: Int) { forums(first: $n) { nodes { sessions(first: $n) { nodes { speakers(first: $n) { nodes { fullName } } } } } } }`;
    expect((await app.gql(query, { n: 5 })).errors).toBeUndefined();
    const refused = await app.gql(query, { n: 100 });
    expect(refused.errors?.[0].extensions?.code).toBe('COST_LIMIT_EXCEEDED');
  });

  it('costs a repeated query anew for each set of variables (the cost is kept per document and variables)', async () => {
    const query = `query($n: Int) { forums(first: $n) { nodes { sessions(first: $n) { nodes { title } } } } }`;
    const costs: number[] = [];
    for (const n of [2, 3, 2, 3, 100, 2]) {
      const response = await app.gql(query, { n });
      costs.push(response.extensions?.cost.requested);
    }
    // 1 + n + n × (1 + n) for the forums, their sessions' connections and the sessions.
    expect(costs).toEqual([9, 16, 9, 16, 10_201, 9]);
  });

  it('refuses an operation nested too deep, fragments followed', async () => {
    let query = 'title';
    for (let i = 0; i < 8; i++) query = `parent { children { nodes { ${query} } } }`;
    const response = await app.gql(`{ sessions(first: 1) { nodes { ${query} } } }`);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'DEPTH_LIMIT_EXCEEDED', limit: 15 });
  });
});

describe('hostile operations', () => {
  it('an alias bomb', async () => {
    const aliases = Array.from({ length: 150 }, (_, i) => `a${i}: __typename`).join(' ');
    const response = await app.gql(`{ ${aliases} }`);
    expect(response.errors?.[0]).toMatchObject({ message: 'The operation uses 150 aliases; the limit is 100.', extensions: { code: 'ALIAS_LIMIT_EXCEEDED' } });
  });

  it('a repeated-field bomb', async () => {
    const response = await app.gql(`{ ${'__typename '.repeat(1500)} }`);
    expect(response.errors?.[0].extensions?.code).toBe('FIELD_LIMIT_EXCEEDED');
  });

  it('circular fragments', async () => {
    const response = await app.gql(`query { forums { nodes { ...A } } } fragment A on Forum { sessions { nodes { forum { ...B } } } } fragment B on Forum { ...A }`);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0].message).toMatch(/Cannot spread fragment "A" within itself/);
    await stillServes();
  });

  it('a query string over the limit', async () => {
    const response = await app.post({ query: `{ forums { totalCount } }${' '.repeat(25_000)}` });
    expect(response.status).toBe(413);
    expect(response.body.errors[0]).toMatchObject({ message: 'The query is 25025 characters long; the limit is 20000.', extensions: { code: 'QUERY_TOO_LARGE' } });
  });

  it('huge variables', async () => {
    const response = await app.post({ query: `query($s: String!) { regions(where: { name: { contains: $s } }) { totalCount } }`, variables: { s: 'я'.repeat(40_000) } });
    expect(response.status).toBe(413);
    expect(response.body.errors[0].extensions.code).toBe('VARIABLES_TOO_LARGE');
  });

  it('a huge list in variables is refused the same way', async () => {
    const response = await app.post({ query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, variables: { ids: Array(20_000).fill('x') } });
    expect(response.status).toBe(413);
  });

  it('variables nested 100,000 deep are refused with a code, never a 500 (RangeError)', async () => {
    const query = 'query ($w: ForumWhere) { forums(where: $w) { totalCount } }';
    // Written as text: JSON.stringify itself cannot write them.
    const deep = (open: string, close: string, depth: number) => `${open.repeat(depth)}{}${close.repeat(depth)}`;
    const cases = [
      // 600 KB of `{"OR":[`: past the variables' 64 KB first.
      { w: deep('{"OR":[', ']}', 100_000), status: 413, code: 'VARIABLES_TOO_LARGE' },
      // 2,500 ORs deep in 20 KB: the depth is refused.
      { w: deep('{"OR":[', ']}', 2_500), status: 400, code: 'INPUT_DEPTH_LIMIT_EXCEEDED' },
      // 30,000 lists deep in 60 KB, under the byte limit: the depth is refused.
      { w: deep('[', ']', 30_000), status: 400, code: 'INPUT_DEPTH_LIMIT_EXCEEDED' },
    ];
    for (const { w, status, code } of cases) {
      const response = await app.post(`{"query":${JSON.stringify(query)},"variables":{"w":${w}}}`);
      expect({ status: response.status, code: response.body?.errors[0].extensions.code }).toEqual({ status, code });
    }
    await stillServes();
  });

  it('a body over the limit', async () => {
    const response = await app.post({ query: '{ forums { totalCount } }', variables: { pad: 'x'.repeat(1_100_000) } });
    expect(response.status).toBe(413);
    expect(response.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    await stillServes();
  });

  it('malformed JSON and invalid UTF-8', async () => {
    const malformed = await app.post('{"query": "{ forums { totalCount } }"');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0]).toMatchObject({ message: 'Cannot read the request body: the body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } });
    const invalidUtf8 = await app.post(Buffer.concat([Buffer.from('{"query": "{ forums { totalCount } }", "x": "'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]));
    expect(invalidUtf8.status).toBeLessThan(500);
    await stillServes();
  });

  it('a wrong content type is refused (CSRF prevention)', async () => {
    const response = await app.post({ query: '{ forums { totalCount } }' }, { headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/CSRF/);
  });

  it('an unknown operation name, and no query at all', async () => {
    const unknown = await app.post({ query: 'query A { forums { totalCount } }', operationName: 'B' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
    const empty = await app.post({ variables: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('batched requests are refused', async () => {
    const response = await app.post([{ query: '{ forums { totalCount } }' }, { query: '{ regions { totalCount } }' }]);
    expect(response.status).toBe(400);
    await stillServes();
  });
});

describe('rate limits', () => {
  it('charges each client its cost per window and answers 429 with retry-after', async () => {
    // The windows are cut by a clock the test moves (it starts at the start of an hour).
    const clock = manualClock();
    const limited = await startTestApp({ env: { RATE_LIMIT_POINTS: '100', RATE_LIMIT_WINDOW_SECONDS: '3600' }, clock });
    try {
      const query = JSON.stringify({ query: `{ forums(first: 10) { nodes { sessions(first: 5) { nodes { title } } } } }` });
      const first = await limited.post(query);
      expect(first.body.extensions.cost).toEqual({ requested: 71, maxPerOperation: 50_000, limit: 100, remaining: 29, resetAt: '2030-01-01T01:00:00.000Z' });
      clock.advance(60_000);
      const second = await limited.post(query);
      expect(second.status).toBe(429);
      expect(second.headers.get('retry-after')).toBe('3540');
      expect(second.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 3540 });
      expect(second.body.errors[0].message).toBe('Rate limit: this operation costs 71 points and 29 of 100 remain until 2030-01-01T01:00:00.000Z; retry after 3540 s.');
      const issued = await createToken(limited.database.dataSource, limited.database.dialect, 'analyst-1', 'READER');
      const otherKey = await limited.post(query, { headers: { 'x-api-key': issued } });
      expect(otherKey.status).toBe(200);
      const cheap = await limited.post({ query: '{ forums { totalCount } }' });
      expect(cheap.status).toBe(200);
      // The next window pays again.
      clock.advance(3_540_000);
      const next = await limited.post(query);
      expect([next.status, next.body.extensions.cost.remaining, next.body.extensions.cost.resetAt]).toEqual([200, 29, '2030-01-01T02:00:00.000Z']);
    } finally {
      await limited.close();
    }
  });

  it('a made-up X-API-Key never buys an address at 429 a new budget', async () => {
    const limited = await startTestApp({ env: { RATE_LIMIT_POINTS: '100', RATE_LIMIT_WINDOW_SECONDS: '3600' }, clock: manualClock() });
    try {
      const query = JSON.stringify({ query: `{ forums(first: 10) { nodes { sessions(first: 5) { nodes { title } } } } }` });
      expect((await limited.post(query)).status).toBe(200);
      expect((await limited.post(query)).status).toBe(429);
      for (const key of ['analyst-1', 'pgt_made-up', 'x'.repeat(64)]) {
        const madeUp = await limited.post(query, { headers: { 'x-api-key': key } });
        expect(madeUp.status).toBe(401);
        expect(madeUp.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
        expect(madeUp.body.errors[0].message).toMatch(/^X-API-Key: expected a key this server issued/);
      }
      expect((await limited.post(query)).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  itWith('redis')('shares the window between instances through Redis', async () => {
    const env = { RATE_LIMIT_POINTS: '100', RATE_LIMIT_WINDOW_SECONDS: '3600', REDIS_URL };
    // Both instances on one clock that stands still: they name the same window's key. (Redis
    // expires the key by its own clock, which no test moves; nothing here waits for that.)
    const clock = manualClock();
    const [a, b] = [await startTestApp({ env, clock }), await startTestApp({ env, clock })];
    try {
      // One issued key, known to both instances' databases.
      const key = await createToken(a.database.dataSource, a.database.dialect, `shared-${process.pid}-${Date.now()}`, 'READER');
      const [row] = await a.database.dataSource.query('SELECT name, role, token_hash, created_at FROM api_token');
      await b.database.dataSource.query(b.database.dialect.placeholders('INSERT INTO api_token (name, role, token_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, NULL)'), [row.name, row.role, row.token_hash, row.created_at]);
      const query = JSON.stringify({ query: `{ forums(first: 10) { nodes { sessions(first: 5) { nodes { title } } } } }` });
      const headers = { 'x-api-key': key };
      expect((await a.post(query, { headers })).status).toBe(200);
      const fromB = await b.post(query, { headers });
      expect(fromB.status).toBe(429);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('lets requests through when Redis is unreachable, and keeps serving', async () => {
    const down = await startTestApp({ env: { RATE_LIMIT_POINTS: '100', REDIS_URL: 'redis://127.0.0.1:6390' } });
    try {
      const response = await down.gql(`{ forums { totalCount } }`);
      expect(response.data?.forums.totalCount).toBe(4);
    } finally {
      await down.close();
    }
  });
});

describe('settings', () => {
  it('introspection can be turned off', async () => {
    const closed = await startTestApp({ env: { INTROSPECTION: '0' } });
    try {
      const response = await closed.gql(`{ __schema { queryType { name } } }`);
      expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(response.errors?.[0].message).toMatch(/introspection/i);
      await stillServes(closed);
    } finally {
      await closed.close();
    }
  });

  it('CORS answers only the allowed origins', async () => {
    const open = await startTestApp({ env: { CORS_ORIGINS: 'https://news.example' } });
    try {
      const allowed = await request(open.url, { method: 'OPTIONS', headers: { origin: 'https://news.example', 'access-control-request-method': 'POST' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://news.example');
      const other = await request(open.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await open.close();
    }
  });
});

describe('rate limits on exports and the calendar', () => {
  it('charge a flat cost per request and answer 429 past the window', async () => {
    const limited = await startTestApp({ env: { RATE_LIMIT_POINTS: '2500', RATE_LIMIT_WINDOW_SECONDS: '3600' }, clock: manualClock() });
    try {
      const first = await limited.get('/export/forums.csv');
      expect(first.status).toBe(200);
      expect(first.headers.get('x-ratelimit-remaining')).toBe('1500');
      expect((await limited.get('/calendar.ics')).status).toBe(200);
      const third = await limited.get('/export/regions.json');
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBe('3600');
      expect(third.body).toEqual({
        error: { code: 'RATE_LIMITED', message: 'Rate limit: this request costs 1000 points and 500 of 2500 remain until 2030-01-01T01:00:00.000Z; retry after 3600 s.', retryAfter: 3600 },
      });
    } finally {
      await limited.close();
    }
  });
});
