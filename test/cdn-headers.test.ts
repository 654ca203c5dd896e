import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSeeds } from '../seeds/load';
import { tagsOf } from '../src/shared/cache-tags';
import { TAGS_MAX_BYTES } from '../src/execution/cdn-headers';
import { toGlobalId } from '../src/shared/global-id';
import { projectPath } from '../src/shared/paths';
import { type HttpAnswer, type TestApp, startTestApp, tokens } from './support/app';

/**
 * What a CDN needs of the answers it may keep (an anonymous query of the published stage without
 * errors): a strong ETag of the bytes sent and 304 to a matching If-None-Match, and Cache-Tag /
 * Surrogate-Key naming the records in the answer and its root lists, as the outbox tags a change.
 */

const PAGE = `query ForumPage($id: ID!) {
  node(id: $id) { id ... on Forum { title sessions(first: 20) { nodes { id title } } } }
  forums(first: 1) { nodes { id } }
  speakers(first: 1) { totalCount }
}`;

const ACCEPT = { 'apollo-require-preflight': '1', accept: 'application/json' };

const get = (app: TestApp, query: string, variables: object = {}, init: { token?: string; headers?: Record<string, string> } = {}) =>
  app.get(`/graphql?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}`, { token: init.token, headers: { ...ACCEPT, ...init.headers } });

const cacheTags = (response: HttpAnswer) => (response.headers.get('cache-tag') ?? '').split(',').filter(Boolean);
const surrogateKeys = (response: HttpAnswer) => (response.headers.get('surrogate-key') ?? '').split(' ').filter(Boolean);

function expectPrivate(response: HttpAnswer): void {
  expect(response.headers.get('cache-control')).toBe('private, no-store');
  expect(response.headers.get('etag')).toBeNull();
  expect(response.headers.get('cache-tag')).toBeNull();
  expect(response.headers.get('surrogate-key')).toBeNull();
}

describe('answers a CDN can keep', () => {
  let app: TestApp;
  let editor: string;
  let reader: string;
  let forumId: string;
  let sessionIds: string[];
  beforeAll(async () => {
    app = await startTestApp({ draft: true, env: { RESPONSE_CACHE_SECONDS: '60', RATE_LIMIT_POINTS: '0', GRAPH_DEBUG: '0' } });
    ({ editor, reader } = await tokens(app, 'cdn', ['EDITOR', 'READER']));
    const forums = await app.post({ query: '{ forums(first: 10) { nodes { id sessions(first: 20) { nodes { id } } } } }' }, { token: reader });
    const forum = (forums.body.data.forums.nodes as { id: string; sessions: { nodes: { id: string }[] } }[]).find((f) => f.sessions.nodes.length > 0)!;
    forumId = forum.id;
    sessionIds = forum.sessions.nodes.map((s) => s.id);
  }, 60_000);
  afterAll(() => app?.close());

  it('a forum page has a strong ETag, and Cache-Tag and Surrogate-Key with its records and root lists', async () => {
    const response = await get(app, PAGE, { id: forumId });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=60, stale-while-revalidate=30');
    const vary = (response.headers.get('vary') ?? '').toLowerCase();
    expect(vary).toContain('accept');
    expect(vary).toContain('authorization');
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const tags = cacheTags(response);
    expect(sessionIds.length).toBeGreaterThan(0);
    expect(tags).toEqual(expect.arrayContaining([forumId, ...sessionIds, 'list:Forum', 'list:Speaker']));
    // Nested lists are not root lists; and each tag once.
    expect(tags).not.toContain('list:Session');
    expect(new Set(tags).size).toBe(tags.length);
    // The same strings as the outbox's tags of a change to the forum: its webhook purges this answer.
    const [id, list] = tagsOf('Forum', Buffer.from(forumId, 'base64url').toString('utf8').split(':')[1]);
    expect(id).toBe(forumId);
    expect(tags).toEqual(expect.arrayContaining([id, list]));
    expect(surrogateKeys(response)).toEqual(tags);
  });

  it('the ETag is of the bytes sent: 304 without a body to a matching If-None-Match, 200 to another', async () => {
    const first = await get(app, PAGE, { id: forumId });
    const etag = first.headers.get('etag')!;
    expect(etag).toBe(`"${createHash('sha256').update(first.bytes).digest('base64url').slice(0, 27)}"`);
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await get(app, PAGE, { id: forumId }, { headers: { 'if-none-match': header } });
      expect(again.status).toBe(304);
      expect(again.bytes).toHaveLength(0);
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=60, stale-while-revalidate=30');
    }
    const changed = await get(app, PAGE, { id: forumId }, { headers: { 'if-none-match': '"not-this-one", W/"nor-this"' } });
    expect(changed.status).toBe(200);
    expect(changed.bytes.equals(first.bytes)).toBe(true);
    expect(changed.headers.get('etag')).toBe(etag);
  });

  it('with the rate limit on, the answers of two clients are the same bytes: the ETag holds and 304 comes', async () => {
    const limited = await startTestApp({ env: { RESPONSE_CACHE_SECONDS: '60', RATE_LIMIT_POINTS: '100000', GRAPH_DEBUG: '0' } });
    try {
      const first = await get(limited, PAGE, { id: forumId });
      const second = await get(limited, PAGE, { id: forumId });
      expect(first.body.extensions.cost).toMatchObject({ limit: null, remaining: null, resetAt: null });
      expect(second.bytes.equals(first.bytes)).toBe(true);
      const etag = first.headers.get('etag')!;
      const again = await get(limited, PAGE, { id: forumId }, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
    } finally {
      await limited.close();
    }
  });

  it('a POST answered from the response cache carries the same ETag and tags as the miss', async () => {
    const body = { query: PAGE, variables: { id: forumId } };
    const miss = await app.post(body);
    const hit = await app.post(body, { headers: { 'if-none-match': 'W/"x"' } });
    expect(hit.headers.get('age')).not.toBeNull();
    expect(hit.bytes.equals(miss.bytes)).toBe(true);
    expect(hit.headers.get('etag')).toBe(miss.headers.get('etag'));
    expect(cacheTags(hit)).toEqual(cacheTags(miss));
    const notModified = await app.post(body, { headers: { 'if-none-match': miss.headers.get('etag')! } });
    expect(notModified.status).toBe(304);
    expect(notModified.bytes).toHaveLength(0);
  });

  it('a token, a DRAFT read, a mutation and an answer with errors get no ETag and no tags', async () => {
    for (const token of [reader, editor]) expectPrivate(await get(app, PAGE, { id: forumId }, { token }));
    const draft = await get(app, '{ forums(stage: DRAFT, first: 2) { nodes { id } } }', {}, { token: editor });
    expect(draft.status).toBe(200);
    expectPrivate(draft);
    const mutation = await app.post({ query: `mutation { deleteForum(input: { id: "${toGlobalId('Forum', 'none')}", expectedVersion: 1 }) { userErrors { code } } }` });
    expectPrivate(mutation);
    const errors = await get(app, '{ forums(first: -1) { nodes { id } } }');
    expect(errors.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expectPrivate(errors);
    // A matching If-None-Match never turns a private answer into a 304.
    const again = await get(app, PAGE, { id: forumId }, { token: reader, headers: { 'if-none-match': '*' } });
    expect(again.status).toBe(200);
  });

  it('an answer with more IDs than 16 KB holds names their types instead, and the metric counts it', async () => {
    // 600 more speakers, with keys long enough for their IDs to pass 16 KB.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdn-seeds-'));
    try {
      fs.cpSync(projectPath('seeds'), dir, { recursive: true });
      const extra = Array.from({ length: 600 }, (_, i) => `\n- key: cdn-many-speakers-${String(i).padStart(4, '0')}\n  fullName: "Speaker ${i}"\n  affiliations: []\n  sources: [news-main]\n`);
      fs.appendFileSync(path.join(dir, 'speakers.yaml'), extra.join(''));
      await loadSeeds(app.database.dataSource, dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const cursors: (string | null)[] = [null];
    for (let page = 0; page < 6; page++) {
      const walk = await app.post({ query: 'query($after: String) { speakers(first: 100, after: $after) { pageInfo { endCursor } } }', variables: { after: cursors[page] } }, { token: reader });
      cursors.push(walk.body.data.speakers.pageInfo.endCursor);
    }
    const fields = cursors.slice(0, 6).map((after, i) => `p${i}: speakers(first: 100${after ? `, after: ${JSON.stringify(after)}` : ''}) { nodes { id } }`);
    const query = `{ ${fields.join(' ')} forums(first: 1) { nodes { id } } }`;
    const truncated = () => app.server.metrics.cacheTagsTruncated.get().then((metric) => metric.values[0]?.value ?? 0);
    const before = await truncated();
    const response = await get(app, query);
    expect(response.status).toBe(200);
    const ids = response.text.match(/"id":"[^"]+"/g) ?? [];
    expect(ids.length).toBe(601);
    expect(ids.join(',').length).toBeGreaterThan(TAGS_MAX_BYTES);
    for (const name of ['cache-tag', 'surrogate-key']) {
      const header = response.headers.get(name)!;
      expect(Buffer.byteLength(header)).toBeLessThanOrEqual(TAGS_MAX_BYTES);
    }
    // The types' tags, which the outbox puts on every change of a record of the type.
    expect(cacheTags(response).sort()).toEqual(['list:Forum', 'list:Speaker']);
    expect(surrogateKeys(response).sort()).toEqual(['list:Forum', 'list:Speaker']);
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(await truncated()).toBe(before + 1);
  }, 60_000);
});
