import { revokeToken } from '../src/modules/auth/auth.tokens';
import { changeCursor } from '../src/modules/changes/changes.resolver';
import { lastOutboxId } from '../src/modules/writes/outbox';
import { REVOKED_REASON } from '../src/subscriptions/ws';
import type { Config } from '../src/config';
import { type TestApp, alsoServe, dataOf, manualClock, startTestApp, tokens } from './support/app';
import { createDraftForum, publishRecord } from './support/forums';
import { type RawSocket, connect, sleep } from './support/raw-http';
import type { Client as SseClient } from 'graphql-sse';
import type { Client as WsClient } from 'graphql-ws';
import { type Feed, type ProtocolSocket, protocolSocket, refusedUpgrade, sseClient, subscribe, untilSubscribed, wsClient } from './support/subscriptions';

/*
 * Subscriptions as an attacker holds them: a token revoked while its connection stays open; an
 * X-Forwarded-For made up to escape the rate limit; connections past the caps, clients that
 * vanish without a close frame, and subscribers that stop reading. Real graphql-ws and
 * graphql-sse clients, and raw sockets, against a listening server. The feed's poll is an hour
 * here, so what ends a revoked token's subscriptions is the check before each delivery, not the
 * poll; the poll's own check is tested on a server of its own.
 */

let app: TestApp;
let editor: string;

beforeAll(async () => {
  app = await startTestApp({ draft: true, env: { CHANGE_FEED_POLL_MS: '3600000' } });
  ({ editor } = await tokens(app, 'abuse', ['EDITOR']));
}, 90_000);
afterAll(() => app?.close());

const CHANGES = 'subscription ($ids: [ID!], $after: String) { contentChanged(ids: $ids, after: $after) { cursor recordId action stage } }';

let forums = 0;
/** A new draft forum, made by the (live) EDITOR: its global ID. */
function createForum(): Promise<string> {
  forums += 1;
  return createDraftForum(app, editor, `Форум отзыва ${forums} ${Date.now()}`);
}

/** An EDITOR token of its own, and a function that revokes it as the CLI does. */
async function victim(name: string): Promise<{ token: string; revoke: () => Promise<void> }> {
  const { editor: token } = await tokens(app, name, ['EDITOR']);
  return {
    token,
    revoke: async () => {
      expect(await revokeToken(app.database.dataSource, app.database.dialect, `${name}-editor`)).toBe(true);
    },
  };
}

/** Waits until `read()` gives `expected` (the server settles after a close), then asserts it. */
async function settles<T>(read: () => T, expected: T, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && JSON.stringify(read()) !== JSON.stringify(expected)) await sleep(10);
  expect(read()).toEqual(expected);
}

let replayable: Promise<{ after: string; ids: string[] }> | null = null;
/**
 * Variables of contentChanged that replay one published change (made once): a subscription the
 * server lets through answers with it at once, so a test knows it was let through without waiting.
 */
function replay(): Promise<{ after: string; ids: string[] }> {
  replayable ??= (async () => {
    const { publisher } = await tokens(app, 'abuse-replay', ['PUBLISHER']);
    const after = changeCursor(await lastOutboxId(app.draft!));
    const id = await createForum();
    await publishRecord(app, publisher, id, 1);
    return { after, ids: [id] };
  })();
  return replayable;
}

const drafts = (events: any[]) => events.filter((event) => event.data?.contentChanged?.stage === 'DRAFT').map((event) => event.data.contentChanged.recordId);

/**
 * A victim's token on `connect`'s transport and a witness on an editor's, both subscribed: the
 * draft made while the token is live reaches both; after the revoke the next reaches the witness
 * only, and the victim's feed has ended. `ended` checks how the transport ended it, while both
 * clients are still open.
 */
async function revokedMidStream(name: string, connect: (token: string) => WsClient | SseClient, ended: (stolen: Feed) => Promise<void>): Promise<void> {
  const { token, revoke } = await victim(name);
  const revoked = connect(token);
  const witness = wsClient(app.url, editor);
  try {
    await untilSubscribed(app.server, 0);
    const stolen = subscribe(revoked, CHANGES);
    const seen = subscribe(witness, CHANGES);
    // Both subscribed: each hears a draft change made while the token is live.
    await untilSubscribed(app.server, 2);
    const before = await createForum();
    await Promise.all([stolen.until((events) => drafts(events).includes(before)), seen.until((events) => drafts(events).includes(before))]);
    await revoke();
    const after = await createForum();
    await seen.until((events) => drafts(events).includes(after));
    await stolen.until(() => false).catch(() => undefined);
    expect(drafts(stolen.events)).toEqual([before]);
    expect(stolen.done).toBe(true);
    await ended(stolen);
  } finally {
    await revoked.dispose();
    await witness.dispose();
  }
}

describe('a token revoked while its subscriptions are open', () => {
  it('over ws: the connection is closed with 4403 and the reason before the next draft change, which it never receives', async () => {
    let closed: any;
    await revokedMidStream('revoked-ws', (token) => wsClient(app.url, token, { closed: (event) => (closed = event) }), async () => {
      expect({ code: closed?.code, reason: closed?.reason }).toEqual({ code: 4403, reason: REVOKED_REASON });
      await settles(() => app.server.subscriptions!.open().tokensHeld, 1);
    });
  });

  it('over ws: a subscribe after the revoke, on the connection opened before it, closes the connection and replays nothing', async () => {
    const { token, revoke } = await victim('revoked-replay');
    const start = changeCursor(await lastOutboxId(app.draft!));
    const draft = await createForum();
    let closed: any;
    const revoked = wsClient(app.url, token, { closed: (event) => (closed = event) });
    try {
      // While the token is live, the connection replays the draft's creation.
      const live = subscribe(revoked, CHANGES, { after: start, ids: [draft] });
      await live.until((events) => drafts(events).includes(draft));
      await revoke();
      const stolen = subscribe(revoked, CHANGES, { after: start });
      await Promise.all([stolen, live].map((feed) => feed.until(() => false).catch(() => undefined)));
      expect(stolen.events).toEqual([]);
      expect({ code: closed?.code, reason: closed?.reason }).toEqual({ code: 4403, reason: REVOKED_REASON });
    } finally {
      await revoked.dispose();
    }
  });

  it('over SSE: the stream ends with UNAUTHENTICATED before the next draft change, which it never receives', async () => {
    await revokedMidStream('revoked-sse', (token) => sseClient(app.url, { authorization: `Bearer ${token}` }), async (stolen) => {
      expect(stolen.events.at(-1)).toEqual({
        data: null,
        errors: [{ message: 'The bearer token was revoked: expected a live token to go on streaming changes; received one revoked while this stream was open.', extensions: { code: 'UNAUTHENTICATED' } }],
      });
      await settles(() => app.server.subscriptions!.open().eventStreams, 0);
    });
  });

  it('with no change to deliver: the next check of the tokens held closes the connection and ends the stream', async () => {
    const polling = await alsoServe(app, { subscriptions: { ...app.config.subscriptions, pollMs: 50 } });
    const { token, revoke } = await victim('revoked-idle');
    let closed: any;
    const overWs = wsClient(polling.url, token, { closed: (event) => (closed = event) });
    const overSse = sseClient(polling.url, { authorization: `Bearer ${token}` });
    try {
      const ws = subscribe(overWs, CHANGES);
      const sse = subscribe(overSse, CHANGES);
      // Both streams running: they hear a change first.
      await untilSubscribed(polling.server, 2);
      const before = await createForum();
      await Promise.all([ws.until((events) => drafts(events).includes(before)), sse.until((events) => drafts(events).includes(before))]);
      await revoke();
      await Promise.all([ws.until(() => false).catch(() => undefined), sse.until(() => false).catch(() => undefined)]);
      expect({ code: closed?.code, reason: closed?.reason }).toEqual({ code: 4403, reason: REVOKED_REASON });
      expect(sse.events.at(-1).errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    } finally {
      await overWs.dispose();
      overSse.dispose();
      await polling.close();
    }
  });
});

describe('the rate-limit identity of an anonymous subscriber', () => {
  const FORUM = '{ forums(first: 1) { nodes { id } } }';
  /** A server with a window of 3 points (a subscription costs 1) that never ends, and TRUST_PROXY as given. */
  const limited = (trustProxy: Config['trustProxy']) => alsoServe(app, { trustProxy, rateLimit: { points: 3, windowSeconds: 60 } }, { clock: manualClock() });

  /** Subscribes once on `client`: "allowed" when the replay comes, else the code of the refusal. */
  async function attempt(client: ReturnType<typeof wsClient>): Promise<string> {
    const feed = subscribe(client, CHANGES, await replay());
    await feed.until((events) => events.length >= 1);
    feed.stop();
    if (feed.events.length > 0) return 'allowed';
    const [error] = feed.error as { message: string; extensions: { code: string } }[];
    expect(error.message).toMatch(/^Rate limit: this subscription costs 1 points and 0 of 3 remain until .*; retry after \d+ s\.$/);
    return error.extensions.code;
  }

  /** The status of an SSE stream's answer (the stream itself is dropped). */
  async function sseStatus(url: string, headers: Record<string, string>): Promise<number> {
    const controller = new AbortController();
    const response = await fetch(`${url}?${new URLSearchParams({ query: CHANGES, variables: JSON.stringify(await replay()) })}`, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
    controller.abort();
    return response.status;
  }

  const from = (address: string) => ({ 'x-forwarded-for': address });

  it('with TRUST_PROXY, counts each client by its X-Forwarded-For over ws, SSE and HTTP alike', async () => {
    const server = await limited(['loopback']);
    const first = wsClient(server.url, undefined, { headers: from('203.0.113.1') });
    const second = wsClient(server.url, undefined, { headers: from('203.0.113.2') });
    try {
      const spent: string[] = [];
      for (let i = 0; i < 4; i += 1) spent.push(await attempt(first));
      expect(spent).toEqual(['allowed', 'allowed', 'allowed', 'RATE_LIMITED']);
      // Another address behind the same proxy has a window of its own.
      expect(await attempt(second)).toBe('allowed');
      // The first address's window is the one its HTTP requests and SSE streams are counted in.
      expect((await server.post({ query: FORUM }, { headers: from('203.0.113.1') })).body.errors?.[0].extensions.code).toBe('RATE_LIMITED');
      expect(await sseStatus(server.url, from('203.0.113.1'))).toBe(429);
      expect(await sseStatus(server.url, from('203.0.113.2'))).toBe(200);
      expect((await server.post({ query: FORUM }, { headers: from('203.0.113.3') })).status).toBe(200);
    } finally {
      await Promise.all([first.dispose(), second.dispose()]);
      await server.close();
    }
  });

  it('without TRUST_PROXY, a forged X-Forwarded-For does not buy a new window over ws or SSE', async () => {
    const server = await limited(false);
    const first = wsClient(server.url, undefined, { headers: from('203.0.113.1') });
    const forged = wsClient(server.url, undefined, { headers: from('198.51.100.9') });
    const bare = wsClient(server.url);
    try {
      const spent: string[] = [];
      for (let i = 0; i < 3; i += 1) spent.push(await attempt(first));
      expect(spent).toEqual(['allowed', 'allowed', 'allowed']);
      expect([await attempt(forged), await attempt(bare)]).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
      expect(await sseStatus(server.url, from('198.51.100.10'))).toBe(429);
    } finally {
      await Promise.all([first.dispose(), forged.dispose(), bare.dispose()]);
      await server.close();
    }
  });
});

describe('the caps of subscriptions, through real sockets', () => {
  let capped: Awaited<ReturnType<typeof alsoServe>>;
  const open = () => capped.server.subscriptions!.open();
  const TOO_MANY = {
    status: 503,
    body: { errors: [{ message: 'Too many subscription connections: expected at most 3 WebSockets and streams together (MAX_SUBSCRIPTION_CONNECTIONS); received one more. Retry later.', extensions: { code: 'TOO_MANY_CONNECTIONS' } }] },
  };

  beforeAll(async () => {
    capped = await alsoServe(app, { subscriptions: { ...app.config.subscriptions, maxConnections: 3, perConnection: 2 } });
  });
  afterAll(() => capped?.close());
  afterEach(() => settles(open, { webSockets: 0, eventStreams: 0, subscribers: 0, tokensHeld: 0 }));

  /** An SSE stream of contentChanged held open; `abort` drops it. */
  async function stream(headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; abort: () => void }> {
    const controller = new AbortController();
    const response = await fetch(`${capped.url}?${new URLSearchParams({ query: CHANGES })}`, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
    const body = /json/.test(response.headers.get('content-type') ?? '') ? await response.json() : null;
    return { status: response.status, body, abort: () => controller.abort() };
  }

  /** The bytes of an SSE GET on a raw socket, which the test then cuts. */
  async function rawStream(token: string): Promise<RawSocket> {
    const raw = await connect(Number(new URL(capped.url).port));
    raw.socket.write(`GET /graphql?${new URLSearchParams({ query: CHANGES })} HTTP/1.1\r\nhost: 127.0.0.1\r\naccept: text/event-stream\r\nauthorization: Bearer ${token}\r\n\r\n`);
    while (!/^HTTP\/1\.1 200 /.test(raw.received().toString('latin1'))) await sleep(5);
    return raw;
  }

  it('refuses the connection past MAX_SUBSCRIPTION_CONNECTIONS, WebSockets and streams together, and a close frees its slot', async () => {
    const first = await protocolSocket(capped.url);
    const second = await protocolSocket(capped.url);
    const third = await stream();
    let again: ProtocolSocket | null = null;
    try {
      expect(third.status).toBe(200);
      await settles(() => [open().webSockets, open().eventStreams], [2, 1]);
      expect(await refusedUpgrade(capped.url)).toEqual(TOO_MANY);
      const refusedStream = await stream();
      expect({ status: refusedStream.status, body: refusedStream.body }).toEqual(TOO_MANY);
      first.socket.close(1000);
      await first.closed;
      await settles(() => open().webSockets, 1);
      again = await protocolSocket(capped.url);
      expect(await refusedUpgrade(capped.url)).toEqual(TOO_MANY);
    } finally {
      for (const socket of [first, second, again]) socket?.socket.close(1000);
      third.abort();
    }
  });

  it('counts nothing for clients that vanish without a close frame: their slots, subscriptions and tokens are freed', async () => {
    const sockets = [await protocolSocket(capped.url, editor), await protocolSocket(capped.url)];
    for (const socket of sockets) socket.send({ id: '1', type: 'subscribe', payload: { query: CHANGES } });
    const raw = await rawStream(editor);
    await settles(open, { webSockets: 2, eventStreams: 1, subscribers: 3, tokensHeld: 2 });
    // ws's terminate(): the TCP connection is destroyed, no close frame sent; the stream is reset.
    for (const socket of sockets) socket.socket.terminate();
    raw.socket.resetAndDestroy();
    await settles(open, { webSockets: 0, eventStreams: 0, subscribers: 0, tokensHeld: 0 });
    // All three slots are free again, and no more.
    const next = [await protocolSocket(capped.url, editor), await protocolSocket(capped.url)];
    const streamed = await stream({ authorization: `Bearer ${editor}` });
    try {
      expect(streamed.status).toBe(200);
      expect(await refusedUpgrade(capped.url)).toEqual(TOO_MANY);
    } finally {
      for (const socket of next) socket.socket.close(1000);
      streamed.abort();
    }
  });

  it('refuses a subscription past SUBSCRIPTIONS_PER_CONNECTION with TOO_MANY_SUBSCRIPTIONS, and completing one frees its place', async () => {
    const variables = await replay();
    const socket = await protocolSocket(capped.url);
    // The first message of a subscription: its replayed change, or its refusal.
    const nextOf = (id: string) => socket.until((messages) => messages.some((message) => message.id === id));
    try {
      for (const id of ['a', 'b', 'c']) socket.send({ id, type: 'subscribe', payload: { query: CHANGES, variables } });
      await Promise.all(['a', 'b', 'c'].map(nextOf));
      const byId = (id: string) => socket.messages.filter((message) => message.id === id).map((message) => message.type);
      expect([byId('a'), byId('b'), byId('c')]).toEqual([['next'], ['next'], ['error']]);
      expect(socket.messages.find((message) => message.id === 'c').payload).toEqual([
        {
          message: 'Too many subscriptions on one connection: expected at most 2 at once (SUBSCRIPTIONS_PER_CONNECTION); received one more. Complete some, or open another connection.',
          extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: 2 },
        },
      ]);
      socket.send({ id: 'a', type: 'complete' });
      await settles(() => open().subscribers, 1);
      socket.send({ id: 'd', type: 'subscribe', payload: { query: CHANGES, variables } });
      await nextOf('d');
      expect(byId('d')).toEqual(['next']);
    } finally {
      socket.socket.close(1000);
    }
  });
});

describe('a subscriber that stops reading', () => {
  // Each change is made large (500 aliases of its tags, about 70 kB), so the socket buffers between
  // the server and a client that stopped reading fill after a few dozen changes.
  const queueLength = 40;
  const LARGE = `subscription { contentChanged { cursor ${Array.from({ length: 500 }, (_, i) => `t${i}: tags`).join(' ')} } }`;
  const overflowMessage = (cursor: string) => `The subscriber fell behind: expected it to take the changes as they come, at most ${queueLength} waiting; received more. Subscribe again with after: "${cursor}" to miss nothing.`;
  let server: Awaited<ReturnType<typeof alsoServe>>;
  const open = () => server.server.subscriptions!.open();

  beforeAll(async () => {
    server = await alsoServe(app, {
      subscriptions: { ...app.config.subscriptions, queueLength },
      limits: { ...app.config.limits, maxAliases: 1_000, maxFieldRepeats: 1_000 },
    });
  });
  afterAll(() => server?.close());

  /**
   * Imports of 20 forums each (one write: 20 changes read together, under the queue), each awaited
   * by `reader` (a client that reads), until the feed has dropped one of its `subscribers`; at
   * most 50 imports (1,000 changes, 25 queues). Resolves with the changes written.
   */
  async function writeUntilDropped(subscribers: number, reader: ProtocolSocket): Promise<number> {
    let written = 0;
    for (let batch = 0; batch < 50 && open().subscribers === subscribers; batch += 1) {
      const forumsOfBatch = Array.from({ length: 20 }, (_, i) => ({ key: `overflow-${Date.now()}-${batch}-${i}`, title: `Форум переполнения ${batch}-${i}`, region: 'RU-BU', sources: ['news-main'] }));
      const imported = dataOf(await server.gql('mutation ($input: ImportInput!) { importContent(input: $input) { userErrors { message } } }', { input: { format: 'JSON', data: JSON.stringify({ forums: forumsOfBatch }) } }, { token: editor }));
      expect(imported.importContent.userErrors).toEqual([]);
      written += 20;
      await reader.until((messages) => messages.filter((message) => message.type === 'next').length >= written);
    }
    return written;
  }

  it('over ws: is ended with FEED_OVERFLOW and its last cursor, the server holding at most its queue, while a reader beside it gets every change', async () => {
    const stuck = await protocolSocket(server.url, editor);
    const reader = await protocolSocket(server.url, editor);
    try {
      stuck.send({ id: 'stuck', type: 'subscribe', payload: { query: LARGE } });
      reader.send({ id: 'reader', type: 'subscribe', payload: { query: CHANGES } });
      await settles(() => open().subscribers, 2);
      stuck.socket.pause();
      const written = await writeUntilDropped(2, reader);
      // Dropped by the feed, its queue with it; its connection is still open, holding what the socket holds.
      expect(open()).toEqual({ webSockets: 2, eventStreams: 0, subscribers: 1, tokensHeld: 2 });
      expect(reader.messages.filter((message) => message.type === 'next')).toHaveLength(written);
      stuck.socket.resume();
      await stuck.until((messages) => messages.some((message) => message.type === 'complete'));
      const changes = stuck.messages.filter((message) => message.type === 'next' && !message.payload.errors);
      const [last, complete] = stuck.messages.slice(-2);
      expect(changes.length).toBeLessThan(written);
      const cursor = changes.at(-1).payload.data.contentChanged.cursor;
      expect(last).toEqual({ id: 'stuck', type: 'next', payload: { data: null, errors: [{ message: overflowMessage(cursor), path: ['contentChanged'], extensions: { code: 'FEED_OVERFLOW', cursor } }] } });
      expect(complete).toEqual({ id: 'stuck', type: 'complete' });
    } finally {
      stuck.socket.terminate();
      reader.socket.close(1000);
    }
  }, 60_000);

  it('over SSE: a raw socket that stops reading is ended with FEED_OVERFLOW, its last id the cursor to resume from', async () => {
    const reader = await protocolSocket(server.url, editor);
    const raw = await connect(Number(new URL(server.url).port));
    try {
      reader.send({ id: 'reader', type: 'subscribe', payload: { query: CHANGES } });
      const body = JSON.stringify({ query: LARGE });
      // HTTP/1.0: the stream comes unchunked, as its events.
      raw.socket.write(`POST /graphql HTTP/1.0\r\nhost: 127.0.0.1\r\naccept: text/event-stream\r\ncontent-type: application/json\r\nauthorization: Bearer ${editor}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      await settles(() => [open().subscribers, open().eventStreams], [2, 1]);
      raw.socket.pause();
      const written = await writeUntilDropped(2, reader);
      // Ended at once, its slot and token released; the socket holds what was written before the end.
      expect(open()).toEqual({ webSockets: 1, eventStreams: 0, subscribers: 1, tokensHeld: 1 });
      raw.socket.resume();
      await raw.closed;
      const text = raw.received().toString('utf8');
      expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      const events = text
        .slice(text.indexOf('\r\n\r\n') + 4)
        .split('\n\n')
        .filter(Boolean)
        .map((block) => Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()])));
      const changes = events.filter((event) => event.event === 'next' && event.id);
      const [last, complete] = events.slice(-2);
      expect(changes.length).toBeLessThan(written);
      const cursor = changes.at(-1)!.id;
      const message = `The stream fell behind: expected its client to read the changes as they come, at most ${queueLength} waiting; received more. Reconnect with Last-Event-ID to miss nothing.`;
      expect({ event: last.event, data: JSON.parse(last.data) }).toEqual({ event: 'next', data: { data: null, errors: [{ message, extensions: { code: 'FEED_OVERFLOW', cursor } }] } });
      expect(complete).toEqual({ event: 'complete', data: '' });
    } finally {
      raw.socket.destroy();
      reader.socket.close(1000);
    }
  }, 60_000);
});
