import { type TestApp, startTestApp } from './support/app';

/**
 * Node's fetch (undici) measures how long a keep-alive connection has been idle in ticks of its own
 * timer (499 ms a tick, counted, not read off the clock), and drops the connection at the server's
 * `Keep-Alive: timeout` less 2 s. While the test process's event loop is starved (a schema built
 * synchronously, a machine with a load of 8 on 2 cores) the ticks come late and that count runs
 * slow; the server's own close (KEEP_ALIVE_TIMEOUT_MS, plus Node's 1 s) goes by the clock. fetch
 * then writes its request on a connection the server has closed: `fetch failed`, cause
 * `read ECONNRESET`. The suites' servers keep an idle connection open longer than a test stalls.
 */

/** Longer than Node's own default keep-alive (5 s) plus its 1 s of slack. */
const STALL_MS = 7_000;

/** Blocks the event loop: no timer of undici's, nor of the server's, runs meanwhile. */
function starve(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

describe('a keep-alive connection across a starved event loop', () => {
  let app: TestApp;
  let connections = 0;
  beforeAll(async () => {
    app = await startTestApp({ seed: false });
    app.server.httpServer.on('connection', () => {
      connections += 1;
    });
  }, 60_000);
  afterAll(() => app?.close());

  it(`answers the next request on the same connection after the loop was blocked for ${STALL_MS} ms`, async () => {
    const first = await app.post({ query: '{ __typename }' });
    expect(first.body).toMatchObject({ data: { __typename: 'Query' } });
    // Sent from a timer that falls due while the loop is blocked: it runs just before the server's
    // keep-alive timer (which falls due later), as the loop wakes, before either side reads a byte.
    const next = new Promise<unknown>((resolve) => {
      setTimeout(() => resolve(app.gql('{ __typename }').catch((error: Error) => ({ failed: `${error.message}: ${String(error.cause)}` }))), STALL_MS - 2_000);
    });
    starve(STALL_MS);
    expect(await next).toMatchObject({ data: { __typename: 'Query' } });
    expect(connections).toBe(1);
    // What fetch goes by: it drops the connection 2 s before this (58 s, counted in its ticks).
    expect(first.headers.get('keep-alive')).toBe('timeout=60');
  }, 30_000);
});
