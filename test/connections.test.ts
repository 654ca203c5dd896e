import { type TestApp, dataOf, manualClock, startTestApp } from './support/app';
import { type RawSocket, connect, graphqlPost, sleep, statusLines } from './support/raw-http';

/**
 * Connections end in every way a client can make them end, on raw sockets: pipelined requests,
 * closes mid-answer, clients that read nothing, slow headers and bodies, resets. After each, the
 * operation slots are free again and a normal query answers within a second.
 */

/** An answer of about 100 KB from the real data set: the schema's types with their fields. */
const LARGE = '{ __schema { types { name description fields { name description args { name description } type { name kind ofType { name kind } } } } } }';
const SMALL = '{ forums { totalCount } }';

let app: TestApp;
let port: number;

beforeAll(async () => {
  app = await startTestApp({
    env: {
      MAX_CONCURRENT_OPERATIONS: '4',
      REQUEST_TIMEOUT_MS: '1500',
      HEADERS_TIMEOUT_MS: '1000',
      REQUEST_BODY_TIMEOUT_MS: '1500',
      KEEP_ALIVE_TIMEOUT_MS: '1000',
      SOCKET_IDLE_TIMEOUT_MS: '2000',
      MAX_PIPELINED_REQUESTS: '16',
      MAX_CONNECTIONS_PER_CLIENT: '20',
    },
  });
  port = Number(new URL(app.url).port);
}, 60_000);
afterAll(() => app?.close());

/** The slots are back at zero and a normal query answers within a second. */
async function expectServing(): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (Date.now() < deadline) {
    const { active, queued } = app.server.operations();
    if (active === 0 && queued === 0) break;
    await sleep(20);
  }
  expect(app.server.operations()).toEqual({ active: 0, queued: 0 });
  const response = await app.post({ query: SMALL }, { signal: AbortSignal.timeout(1_000) });
  expect(response.status).toBe(200);
  expect(dataOf(response.body).forums.totalCount).toBe(4);
}

/** What /metrics says a connection ceiling refused so far. */
async function refusals(ceiling: 'pipelined' | 'per_client'): Promise<number> {
  const { text } = await app.get('/metrics');
  return Number(new RegExp(`^http_connection_refusals\\{ceiling="${ceiling}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
}

async function pipeline(raw: RawSocket, count: number, query = LARGE): Promise<void> {
  raw.socket.write(Array.from({ length: count }, () => graphqlPost(query)).join(''));
}

describe('a connection that ends early releases what its requests hold', () => {
  it('ten pipelined large answers to a client that reads nothing and then closes: no slot leaks', async () => {
    for (let round = 0; round < 3; round += 1) {
      const raw = await connect(port, { read: false });
      await pipeline(raw, 10);
      await sleep(300);
      raw.socket.destroy();
      await raw.closed;
    }
    await expectServing();
  });

  it('pipelined requests followed at once by the client closing its side', async () => {
    for (let round = 0; round < 5; round += 1) {
      const raw = await connect(port);
      await pipeline(raw, 10, SMALL);
      raw.socket.end();
      await raw.closed;
    }
    await expectServing();
  });

  it('pipelined requests followed at once by a TCP reset', async () => {
    for (let round = 0; round < 5; round += 1) {
      const raw = await connect(port);
      await pipeline(raw, 10);
      await sleep(round * 10);
      raw.socket.resetAndDestroy();
      await raw.closed;
    }
    await expectServing();
  });

  it('a close in the middle of an answer', async () => {
    const raw = await connect(port);
    await pipeline(raw, 3);
    const deadline = Date.now() + 5_000;
    while (raw.received().length === 0 && Date.now() < deadline) await sleep(5);
    expect(raw.received().length).toBeGreaterThan(0);
    raw.socket.destroy();
    await raw.closed;
    await expectServing();
  });
});

describe('ceilings on what one client holds', () => {
  it('past MAX_PIPELINED_REQUESTS on one socket: 503 TOO_MANY_PIPELINED and the connection closes', async () => {
    const raw = await connect(port);
    await pipeline(raw, 40, SMALL);
    const elapsed = await raw.closed;
    const statuses = statusLines(raw.received());
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(16);
    expect(statuses).toContain(503);
    expect(raw.received().toString('latin1')).toContain('TOO_MANY_PIPELINED');
    expect(elapsed).toBeLessThan(5_000);
    // All 40 arrive in one read: 16 are taken, the 24 after them refused (the first refusal is sent, then the connection closes).
    expect(await refusals('pipelined')).toBe(24);
    await expectServing();
  });

  it('past MAX_CONNECTIONS_PER_CLIENT open sockets from one address: the next is closed at once', async () => {
    const open: RawSocket[] = [];
    try {
      for (let i = 0; i < 20; i += 1) open.push(await connect(port));
      await sleep(50);
      const extra = await connect(port);
      const elapsed = await Promise.race([extra.closed, sleep(1_000).then(() => Infinity)]);
      expect(elapsed).toBeLessThan(1_000);
      expect(extra.received().toString('latin1')).toMatch(/^HTTP\/1\.1 503 [^]*TOO_MANY_CONNECTIONS/);
      expect(open.every((raw) => !raw.socket.destroyed)).toBe(true);
    } finally {
      for (const raw of open) raw.socket.destroy();
      await Promise.all(open.map((raw) => raw.closed));
    }
    expect(await refusals('per_client')).toBe(1);
    await expectServing();
  });
});

describe('timeouts', () => {
  it('headers that never finish: the server closes the socket after HEADERS_TIMEOUT_MS', async () => {
    const raw = await connect(port);
    raw.socket.write('POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\n');
    const elapsed = await Promise.race([raw.closed, sleep(6_000).then(() => Infinity)]);
    expect(elapsed).toBeLessThan(6_000);
    expect(statusLines(raw.received())).toEqual([408]);
    await expectServing();
  });

  it('a body that stops half way: the server closes the socket after REQUEST_BODY_TIMEOUT_MS', async () => {
    const raw = await connect(port);
    raw.socket.write('POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"query":');
    const elapsed = await Promise.race([raw.closed, sleep(6_000).then(() => Infinity)]);
    expect(elapsed).toBeLessThan(6_000);
    await expectServing();
  });

  it('an idle keep-alive connection is closed after KEEP_ALIVE_TIMEOUT_MS', async () => {
    const raw = await connect(port);
    raw.socket.write(graphqlPost(SMALL));
    const elapsed = await Promise.race([raw.closed, sleep(6_000).then(() => Infinity)]);
    expect(statusLines(raw.received())).toEqual([200]);
    expect(elapsed).toBeLessThan(6_000);
  });

  it('a client that reads nothing of a large answer is cut after SOCKET_IDLE_TIMEOUT_MS, and holds no slot meanwhile', async () => {
    // The server's side of the socket: a client that reads nothing never sees its own socket close.
    const serverSide = new Promise<number>((resolve) =>
      app.server.httpServer.once('connection', (socket) => {
        const opened = Date.now();
        socket.once('close', () => resolve(Date.now() - opened));
      }),
    );
    const raw = await connect(port, { read: false });
    await pipeline(raw, 10);
    await sleep(500);
    // The answers are made; the client not reading them holds bytes, not operation slots.
    expect(app.server.operations().active).toBe(0);
    const elapsed = await Promise.race([serverSide, sleep(8_000).then(() => Infinity)]);
    expect(elapsed).toBeLessThan(8_000);
    raw.socket.destroy();
    await expectServing();
  });

});

describe('/readyz', () => {
  it('says degraded while every operation slot is taken and none is freed, and ready once they move', async () => {
    // "None freed for how long" is read on a clock the test moves: no waiting for it to pass.
    const clock = manualClock();
    const stuck = await startTestApp({ env: { MAX_CONCURRENT_OPERATIONS: '1', REQUEST_TIMEOUT_MS: '100' }, clock });
    // Operations that never end, as a bug would hold them: Apollo's handling of them hangs.
    const apollo = stuck.server.apollo;
    const execute = apollo.executeHTTPGraphQLRequest.bind(apollo);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    apollo.executeHTTPGraphQLRequest = async (request) => {
      await held;
      return execute(request);
    };
    try {
      const answers = Promise.all([stuck.gql(SMALL), stuck.gql(SMALL)]);
      // Both have arrived: one holds the slot, one waits.
      while (stuck.server.operations().queued < 1) await sleep(5);
      expect((await stuck.get('/readyz')).status).toBe(200);
      // Twice REQUEST_TIMEOUT_MS is when held slots count as stuck.
      clock.advance(2_000);
      const degraded = await stuck.get('/readyz');
      expect(degraded.status).toBe(503);
      expect(degraded.body).toEqual({
        status: 'degraded',
        checks: { database: 'ok', migrations: 'ok', rateLimit: 'ok', operations: 'degraded: all 1 operation slots taken and none freed for 2 s (1 waiting)' },
      });
      release();
      await answers;
      const ready = await stuck.get('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('ready');
    } finally {
      release();
      await stuck.close();
    }
  });
});
