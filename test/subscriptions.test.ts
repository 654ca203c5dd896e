import { createHash } from 'node:crypto';
import { createToken } from '../src/modules/auth/auth.tokens';
import { createSchema } from '../src/schema';
import { createServer, listen } from '../src/server';
import { ALL_STAGES, ChangeFeed, isOverflow } from '../src/modules/changes/change-feed';
import { lastOutboxId } from '../src/modules/writes/outbox';
import { changeCursor } from '../src/modules/changes/changes.resolver';
import { type TestApp, alsoServe, dataOf, startTestApp, tokens } from './support/app';
import { BURYATIA, FORUM_MUTATIONS, NEWS_SOURCE, createDraftForum, publishRecord } from './support/forums';
import { rawEventStream, sseClient, subscribe, untilSubscribed, wsClient } from './support/subscriptions';

/*
 * Subscription.contentChanged over graphql-ws and graphql-sse, with real clients against a
 * listening server: the stage rule, the filters, `after` and Last-Event-ID replays, the limits
 * a query meets, the token, and a stop() that closes what is open.
 */

let app: TestApp;
let editor: string;
let publisher: string;
let reader: string;

beforeAll(async () => {
  app = await startTestApp({ draft: true });
  ({ editor, publisher, reader } = await tokens(app, 'subs', ['READER', 'EDITOR', 'PUBLISHER']));
}, 90_000);
afterAll(() => app?.close());

const CHANGES = `subscription ($types: [NodeKind!], $ids: [ID!], $after: String) {
  contentChanged(types: $types, ids: $ids, after: $after) { cursor recordId type action version stage at tags }
}`;

let forums = 0;
/** A new draft forum (EDITOR): its global ID. */
function createForum(): Promise<string> {
  forums += 1;
  return createDraftForum(app, editor, `Форум подписки ${forums} ${Date.now()}`);
}

const publish = (id: string, version: number, mutation: 'publish' | 'unpublish' = 'publish') => publishRecord(app, publisher, id, version, mutation);

const line = (event: any) => `${event.data.contentChanged.action} ${event.data.contentChanged.stage} v${event.data.contentChanged.version}`;
const changesOf = (events: any[], id: string) => events.filter((event) => event.data?.contentChanged.recordId === id).map(line);

describe('contentChanged over graphql-ws', () => {
  it('shows readers the published changes only, editors the drafts too, as they commit', async () => {
    await untilSubscribed(app.server, 0);
    const clients = [wsClient(app.url), wsClient(app.url, reader), wsClient(app.url, editor)];
    const [anonymous, asReader, asEditor] = clients.map((client) => subscribe(client, CHANGES));
    try {
      await untilSubscribed(app.server, 3);
      const id = await createForum();
      await publish(id, 1);
      const published = (events: any[]) => changesOf(events, id).includes('PUBLISH PUBLISHED v1');
      await Promise.all([anonymous.until(published), asReader.until(published), asEditor.until(published)]);
      expect(changesOf(anonymous.events, id)).toEqual(['PUBLISH PUBLISHED v1']);
      expect(changesOf(asReader.events, id)).toEqual(['PUBLISH PUBLISHED v1']);
      expect(changesOf(asEditor.events, id)).toEqual(['CREATE DRAFT v1', 'PUBLISH PUBLISHED v1']);
      for (const feed of [anonymous, asReader]) expect(feed.events.every((event) => event.data.contentChanged.stage === 'PUBLISHED')).toBe(true);
      const change = asEditor.events.find((event) => event.data.contentChanged.recordId === id).data.contentChanged;
      expect(change).toEqual({ cursor: expect.any(String), recordId: id, type: 'FORUM', action: 'CREATE', version: 1, stage: 'DRAFT', at: expect.any(String), tags: [id, 'list:Forum', BURYATIA, NEWS_SOURCE] });
      expect(new Date(change.at).toISOString()).toBe(change.at);
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }
  });

  it('filters by types and by ids', async () => {
    const client = wsClient(app.url, editor);
    try {
      const first = await createForum();
      await untilSubscribed(app.server, 0);
      const byId = subscribe(client, CHANGES, { ids: [first] });
      const sessions = subscribe(client, CHANGES, { types: ['SESSION'] });
      const forumsOnly = subscribe(client, CHANGES, { types: ['FORUM'] });
      await untilSubscribed(app.server, 3);
      const second = await createForum();
      dataOf(await app.gql(FORUM_MUTATIONS.update, { input: { id: first, expectedVersion: 1, set: { city: 'Кяхта' } } }, { token: editor }));
      const session = dataOf(
        await app.gql('mutation ($input: CreateSessionInput!) { createSession(input: $input) { session { id } userErrors { code } } }', { input: { title: `Сессия подписки ${Date.now()}`, kind: 'PLENARY', forumId: second, sourceIds: [NEWS_SOURCE] } }, { token: editor }),
      ).createSession.session.id;
      await sessions.until((events) => events.length >= 1);
      await forumsOnly.until((events) => changesOf(events, first).includes('UPDATE DRAFT v2'));
      await byId.until((events) => events.length >= 1);
      expect(sessions.events.map((event) => `${event.data.contentChanged.type} ${event.data.contentChanged.recordId === session}`)).toEqual(['SESSION true']);
      expect(changesOf(forumsOnly.events, second)).toEqual(['CREATE DRAFT v1']);
      expect(forumsOnly.events.every((event) => event.data.contentChanged.type === 'FORUM')).toBe(true);
      expect(byId.events.map((event) => `${event.data.contentChanged.recordId === first} ${line(event)}`)).toEqual(['true UPDATE DRAFT v2']);
    } finally {
      await client.dispose();
    }
  });

  it('replays every change after a cursor, in order, then goes on live', async () => {
    const start = changeCursor(await lastOutboxId(app.draft!));
    const id = await createForum();
    await publish(id, 1);
    await publish(id, 1, 'unpublish');
    const client = wsClient(app.url, editor);
    try {
      const replay = subscribe(client, CHANGES, { after: start });
      await replay.until((events) => events.length >= 3);
      await publish(id, 1);
      await replay.until((events) => events.length >= 4);
      expect(changesOf(replay.events, id)).toEqual(['CREATE DRAFT v1', 'PUBLISH PUBLISHED v1', 'UNPUBLISH PUBLISHED v1', 'PUBLISH PUBLISHED v1']);
      const cursors = replay.events.map((event) => event.data.contentChanged.cursor);
      expect(new Set(cursors).size).toBe(cursors.length);
      // From the second cursor: the rest, and nothing before it.
      const again = subscribe(client, CHANGES, { after: cursors[1], ids: [id] });
      await again.until((events) => events.length >= 2);
      expect(changesOf(again.events, id)).toEqual(['UNPUBLISH PUBLISHED v1', 'PUBLISH PUBLISHED v1']);
    } finally {
      await client.dispose();
    }
  });

  it('refuses a bad cursor, a bad ID and an empty types list with BAD_USER_INPUT saying what it expected', async () => {
    const client = wsClient(app.url);
    try {
      for (const [variables, argument] of [[{ after: 'nope' }, 'after'], [{ ids: ['not-an-id'] }, 'ids[0]'], [{ types: [] }, 'types']] as const) {
        const feed = subscribe(client, CHANGES, variables);
        await feed.until(() => false).catch(() => undefined);
        const errors = feed.events[0]?.errors ?? feed.error;
        expect(errors).toEqual([expect.objectContaining({ message: expect.stringMatching(new RegExp(`^${argument.replace(/[[\]]/g, '\\$&')}: expected .*; received `)), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
      }
    } finally {
      await client.dispose();
    }
  });

  it('closes the connection with 4403 and the reason for a bad token', async () => {
    for (const token of ['unknown-token', 'not a token']) {
      let closed: any;
      const client = wsClient(app.url, token, { closed: (event) => (closed = event) });
      const feed = subscribe(client, CHANGES);
      await feed.until(() => false).catch(() => undefined);
      expect(feed.done).toBe(true);
      expect(closed.code).toBe(4403);
      expect(closed.reason).toMatch(/^Forbidden: expected .*; received /);
      await client.dispose();
    }
  });

  it('refuses an over-deep document with the code a query gets, and queries over ws', async () => {
    const deep = `subscription { contentChanged { ${'a { '.repeat(16)}b${' }'.repeat(16)} } }`;
    const queryCode = (await app.gql(deep.replace('subscription', 'query'))).errors?.[0].extensions?.code;
    expect(queryCode).toBe('DEPTH_LIMIT_EXCEEDED');
    const client = wsClient(app.url);
    try {
      const refused = subscribe(client, deep);
      const query = subscribe(client, '{ forums(first: 1) { nodes { id } } }');
      await Promise.all([refused.until(() => false).catch(() => undefined), query.until(() => false).catch(() => undefined)]);
      expect((refused.error as any[])[0].extensions.code).toBe(queryCode);
      expect((query.error as any[])[0]).toEqual(expect.objectContaining({ message: expect.stringMatching(/expected a subscription operation; received a query/), extensions: { code: 'SUBSCRIPTION_REQUIRED' } }));
    } finally {
      await client.dispose();
    }
  });

  it('refuses an over-cost subscription with COST_LIMIT_EXCEEDED, as a query', async () => {
    // contentChanged costs 1 (one object); MAX_QUERY_COST's least setting is 1, so the limit is set below it here.
    const strict = await alsoServe(app, { limits: { ...app.config.limits, maxCost: 0 } });
    const client = wsClient(strict.url);
    try {
      const queryCode = (await strict.gql('{ forums(first: 50) { nodes { id title } } }')).errors?.[0].extensions?.code;
      expect(queryCode).toBe('COST_LIMIT_EXCEEDED');
      const refused = subscribe(client, CHANGES);
      await refused.until(() => false).catch(() => undefined);
      expect((refused.error as any[])[0].extensions).toEqual(expect.objectContaining({ code: queryCode, cost: 1, limit: 0 }));
    } finally {
      await client.dispose();
      await strict.close();
    }
  });
});

describe('subscription documents', () => {
  const REGISTER = 'mutation ($app: String!, $version: String!, $documents: String!) { registerTrustedDocuments(app: $app, version: $version, documents: $documents) { added } }';
  const stats = () => ({ ...app.server.subscriptions!.documents.stats });
  const refusalOf = async (client: ReturnType<typeof wsClient>, query: string) => {
    const refused = subscribe(client, query);
    await refused.until(() => false).catch(() => undefined);
    return refused.error as any[];
  };

  it('parses and validates a text once, however often it is subscribed with; another text again', async () => {
    const text = `subscription Kept${Date.now()} { contentChanged(types: [FORUM]) { cursor recordId } }`;
    const client = wsClient(app.url);
    try {
      await untilSubscribed(app.server, 0);
      const before = stats();
      const feeds = [subscribe(client, text), subscribe(client, text)];
      await untilSubscribed(app.server, 2);
      expect(stats()).toEqual({ parsed: before.parsed + 1, reused: before.reused + 1 });
      feeds.push(subscribe(client, text.replace('recordId', 'recordId version')));
      await untilSubscribed(app.server, 3);
      expect(stats()).toEqual({ parsed: before.parsed + 2, reused: before.reused + 1 });
      const id = await createForum();
      await publish(id, 1);
      await Promise.all(feeds.map((feed) => feed.until((events) => events.some((event) => event.data?.contentChanged.recordId === id))));
    } finally {
      await client.dispose();
    }
  });

  it('refuses an invalid, malformed or over-limit text every time it is sent, with the same code and message', async () => {
    const client = wsClient(app.url);
    try {
      // The limits are decided before the parse: an over-deep text is never parsed here.
      for (const [text, code, parses] of [
        [`subscription Unknown${Date.now()} { contentChanged { nope } }`, 'GRAPHQL_VALIDATION_FAILED', 2],
        [`subscription Broken${Date.now()} { contentChanged { cursor }`, 'GRAPHQL_PARSE_FAILED', 2],
        [`subscription Deep${Date.now()} { contentChanged { ${'a { '.repeat(16)}b${' }'.repeat(16)} } }`, 'DEPTH_LIMIT_EXCEEDED', 0],
      ] as const) {
        const before = stats();
        const first = await refusalOf(client, text);
        const second = await refusalOf(client, text);
        expect(first).toEqual([expect.objectContaining({ message: expect.any(String), extensions: expect.objectContaining({ code }) })]);
        expect(second).toEqual(first);
        expect(stats()).toEqual({ parsed: before.parsed + parses, reused: before.reused });
      }
    } finally {
      await client.dispose();
    }
  });

  it('serves a registered text the registry\'s parsed document, without parsing it', async () => {
    const text = `subscription Registered${Date.now()} { contentChanged(types: [FORUM]) { cursor } }`;
    const admin = await createToken(app.database.dataSource, app.database.dialect, `subs-admin-${Date.now()}`, 'ADMIN');
    const documents = JSON.stringify({ [createHash('sha256').update(text).digest('hex')]: text });
    expect((await app.gql(REGISTER, { app: 'subs', version: String(Date.now()), documents }, { token: admin })).errors).toBeUndefined();
    const client = wsClient(app.url);
    try {
      await untilSubscribed(app.server, 0);
      const before = stats();
      subscribe(client, text);
      await untilSubscribed(app.server, 1);
      expect(stats()).toEqual({ parsed: before.parsed, reused: before.reused + 1 });
    } finally {
      await client.dispose();
    }
  });
});

describe('contentChanged over graphql-sse', () => {
  it('sends each change with its cursor as the event id, and resumes from Last-Event-ID', async () => {
    const first = sseClient(app.url);
    const id = await createForum();
    await untilSubscribed(app.server, 0);
    const feed = subscribe(first, CHANGES, { ids: [id] });
    try {
      await untilSubscribed(app.server, 1);
      await publish(id, 1);
      await feed.until((events) => events.length >= 1);
    } finally {
      first.dispose();
    }
    const cursor = feed.events[0].data.contentChanged.cursor;
    // Gone: what happens meanwhile reaches the client when it comes back with the last id it had.
    await publish(id, 1, 'unpublish');
    await publish(id, 1);
    const second = sseClient(app.url, { 'last-event-id': cursor });
    const resumed = subscribe(second, CHANGES, { ids: [id] });
    try {
      await resumed.until((events) => events.length >= 2);
      expect(changesOf(resumed.events, id)).toEqual(['UNPUBLISH PUBLISHED v1', 'PUBLISH PUBLISHED v1']);
    } finally {
      second.dispose();
    }
    // The raw stream (an EventSource's GET): `id:` is the change's cursor.
    const query = new URLSearchParams({ query: CHANGES, variables: JSON.stringify({ ids: [id] }) });
    const raw = await rawEventStream(`${app.url}?${query}`, { 'last-event-id': cursor }, 2);
    expect(raw.status).toBe(200);
    const next = raw.events.filter((event) => event.event === 'next');
    expect(next.map((event) => event.id)).toEqual(next.map((event) => JSON.parse(event.data).data.contentChanged.cursor));
    expect(next.map((event) => JSON.parse(event.data).data.contentChanged.action)).toEqual(['UNPUBLISH', 'PUBLISH']);
  });

  it('answers a bad token with 401 and a bad Last-Event-ID with BAD_USER_INPUT', async () => {
    const raw = await rawEventStream(`${app.url}?${new URLSearchParams({ query: CHANGES })}`, { authorization: 'Bearer unknown-token' }, 1);
    expect(raw.status).toBe(401);
    const badCursor = await rawEventStream(`${app.url}?${new URLSearchParams({ query: CHANGES })}`, { 'last-event-id': 'garbage' }, 1);
    expect(badCursor.status).toBe(200);
    expect(JSON.parse(badCursor.events[0].data).errors[0]).toEqual(expect.objectContaining({ message: expect.stringMatching(/^Last-Event-ID: expected .*; received "garbage"/), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
  });

  it('leaves a client that merely accepts an event stream among JSON types to the JSON answer', async () => {
    // urql's Accept: every operation of a frontend using it carries text/event-stream too.
    const accept = 'application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed';
    const answer = await app.post({ query: '{ forums(first: 1) { totalCount } }' }, { headers: { accept } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(answer.body.data.forums.totalCount).toBeGreaterThan(0);
  });
});

describe('the change feed', () => {
  it('reads nothing while no one subscribes, and a first subscriber hears only what comes after it', async () => {
    // The feed's own view of the drafts' database: its reads counted, no one else's.
    const reads = jest.fn((sql: string, params: readonly unknown[]) => app.draft!.read(sql, params));
    const feed = new ChangeFeed({ drafts: { ...app.draft!, read: reads }, pollMs: 60_000, queueLength: 100 });
    try {
      await feed.start();
      reads.mockClear();
      await createForum();
      await feed.wake();
      expect(reads).not.toHaveBeenCalled();
      const stream = await feed.subscribe({ stages: ALL_STAGES, types: null, ids: null }, null);
      const id = await createForum();
      await feed.wake();
      const first = await stream.next();
      expect((first.value as { globalId: string }).globalId).toBe(id);
      await stream.return?.();
    } finally {
      await feed.stop();
    }
  });

  it('ends a subscriber that falls behind with FEED_OVERFLOW and its last cursor, holding no more than its queue', async () => {
    const feed = new ChangeFeed({ drafts: app.draft!, pollMs: 60_000, queueLength: 2 });
    try {
      const stream = await feed.subscribe({ stages: ALL_STAGES, types: null, ids: null }, null);
      for (let i = 0; i < 3; i += 1) await createForum();
      await feed.wake();
      const first = await stream.next();
      expect(isOverflow(first.value)).toBe(true);
      expect(first.value).toEqual({ overflow: true, lastId: null, queueLength: 2 });
      expect((await stream.next()).done).toBe(true);
      expect(feed.size).toBe(0);
    } finally {
      await feed.stop();
    }
  });

  it('closes open subscriptions when the server stops, cutting nothing at the deadline', async () => {
    const server = await createServer(app.config, app.database, await createSchema(), { draft: app.draft });
    const url = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}/graphql`;
    let closed: any;
    const ws = wsClient(url, editor, { closed: (event) => (closed = event) });
    const sse = sseClient(url);
    const overWs = subscribe(ws, CHANGES);
    const overSse = subscribe(sse, CHANGES);
    try {
      const id = await createForum();
      await publish(id, 1);
      await Promise.all([overWs.until((events) => events.length >= 1), overSse.until((events) => events.length >= 1)]);
      const report = await server.stop();
      expect(report?.destroyed).toBe(0);
      await Promise.all([overWs.until(() => false).catch(() => undefined), overSse.until(() => false).catch(() => undefined)]);
      expect(overWs.done && overSse.done).toBe(true);
      expect(closed.code).toBe(1001);
      expect(server.subscriptions!.open()).toEqual({ webSockets: 0, eventStreams: 0, subscribers: 0, tokensHeld: 0 });
    } finally {
      await ws.dispose();
      sse.dispose();
    }
  });
});
