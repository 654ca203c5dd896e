import { revokeToken } from '../src/modules/auth/auth.tokens';
import { changeCursor } from '../src/modules/changes/changes.resolver';
import { lastOutboxId } from '../src/modules/writes/outbox';
import { toGlobalId } from '../src/shared/global-id';
import { REVOKED_REASON } from '../src/subscriptions/ws';
import { type TestApp, alsoServe, dataOf, startTestApp, tokens } from './support/app';
import { sleep } from './support/raw-http';
import { sseClient, subscribe, wsClient } from './support/subscriptions';

/*
 * Subscriptions as an attacker holds them: a token revoked while its connection stays open.
 * Real graphql-ws and graphql-sse clients against a listening server. The feed's poll is an hour
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

const SOURCE = toGlobalId('Publication', 'news-main');
const BURYATIA = toGlobalId('Region', 'RU-BU');
const CREATE = 'mutation ($input: CreateForumInput!) { createForum(input: $input) { forum { id } userErrors { code message } } }';
const CHANGES = 'subscription ($ids: [ID!], $after: String) { contentChanged(ids: $ids, after: $after) { cursor recordId action stage } }';

let forums = 0;
/** A new draft forum, made by the (live) EDITOR: its global ID. */
async function createForum(): Promise<string> {
  forums += 1;
  const created = dataOf(await app.gql(CREATE, { input: { title: `Форум отзыва ${forums} ${Date.now()}`, regionId: BURYATIA, sourceIds: [SOURCE] } }, { token: editor })).createForum;
  expect(created.userErrors).toEqual([]);
  return created.forum.id;
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

const drafts = (events: any[]) => events.filter((event) => event.data?.contentChanged?.stage === 'DRAFT').map((event) => event.data.contentChanged.recordId);

describe('a token revoked while its subscriptions are open', () => {
  it('over ws: the connection is closed with 4403 and the reason before the next draft change, which it never receives', async () => {
    const { token, revoke } = await victim('revoked-ws');
    let closed: any;
    const revoked = wsClient(app.url, token, { closed: (event) => (closed = event) });
    const witness = wsClient(app.url, editor);
    try {
      const stolen = subscribe(revoked, CHANGES);
      const seen = subscribe(witness, CHANGES);
      // Both subscribed: each hears a draft change made while the token is live.
      const before = await createForum();
      await Promise.all([stolen.until((events) => drafts(events).includes(before)), seen.until((events) => drafts(events).includes(before))]);
      await revoke();
      const after = await createForum();
      await seen.until((events) => drafts(events).includes(after));
      await stolen.until(() => false).catch(() => undefined);
      expect(drafts(stolen.events)).toEqual([before]);
      expect(stolen.done).toBe(true);
      expect({ code: closed?.code, reason: closed?.reason }).toEqual({ code: 4403, reason: REVOKED_REASON });
      await settles(() => app.server.subscriptions!.open().tokensHeld, 1);
    } finally {
      await Promise.all([revoked.dispose(), witness.dispose()]);
    }
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
    const { token, revoke } = await victim('revoked-sse');
    const revoked = sseClient(app.url, { authorization: `Bearer ${token}` });
    const witness = wsClient(app.url, editor);
    try {
      const stolen = subscribe(revoked, CHANGES);
      const seen = subscribe(witness, CHANGES);
      const before = await createForum();
      await Promise.all([stolen.until((events) => drafts(events).includes(before)), seen.until((events) => drafts(events).includes(before))]);
      await revoke();
      const after = await createForum();
      await seen.until((events) => drafts(events).includes(after));
      await stolen.until(() => false).catch(() => undefined);
      expect(drafts(stolen.events)).toEqual([before]);
      expect(stolen.done).toBe(true);
      expect(stolen.events.at(-1)).toEqual({
        data: null,
        errors: [{ message: 'The bearer token was revoked: expected a live token to go on streaming changes; received one revoked while this stream was open.', extensions: { code: 'UNAUTHENTICATED' } }],
      });
      await settles(() => app.server.subscriptions!.open().eventStreams, 0);
    } finally {
      revoked.dispose();
      await witness.dispose();
    }
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
