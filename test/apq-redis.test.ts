import Redis from 'ioredis';
import { sha256Hex } from '../src/execution/persisted-queries';
import { type TestApp, captureLogger, startTestApp } from './support/app';
import { REDIS_URL, describeWith } from './support/services';
import { TcpProxy } from './support/tcp-proxy';

/** Keys of this file's run only: suites running at once never see each other's queries. */
const PREFIX = `test:${process.pid}:${Date.now().toString(36)}:`;
/** A query no other run sends (its alias), so its hash is this run's. */
const query = (name: string) => `{ ${name}_${process.pid}: __typename }`;
const byHash = (text: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(text) } } });
const withText = (text: string) => ({ query: text, ...byHash(text) });
const NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND';

async function until(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describeWith('redis')('automatic persisted queries kept in Redis', () => {
  const redis = new Redis(REDIS_URL);
  afterAll(async () => {
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('are registered on one instance and answered by hash alone on another', async () => {
    const env = { REDIS_URL, APQ_REDIS_PREFIX: PREFIX, APQ_TTL_SECONDS: '600' };
    const [one, two] = [await startTestApp({ env, seed: false }), await startTestApp({ env, seed: false })];
    try {
      const text = query('shared');
      const alias = `shared_${process.pid}`;
      expect((await two.post(byHash(text))).body.errors[0].extensions.code).toBe(NOT_FOUND);
      const registered = await one.post(withText(text));
      expect(registered.body.data).toEqual({ [alias]: 'Query' });
      // Apollo stores the text after answering, without awaiting the write.
      const key = `${PREFIX}apq:${sha256Hex(text)}`;
      expect(await until(async () => (await redis.get(key)) === text)).toBe(true);
      const ttl = await redis.ttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(600);
      const fromTwo = await two.post(byHash(text));
      expect(fromTwo.status).toBe(200);
      expect(fromTwo.body).toEqual({ data: { [alias]: 'Query' }, extensions: expect.anything() });
      const ready = await two.get('/readyz');
      expect(ready.body.checks.persistedQueries).toBe('ok');
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('miss by hash while Redis is stopped, and the full query still runs', async () => {
    const proxy = new TcpProxy('127.0.0.1', 6379);
    const port = await proxy.start();
    const { logger, lines } = captureLogger();
    // No rate limit: Redis keeps only the persisted queries here, so /readyz shows what they do.
    const app = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}`, APQ_REDIS_PREFIX: PREFIX, RATE_LIMIT_POINTS: '0' }, seed: false, logger });
    try {
      const text = query('stopped');
      expect(await until(async () => (await app.get('/readyz')).body.checks.persistedQueries === 'ok')).toBe(true);
      await app.post(withText(text));
      expect(await until(async () => (await app.post(byHash(text))).body.data !== undefined)).toBe(true);

      await proxy.stop();
      const missed = await app.post(byHash(text));
      expect(missed.status).toBe(200);
      expect(missed.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: NOT_FOUND }) })]);
      const full = await app.post(withText(text));
      expect(full.status).toBe(200);
      expect(full.body.data).toEqual({ [`stopped_${process.pid}`]: 'Query' });
      // Reported, not failing readiness: the API answers without the store.
      const ready = await app.get('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body.checks.persistedQueries).toMatch(/^degraded: Redis unreachable/);
      expect(lines.some((line) => line.level === 40 && /^persisted queries: Redis unavailable/.test(line.msg))).toBe(true);
    } finally {
      await app.close();
      await proxy.stop();
    }
  });
});

describe('automatic persisted queries with Redis unreachable', () => {
  let app: TestApp;
  beforeAll(async () => {
    // A port nothing listens on: every command fails at once.
    app = await startTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:6390', APQ_REDIS_PREFIX: PREFIX }, seed: false });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers a hash alone PERSISTED_QUERY_NOT_FOUND, and runs the full query every time', async () => {
    const text = query('closed');
    expect((await app.post(byHash(text))).body.errors[0].extensions.code).toBe(NOT_FOUND);
    for (let i = 0; i < 2; i++) {
      const full = await app.post(withText(text));
      expect(full.status).toBe(200);
      expect(full.body.data).toEqual({ [`closed_${process.pid}`]: 'Query' });
    }
    // Nothing was kept: the registration was dropped with the store.
    expect((await app.post(byHash(text))).body.errors[0].extensions.code).toBe(NOT_FOUND);
  });
});
