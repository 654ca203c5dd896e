import Redis from 'ioredis';
import { type HttpAnswer, type TestApp, alsoServe, captureLogger, dataOf, startTestApp, tokens } from './support/app';
import { REDIS_URL, describeWith } from './support/services';

/**
 * A publish drops exactly the cached answers holding what it changed (their Cache-Tag: the
 * records' IDs, `list:<Type>` of their root lists; a change's tags: the record, its type's lists,
 * and the records it began or stopped referencing) and keeps the others; in memory, and in Redis
 * shared by two instances, where a publish on one drops the answer for the other.
 */

const PAGE = 'query Page($id: ID!) { node(id: $id) { id ... on Forum { title sessions(first: 20) { nodes { id title } } } } }';
const ORGANIZATIONS = { query: '{ organizations(first: 3) { totalCount nodes { id } } }' };
const FORUMS = { query: '{ forums(first: 2) { totalCount } }' };
const SEARCH = { query: '{ search(query: "форум", first: 1) { totalCount } }' };
const PUBLISH = 'mutation ($input: PublishInput!) { publish(input: $input) { userErrors { code message } } }';

type Client = Pick<TestApp, 'post' | 'gql'>;
/** Whether the answer came from the cache (a hit says how old it is). */
const hit = (answer: HttpAnswer) => answer.headers.get('age') !== null;
const page = (id: string) => ({ query: PAGE, variables: { id } });

/**
 * Asks until the answer is a hit: an answer is kept once it has gone out, so with Redis the next
 * request may come before the store has it (at most 50 tries, 20 ms apart).
 */
async function untilHit(client: Client, body: unknown): Promise<void> {
  for (let tries = 0; tries < 50; tries++) {
    if (hit(await client.post(body))) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`expected ${JSON.stringify(body).slice(0, 80)} to be answered from the cache within 50 tries; it never was`);
}

interface Forum {
  id: string;
  sessions: { nodes: { id: string }[] };
}

/** Two forums with sessions, read with a token (never cached). */
async function twoForums(client: Client, token: string): Promise<[Forum, Forum]> {
  const forums = dataOf(await client.gql<{ forums: { nodes: Forum[] } }>('{ forums(first: 20) { nodes { id sessions(first: 5) { nodes { id } } } } }', {}, { token })).forums.nodes;
  const withSessions = forums.filter((forum) => forum.sessions.nodes.length > 0);
  expect(withSessions.length).toBeGreaterThanOrEqual(2);
  return [withSessions[0], withSessions[1]];
}

/** Changes a title of record `id` in the drafts, then publishes it: one PUBLISHED event of that record. */
async function changeAndPublish(client: Client, type: 'Session' | 'Forum', id: string, tokensOf: { editor: string; publisher: string }): Promise<void> {
  const read = dataOf(await client.gql(`query ($id: ID!) { node(id: $id, stage: DRAFT) { ... on ${type} { version title } } }`, { id }, { token: tokensOf.editor })).node;
  const update = `mutation ($input: Update${type}Input!) { update${type}(input: $input) { ${type.toLowerCase()} { version } userErrors { code message } } }`;
  const updated = dataOf(await client.gql(update, { input: { id, expectedVersion: read.version, set: { title: `${read.title} (изм.)` } } }, { token: tokensOf.editor }));
  const payload = updated[`update${type}`];
  expect(payload.userErrors).toEqual([]);
  const version = payload[type.toLowerCase()].version;
  expect(dataOf(await client.gql(PUBLISH, { input: { targets: [{ id, expectedVersion: version }] } }, { token: tokensOf.publisher })).publish.userErrors).toEqual([]);
}

/** Primes A's and B's pages, the organisations, the forums and a search on `reader`; then checks what `first`'s publishes drop. */
async function dropsExactly(first: Client, reader: Client, token: { editor: string; publisher: string }): Promise<void> {
  const [a, b] = await twoForums(first, token.editor);
  const requests = [page(a.id), page(b.id), ORGANIZATIONS, FORUMS, SEARCH];
  for (const body of requests) expect(hit(await reader.post(body))).toBe(false);
  for (const body of requests) await untilHit(reader, body);

  await changeAndPublish(first, 'Session', a.sessions.nodes[0].id, token);
  const afterSession = await Promise.all(requests.map((body) => reader.post(body)));
  // A's page held the session: dropped, and answered anew with the new title; B, the lists: kept.
  // The search's tags cannot name what it depends on: every publish drops it.
  expect(afterSession.map(hit)).toEqual([false, true, true, true, false]);
  expect(JSON.stringify(afterSession[0].body.data)).toContain('(изм.)');
  for (const body of requests) await untilHit(reader, body);

  await changeAndPublish(first, 'Forum', b.id, token);
  const afterForum = await Promise.all(requests.map((body) => reader.post(body)));
  // B's page (its ID) and the list of forums (list:Forum) dropped; A's page and the organisations kept.
  expect(afterForum.map(hit)).toEqual([true, false, true, false, false]);
  for (const body of requests) await untilHit(reader, body);

  // A session of B moves to A: neither page held a tag of A's new session, yet both change. The
  // change tags the forums the session stopped and began referencing: both pages dropped.
  const moved = b.sessions.nodes[0].id;
  const read = dataOf(await first.gql('query ($id: ID!) { node(id: $id, stage: DRAFT) { ... on Session { version } } }', { id: moved }, { token: token.editor })).node;
  const update = 'mutation ($input: UpdateSessionInput!) { updateSession(input: $input) { session { version } userErrors { code message } } }';
  const updated = dataOf(await first.gql(update, { input: { id: moved, expectedVersion: read.version, set: { forumId: a.id } } }, { token: token.editor })).updateSession;
  expect(updated.userErrors).toEqual([]);
  expect(dataOf(await first.gql(PUBLISH, { input: { targets: [{ id: moved, expectedVersion: updated.session.version }] } }, { token: token.publisher })).publish.userErrors).toEqual([]);
  const afterMove = await Promise.all(requests.map((body) => reader.post(body)));
  expect(afterMove.map(hit)).toEqual([false, false, true, true, false]);
  expect(JSON.stringify(afterMove[0].body.data)).toContain(moved);
  expect(JSON.stringify(afterMove[1].body.data)).not.toContain(moved);
}

const ENV = { RESPONSE_CACHE_SECONDS: '60', RATE_LIMIT_POINTS: '0' };

describe('a publish drops exactly the cached answers it made stale (memory)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ draft: true, env: ENV });
  }, 60_000);
  afterAll(() => app?.close());

  it('drops the page holding a published session, and the lists of a published forum\'s type; keeps the rest', async () => {
    await dropsExactly(app, app, await tokens(app, 'purge'));
  }, 60_000);
});

describeWith('redis')('a publish drops exactly the cached answers it made stale (Redis, two instances)', () => {
  const prefix = `test:response-cache:${process.pid}:${Date.now().toString(36)}:`;
  let app: TestApp;
  let second: Awaited<ReturnType<typeof alsoServe>>;
  const redis = new Redis(REDIS_URL);
  beforeAll(async () => {
    app = await startTestApp({ draft: true, env: { ...ENV, REDIS_URL, RESPONSE_CACHE_REDIS_PREFIX: prefix } });
    second = await alsoServe(app, {});
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await app?.close();
    // Only this test's keys: a SCAN by its prefix (the server itself never scans).
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) if ((keys as string[]).length > 0) await redis.unlink(...(keys as string[]));
    redis.disconnect();
  });

  it('shares the answers: one instance stores, the other answers from Redis', async () => {
    const body = { query: '{ clusters(first: 2) { totalCount nodes { id } } }' };
    expect(hit(await app.post(body))).toBe(false);
    await untilHit(app, body);
    const other = await second.post(body);
    expect(hit(other)).toBe(true);
    expect(other.body.extensions.sql.statements).toBe(0);
    expect(await redis.exists(`${prefix}purges`)).toBe(0);
  });

  it('a publish on one instance drops the answers the other reads, and only those', async () => {
    await dropsExactly(app, second, await tokens(app, 'purge-redis'));
    expect(Number(await redis.get(`${prefix}purges`))).toBe(3);
  }, 60_000);
});

describe('the response cache with Redis down', () => {
  it('answers every request (a miss), with one warning in the log', async () => {
    const { logger, lines } = captureLogger();
    // Nothing listens on port 1.
    const app = await startTestApp({ env: { ...ENV, REDIS_URL: 'redis://127.0.0.1:1' }, logger });
    try {
      for (let i = 0; i < 2; i++) {
        const answer = await app.post(FORUMS);
        expect(answer.status).toBe(200);
        expect(answer.body.data.forums.totalCount).toBe(4);
        expect(hit(answer)).toBe(false);
      }
      // One warning for the two failed lookups: while Redis is down it says so once per 10 s, not per request.
      expect(lines.filter((line) => line.level === 40 && /response cache: Redis unavailable/.test(line.msg))).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
