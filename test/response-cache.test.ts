import { createToken } from '../src/modules/auth/auth.tokens';
import { type TestApp, dataOf, manualClock, startTestApp } from './support/app';

/** A POST, with the number of statements the server read while answering it. */
async function post(app: TestApp, body: unknown, headers: Record<string, string> = {}) {
  let reads = 0;
  const read = app.database.read;
  app.database.read = (...args: Parameters<typeof read>) => {
    reads += 1;
    return read(...args);
  };
  try {
    const answer = await app.post(body, { headers });
    return { ...answer, reads };
  } finally {
    app.database.read = read;
  }
}

const FORUMS = { query: `query Forums($first: Int) { forums(first: $first) { totalCount nodes { title sessions(first: 2) { nodes { title } } } } }`, variables: { first: 2 } };

describe('the response cache (RESPONSE_CACHE_SECONDS)', () => {
  let app: TestApp;
  // Answers age by a clock the test moves: their age and expiry are exact, and nothing waits.
  const clock = manualClock();
  beforeAll(async () => {
    // No rate limit: every answer's extensions are then the same, and a hit's bytes are the miss's.
    app = await startTestApp({ env: { RESPONSE_CACHE_SECONDS: '60', GRAPH_DEBUG: '0', RATE_LIMIT_POINTS: '0' }, clock });
  });
  afterAll(() => app.close());

  it('answers a repeated query from memory with the same bytes, without reading the database', async () => {
    const miss = await post(app, FORUMS);
    expect(miss.status).toBe(200);
    expect(miss.reads).toBeGreaterThan(0);
    expect(miss.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=60, stale-while-revalidate=30');
    expect(miss.headers.get('age')).toBeNull();
    expect(dataOf(miss.body).forums.nodes).toHaveLength(2);

    clock.advance(5_000);
    const hit = await post(app, FORUMS);
    expect(hit.reads).toBe(0);
    expect(hit.status).toBe(200);
    expect(hit.text).toBe(miss.text);
    expect(hit.headers.get('content-type')).toBe(miss.headers.get('content-type'));
    expect(hit.headers.get('age')).toBe('5');
    // The miss's policy, with its age (RFC 9111: a cache downstream counts the age against max-age).
    expect(hit.headers.get('cache-control')).toBe(miss.headers.get('cache-control'));
    expect(hit.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(hit.headers.get('x-request-id')).not.toBe(miss.headers.get('x-request-id'));
    const metrics = (await app.get('/metrics')).text;
    expect(metrics).toContain('graphql_response_cache_hits_total 1\n');
  });

  it('keys by the variables and the Accept header', async () => {
    await post(app, FORUMS);
    const other = await post(app, { ...FORUMS, variables: { first: 1 } });
    expect(other.reads).toBeGreaterThan(0);
    expect(other.body.data.forums.nodes).toHaveLength(1);

    const accept = { accept: 'application/graphql-response+json' };
    const first = await post(app, FORUMS, accept);
    expect(first.reads).toBeGreaterThan(0);
    expect(first.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const again = await post(app, FORUMS, accept);
    expect(again.reads).toBe(0);
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(again.body).toEqual(first.body);
  });

  it('never keeps an answer with errors, nor a refused request', async () => {
    const bad = { query: `{ node(id: "not-an-id") { id } }` };
    const first = await post(app, bad);
    expect(first.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(first.headers.get('cache-control')).toBe('private, no-store');
    const second = await post(app, bad);
    expect(second.headers.get('age')).toBeNull();
    expect(second.body.errors[0].message).toBe(first.body.errors[0].message);

    const invalid = { query: `{ forums { nope } }` };
    await post(app, invalid);
    const again = await post(app, invalid);
    expect(again.status).toBe(400);
    expect(again.headers.get('age')).toBeNull();
    expect(again.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers a GET with a preflight header from the cache, keyed by its query string; without one Apollo refuses it', async () => {
    const path = `/graphql?${new URLSearchParams({ query: '{ forums { totalCount } }' })}`;
    const preflight = { 'apollo-require-preflight': '1' };
    const miss = await app.get(path, { headers: preflight });
    expect(miss.status).toBe(200);
    expect(miss.headers.get('age')).toBeNull();
    const hit = await app.get(path, { headers: preflight });
    expect(hit.headers.get('age')).toBe('0');
    expect(hit.text).toBe(miss.text);
    expect(hit.headers.get('cache-control')).toBe(miss.headers.get('cache-control'));
    expect(hit.body.data.forums.totalCount).toBe(4);
    // The same operation as a POST is another key; a GET without the header is Apollo's CSRF refusal.
    expect((await post(app, { query: '{ forums { totalCount } }' })).reads).toBeGreaterThan(0);
    const refused = await app.get(path);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('age')).toBeNull();
    expect(refused.text).toContain('Cross-Site Request Forgery');
  });

  it('runs a burst of identical requests on a cold entry once; the others wait and get the same bytes', async () => {
    const burst = { ...FORUMS, variables: { first: 3 } };
    const read = app.database.read;
    let reads = 0;
    app.database.read = async (...args: Parameters<typeof read>) => {
      reads += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return read(...args);
    };
    try {
      const send = () =>
        app.post(burst).then((r) => ({ status: r.status, age: r.headers.get('age'), text: r.text }));
      const answers = await Promise.all(Array.from({ length: 8 }, send));
      const once = reads;
      expect(answers.every((a) => a.status === 200 && a.text === answers[0].text)).toBe(true);
      expect(answers.filter((a) => a.age === null)).toHaveLength(1);
      // As many statements as one request runs: the same query again is a hit and reads nothing.
      reads = 0;
      await post(app, { ...FORUMS, variables: { first: 4 } });
      expect(once).toBe(reads);
    } finally {
      app.database.read = read;
    }
  });

  it('a burst of requests whose answer cannot be kept all execute, and all are answered', async () => {
    const bad = { query: `{ node(id: "burst-not-an-id") { id } }` };
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(app, bad)));
    for (const answer of answers) {
      expect(answer.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(answer.headers.get('age')).toBeNull();
    }
  });

  it('drops an answer once its max-age has passed', async () => {
    const clock = manualClock();
    const short = await startTestApp({ env: { RESPONSE_CACHE_SECONDS: '1', GRAPH_DEBUG: '0' }, clock });
    try {
      await post(short, FORUMS);
      clock.advance(999);
      const last = await post(short, FORUMS);
      expect([last.reads, last.headers.get('age'), last.headers.get('cache-control')]).toEqual([0, '0', 'public, max-age=1, s-maxage=1, stale-while-revalidate=30']);
      clock.advance(2);
      const expired = await post(short, FORUMS);
      expect(expired.reads).toBeGreaterThan(0);
      expect(expired.headers.get('age')).toBeNull();
    } finally {
      await short.close();
    }
  });

  it('with GRAPH_DEBUG, a hit says it ran no statement', async () => {
    const debug = await startTestApp({ env: { RESPONSE_CACHE_SECONDS: '60', RATE_LIMIT_POINTS: '0' } });
    try {
      const miss = await post(debug, FORUMS);
      expect(miss.body.extensions.sql.statements).toBeGreaterThan(0);
      const hit = await post(debug, FORUMS);
      expect(hit.body.extensions).toEqual({ sql: { statements: 0, ms: 0, compiled: false }, cost: miss.body.extensions.cost });
      expect(hit.body.data).toEqual(miss.body.data);
    } finally {
      await debug.close();
    }
  });

  it('charges every hit to the rate limit, and refuses a hit over it as Apollo refuses a miss; a shared answer tells no one\'s window', async () => {
    const limited = await startTestApp({ env: { RESPONSE_CACHE_SECONDS: '60', GRAPH_DEBUG: '0', RATE_LIMIT_POINTS: '100', RATE_LIMIT_WINDOW_SECONDS: '3600' } });
    try {
      const query = { query: `{ forums(first: 2) { nodes { title } } }` };
      const miss = await post(limited, query);
      const cost = miss.body.extensions.cost.requested;
      // The answer may be served to anyone: it carries the operation's cost, not this client's window.
      expect(miss.body.extensions.cost).toEqual({ requested: cost, maxPerOperation: 50_000, limit: null, remaining: null, resetAt: null });
      const hit = await post(limited, query);
      expect(hit.reads).toBe(0);
      expect(hit.body.extensions.cost).toEqual(miss.body.extensions.cost);
      expect(hit.text).toBe(miss.text);
      let last = hit;
      let answered = 2;
      while (last.status === 200) {
        last = await post(limited, query);
        answered += 1;
      }
      // Each hit was charged: the window of 100 points ran out after 100 / cost answers.
      expect(answered - 1).toBe(Math.floor(100 / cost));
      expect(last.status).toBe(429);
      expect(last.body.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another client still gets the cached answer.
      const someoneElse = await createToken(limited.database.dataSource, limited.database.dialect, 'someone-else', 'READER');
      const other = await post(limited, query, { 'x-api-key': someoneElse });
      expect(other.status).toBe(200);
      // One statement: the lookup of its key; the answer is the cached one.
      expect(other.reads).toBe(1);
      expect(other.text).toContain(JSON.stringify(hit.body.data));
    } finally {
      await limited.close();
    }
  });

  it('without RESPONSE_CACHE_SECONDS nothing is kept and every answer says no-store', async () => {
    const plain = await startTestApp({ env: { GRAPH_DEBUG: '0' } });
    try {
      const first = await post(plain, FORUMS);
      expect(first.headers.get('cache-control')).toBe('no-store');
      const second = await post(plain, FORUMS);
      expect(second.reads).toBeGreaterThan(0);
      expect(second.headers.get('age')).toBeNull();
    } finally {
      await plain.close();
    }
  });
});
