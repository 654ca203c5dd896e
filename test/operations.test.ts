import { type TestApp, captureLogger, dataOf, startTestApp } from './support/app';
import { REDIS_URL, describeWith } from './support/services';

describeWith('redis')('health, readiness and metrics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { REDIS_URL, RATE_LIMIT_POINTS: '1000000', METRICS_TOKEN: 'operations-test-metrics-token' } });
  });
  afterAll(() => app.close());

  it('/healthz says the process is alive', async () => {
    const response = await app.get('/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('/readyz checks the database, the migrations and Redis', async () => {
    // Redis connects in the background at start: ready once it answers.
    let response = await app.get('/readyz');
    for (let i = 0; i < 50 && (response.status !== 200 || response.body.checks.persistedQueries !== 'ok'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      response = await app.get('/readyz');
    }
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', rateLimit: 'ok', persistedQueries: 'ok' } });
  });

  it('/metrics counts operations, errors by code, cost, statements and event-loop lag', async () => {
    dataOf(await app.gql(`query ForumTitles { forums(first: 3) { nodes { title } } }`));
    await app.gql(`query Bad { regions(first: 500) { totalCount } }`);
    const { text } = await app.get('/metrics', { token: 'operations-test-metrics-token' });
    expect(text).toMatch(/graphql_requests_total\{operation="ForumTitles",outcome="ok"\} 1/);
    expect(text).toMatch(/graphql_requests_total\{operation="Bad",outcome="error"\} 1/);
    expect(text).toMatch(/graphql_errors_total\{code="BAD_USER_INPUT"\} 1/);
    expect(text).toMatch(/graphql_request_duration_seconds_count\{operation="ForumTitles"\} 1/);
    expect(text).toMatch(/graphql_operation_cost_sum \d+/);
    expect(text).toMatch(/graphql_sql_statements_count \d+/);
    expect(text).toMatch(/graphql_event_loop_lag_p99_seconds \d/);
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
    // The scrape itself is not an operation: nothing runs or waits while it is answered.
    expect(text).toMatch(/graphql_operations_running 0/);
    expect(text).toMatch(/graphql_operations_queued 0/);
  });
});

describe('readiness when a dependency is gone', () => {
  it('/readyz turns false while Redis is unreachable, and the API keeps answering', async () => {
    const app = await startTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:6390', RATE_LIMIT_POINTS: '1000' } });
    try {
      const response = await app.get('/readyz');
      expect(response.status).toBe(503);
      expect(response.body).toEqual({
        status: 'not ready',
        checks: { database: 'ok', migrations: 'ok', rateLimit: 'unreachable', persistedQueries: 'degraded: Redis unreachable, queries by hash are not found' },
      });
      expect(dataOf(await app.gql(`{ forums { totalCount } }`)).forums.totalCount).toBe(4);
    } finally {
      await app.close();
    }
  });

  it('/readyz turns false when the database is closed', async () => {
    const app = await startTestApp();
    try {
      await app.database.dataSource.destroy();
      const response = await app.get('/readyz');
      expect(response.status).toBe(503);
      expect(response.body.checks.database).toMatch(/^unreachable( \([A-Z0-9_]+\))?$/);
    } finally {
      await app.close();
    }
  });
});

describe('logs', () => {
  it('one JSON line per operation with request id, operation, cost, statements and duration; no variables at info', async () => {
    const { logger, lines } = captureLogger();
    const app = await startTestApp({ logger });
    try {
      const response = await app.post(
        { query: 'query Secret($s: String!) { regions(where: { name: { contains: $s } }) { totalCount } }', variables: { s: 'персональные данные' } },
        { headers: { 'x-request-id': 'req-42' } },
      );
      expect(response.headers.get('x-request-id')).toBe('req-42');
      const line = lines.find((l) => l.requestId === 'req-42');
      expect(line).toMatchObject({ level: 30, msg: 'graphql', operation: 'Secret', cost: 1, statements: 1, ms: expect.any(Number) });
      expect(JSON.stringify(lines)).not.toMatch(/персональные/);
      const generated = await app.post({ query: '{ forums { totalCount } }' });
      expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await app.close();
    }
  });
});

describe('the execution timeout', () => {
  it('stops database work past REQUEST_TIMEOUT_MS with a TIMEOUT error, and the server keeps serving', async () => {
    // The resolvers' statements, one level after another (a compiled operation is one statement).
    const app = await startTestApp({ env: { REQUEST_TIMEOUT_MS: '60', GRAPHQL_COMPILE: '0' } });
    try {
      const query = `{ forums(first: 5) { nodes { title sessions { nodes { title } } } } }`;
      // A fresh server's first answer of a query parses, validates and compiles it cold, which
      // can take longer than the deadline on a slow machine (then it times out before any
      // statement): sent once, whatever its answer, the parsed and compiled query is kept.
      await app.post({ query });
      const slow = app.database.read;
      // Every statement takes 200 ms: the second level of the query starts after the deadline.
      app.database.read = async (...args: Parameters<typeof slow>) => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        return slow(...args);
      };
      const response = await app.gql(query);
      expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'TIMEOUT' } });
      expect(response.extensions?.sql?.statements).toBe(1);
      app.database.read = slow;
      expect(dataOf(await app.gql(`{ forums { totalCount } }`)).forums.totalCount).toBe(4);
    } finally {
      await app.close();
    }
  });
});
