import { createToken } from '../src/modules/auth/auth.tokens';
import { lastOutboxId, outboxIdsOf, readOutbox } from '../src/modules/writes/outbox';
import { toGlobalId } from '../src/shared/global-id';
import { type TestApp, dataOf, startTestApp } from './support/app';
import { BURYATIA, FORUM_MUTATIONS, NEWS_SOURCE as SOURCE } from './support/forums';

/*
 * The change outbox: every write appends its rows (one per record and stage it changed) in its
 * own transaction, in one order across both stages; a refused or rolled-back write appends
 * nothing; the seed loader's initial load appends nothing.
 */

let app: TestApp;
let editor: string;
let publisher: string;

beforeAll(async () => {
  app = await startTestApp({ draft: true });
  editor = await createToken(app.database.dataSource, app.database.dialect, 'outbox-editor', 'EDITOR');
  publisher = await createToken(app.database.dataSource, app.database.dialect, 'outbox-publisher', 'PUBLISHER');
}, 90_000);
afterAll(() => app?.close());

const { create: CREATE, update: UPDATE, publish: PUBLISH, unpublish: UNPUBLISH, delete: DELETE } = FORUM_MUTATIONS;

/** The outbox rows appended since `after`, as lines (the id left out), and the newest cursor. */
async function since(after: number): Promise<string[]> {
  const rows = await readOutbox(app.draft!, { after, limit: 1000 });
  // The cursor increases by the row, whatever the stage.
  expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b));
  return rows.map((r) => `${r.action} ${r.type}:${r.key} ${r.stage} v${r.version} ${r.globalId === toGlobalId(r.type, r.key) ? 'id' : 'WRONG ID'} [${r.tags.join(' ')}]`);
}

describe('the change outbox', () => {
  it('starts empty: the initial load of the seeds is where the feed starts, not a change in it', async () => {
    expect(await lastOutboxId(app.draft!)).toBe(0);
    // Only the drafts' database keeps rows; the published one's table stays empty.
    const [row] = await app.database.read('SELECT COUNT(*) AS n FROM change_outbox', []);
    expect(Number(row.n)).toBe(0);
  });

  it('gets the rows of create, update, publish, unpublish and delete, in order, each once', async () => {
    const start = await lastOutboxId(app.draft!);
    const created = dataOf(await app.gql(CREATE, { input: { title: 'Форум ленты', regionId: BURYATIA, sourceIds: [SOURCE] } }, { token: editor })).createForum;
    expect(created.userErrors).toEqual([]);
    const id = created.forum.id;
    const tags = `[${id} list:Forum]`;
    // Where the forum joins or leaves a stage, it begins or stops referencing its region and source:
    // their answers (a region's forums) change with it. An edit that keeps them tags the forum alone.
    const joins = `[${id} list:Forum ${BURYATIA} ${SOURCE}]`;
    expect(await since(start)).toEqual([`CREATE Forum:forum-lenty DRAFT v1 id ${joins}`]);

    expect(dataOf(await app.gql(UPDATE, { input: { id, expectedVersion: 1, set: { city: 'Кяхта' } } }, { token: editor })).updateForum.userErrors).toEqual([]);
    expect(dataOf(await app.gql(PUBLISH, { input: { targets: [{ id, expectedVersion: 2 }] } }, { token: publisher })).publish.userErrors).toEqual([]);
    expect(dataOf(await app.gql(UNPUBLISH, { input: { targets: [{ id, expectedVersion: 2 }] } }, { token: publisher })).unpublish.userErrors).toEqual([]);
    expect(dataOf(await app.gql(PUBLISH, { input: { targets: [{ id, expectedVersion: 2 }] } }, { token: publisher })).publish.userErrors).toEqual([]);
    expect(dataOf(await app.gql(DELETE, { input: { id, expectedVersion: 2 } }, { token: publisher })).deleteForum.userErrors).toEqual([]);
    expect(await since(start)).toEqual([
      `CREATE Forum:forum-lenty DRAFT v1 id ${joins}`,
      `UPDATE Forum:forum-lenty DRAFT v2 id ${tags}`,
      `PUBLISH Forum:forum-lenty PUBLISHED v2 id ${joins}`,
      `UNPUBLISH Forum:forum-lenty PUBLISHED v2 id ${joins}`,
      `PUBLISH Forum:forum-lenty PUBLISHED v2 id ${joins}`,
      // A delete of a published record: the drafts first, then the published stage.
      `DELETE Forum:forum-lenty DRAFT v3 id ${joins}`,
      `DELETE Forum:forum-lenty PUBLISHED v3 id ${joins}`,
    ]);
    const [last] = await readOutbox(app.draft!, { after: (await lastOutboxId(app.draft!)) - 1, limit: 10 });
    expect(new Date(last.at).toISOString()).toBe(last.at);
  });

  it('gets one row per record of a publish of several, parents first, and reads by stage and type', async () => {
    const start = await lastOutboxId(app.draft!);
    const forum = dataOf(await app.gql(CREATE, { input: { title: 'Форум пары', regionId: BURYATIA, sourceIds: [SOURCE] } }, { token: editor })).createForum.forum;
    const session = dataOf(
      await app.gql('mutation ($input: CreateSessionInput!) { createSession(input: $input) { session { id } userErrors { code } } }', { input: { title: 'Сессия пары', kind: 'PLENARY', forumId: forum.id, sourceIds: [SOURCE] } }, { token: editor }),
    ).createSession.session;
    expect(dataOf(await app.gql(PUBLISH, { input: { targets: [{ id: session.id, expectedVersion: 1 }, { id: forum.id, expectedVersion: 1 }] } }, { token: publisher })).publish.userErrors).toEqual([]);
    const lines = await since(start);
    expect(lines.map((l) => l.split(' [')[0])).toEqual([
      'CREATE Forum:forum-pary DRAFT v1 id',
      'CREATE Session:sessiya-pary DRAFT v1 id',
      'PUBLISH Forum:forum-pary PUBLISHED v1 id',
      'PUBLISH Session:sessiya-pary PUBLISHED v1 id',
    ]);
    const published = await readOutbox(app.draft!, { after: start, limit: 10, stage: 'PUBLISHED', types: ['Session'] });
    expect(published.map((r) => `${r.action} ${r.key}`)).toEqual(['PUBLISH sessiya-pary']);
  });

  it('gets nothing from a refused write, a write that changes nothing, or one rolled back', async () => {
    const created = dataOf(await app.gql(CREATE, { input: { title: 'Форум тишины', regionId: BURYATIA, sourceIds: [SOURCE] } }, { token: editor })).createForum;
    const start = await lastOutboxId(app.draft!);
    const stale = dataOf(await app.gql(UPDATE, { input: { id: created.forum.id, expectedVersion: 7, set: { title: 'Поздно' } } }, { token: editor })).updateForum;
    expect(stale.userErrors.map((e: { code: string }) => e.code)).toEqual(['CONFLICT']);
    const same = dataOf(await app.gql(UPDATE, { input: { id: created.forum.id, expectedVersion: 1, set: { title: 'Форум тишины' } } }, { token: editor })).updateForum;
    expect(same).toEqual({ forum: { id: created.forum.id, version: 1 }, userErrors: [] });
    const taken = dataOf(await app.gql(CREATE, { input: { title: 'Форум тишины', sourceIds: [SOURCE] } }, { token: editor })).createForum;
    expect(taken.userErrors.map((e: { code: string }) => e.code)).toEqual(['DUPLICATE_KEY']);
    const unpublished = dataOf(await app.gql(UNPUBLISH, { input: { targets: [{ id: created.forum.id, expectedVersion: 1 }] } }, { token: publisher })).unpublish;
    expect(unpublished.userErrors.map((e: { code: string }) => e.code)).toEqual(['NOT_FOUND']);
    // A publish refused as a whole: one target is fine, the other at a stale version.
    const refused = dataOf(await app.gql(PUBLISH, { input: { targets: [{ id: created.forum.id, expectedVersion: 1 }, { id: created.forum.id.slice(0, -1), expectedVersion: 1 }] } }, { token: publisher })).publish;
    expect(refused.userErrors.length).toBeGreaterThan(0);
    // A handler after the outbox's fails: the write and its rows roll back together.
    const off = app.server.writeEvents.onWrite('in-transaction', async () => {
      throw new Error('a later handler fails');
    });
    try {
      const failed = await app.gql(UPDATE, { input: { id: created.forum.id, expectedVersion: 1, set: { city: 'Кяхта' } } }, { token: editor });
      expect(failed.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
      const publishFailed = await app.gql(PUBLISH, { input: { targets: [{ id: created.forum.id, expectedVersion: 1 }] } }, { token: publisher });
      expect(publishFailed.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
    } finally {
      off();
    }
    expect(await since(start)).toEqual([]);
    // And the same writes, without the failing handler, append as they should.
    expect(dataOf(await app.gql(UPDATE, { input: { id: created.forum.id, expectedVersion: 1, set: { city: 'Кяхта' } } }, { token: editor })).updateForum.userErrors).toEqual([]);
    expect((await since(start)).map((l) => l.split(' [')[0])).toEqual(['UPDATE Forum:forum-tishiny DRAFT v2 id']);
  });

  it('gets one IMPORT row per record an import writes, in its order (past one statement of rows), none from a dry run; the write knows their ids', async () => {
    const IMPORT = 'mutation ($input: ImportInput!) { importContent(input: $input) { counts { type created } userErrors { code } } }';
    const forums = Array.from({ length: 150 }, (_, i) => ({ key: `outbox-import-${String(i).padStart(3, '0')}`, title: `Импорт ленты ${i}`, organizers: ['minprosveshcheniya'], sources: ['news-main'] }));
    const start = await lastOutboxId(app.draft!);
    const dry = dataOf(await app.gql(IMPORT, { input: { format: 'JSON', data: JSON.stringify({ forums }), dryRun: true } }, { token: editor })).importContent;
    expect(dry).toEqual({ counts: [{ type: 'Forum', created: 150 }], userErrors: [] });
    expect(await since(start)).toEqual([]);
    // What the after-commit handlers are told of the rows each event was appended as.
    const told: string[] = [];
    const off = app.server.writeEvents.onWrite('after-commit', (events) => {
      const ids = outboxIdsOf(events);
      told.push(...events.map((event, at) => `${ids[at]} ${event.key}`));
    });
    try {
      const done = dataOf(await app.gql(IMPORT, { input: { format: 'JSON', data: JSON.stringify({ forums }) } }, { token: editor })).importContent;
      expect(done).toEqual({ counts: [{ type: 'Forum', created: 150 }], userErrors: [] });
    } finally {
      off();
    }
    const lines = await since(start);
    expect(lines).toHaveLength(150);
    expect(lines.map((l) => l.split(' ').slice(0, 4).join(' '))).toEqual(forums.map((f) => `IMPORT Forum:${f.key} DRAFT v1`));
    expect(told).toEqual((await readOutbox(app.draft!, { after: start, limit: 1000 })).map((row) => `${row.id} ${row.key}`));
  });
});
