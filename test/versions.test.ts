import { openDatabase } from '../src/db/data-source';
import { followWrites } from '../src/derived-data';
import { ENTITIES } from '../src/entities';
import { publishRecords, unpublishRecords } from '../src/modules/writes/write-publish';
import { fromGlobalId, toGlobalId } from '../src/shared/global-id';
import { contentTables, openDraft } from '../src/stages';
import { type TestApp, dataOf, startTestApp, tokens } from './support/app';

/*
 * Versions never repeat for a key, and one change of the published stage is written once: a key
 * deleted and created again continues its sequence, and racing publishes (or unpublishes) of one
 * version, in one server or from another process, write one revision.
 */

let app: TestApp;
let editor: string;
let publisher: string;
const SOURCE = toGlobalId('Publication', 'news-main');

beforeAll(async () => {
  app = await startTestApp({ draft: true });
  ({ editor, publisher } = await tokens(app, 'versions'));
}, 90_000);
afterAll(() => app?.close());

const PAYLOAD = 'forum { id version stage liveSince } userErrors { path code message }';
const CREATE = `mutation ($input: CreateForumInput!) { createForum(input: $input) { ${PAYLOAD} } }`;
const UPDATE = `mutation ($input: UpdateForumInput!) { updateForum(input: $input) { ${PAYLOAD} } }`;
const DELETE = 'mutation ($input: DeleteInput!) { deleteForum(input: $input) { deletedId userErrors { path code message } } }';
const PUBLISH = 'mutation ($input: PublishInput!) { publish(input: $input) { published { id } userErrors { path code message } } }';
const UNPUBLISH = 'mutation ($input: PublishInput!) { unpublish(input: $input) { published { id } userErrors { path code message } } }';
const IMPORT = 'mutation ($input: ImportInput!) { importContent(input: $input) { counts { created updated } userErrors { code message } } }';

async function write(query: string, input: Record<string, unknown>, token = editor) {
  return Object.values(dataOf(await app.gql(query, { input }, { token })))[0] as Record<string, any>;
}

async function revisionsOf(id: string): Promise<{ action: string; version: number }[]> {
  const read = dataOf(await app.gql("{ revisions(first: 100) { nodes { nodeId action version } } }", undefined, { token: editor }));
  return read.revisions.nodes.filter((r: { nodeId: string }) => r.nodeId === id).map(({ action, version }: { action: string; version: number }) => ({ action, version }));
}

async function draftOf(id: string) {
  return dataOf(await app.gql(`{ node(id: "${id}", stage: DRAFT) { ... on Forum { version stage liveSince } } }`, undefined, { token: editor })).node;
}

describe('a key deleted and created again', () => {
  const id = toGlobalId('Forum', 'forum-dvuh-zhiznei');
  const input = { key: 'forum-dvuh-zhiznei', title: 'Форум двух жизней', sourceIds: [SOURCE] };

  beforeAll(async () => {
    expect((await write(CREATE, input)).forum.version).toBe(1);
    expect((await write(UPDATE, { id, expectedVersion: 1, set: { theme: 'Первая жизнь' } })).forum.version).toBe(2);
    expect(await write(DELETE, { id, expectedVersion: 2 }, publisher)).toEqual({ deletedId: id, userErrors: [] });
  });

  it('re-created key continues its versions', async () => {
    const created = await write(CREATE, input);
    expect(created).toEqual({ forum: { id, version: 4, stage: 'DRAFT', liveSince: null }, userErrors: [] });
    expect((await write(UPDATE, { id, expectedVersion: 4, set: { theme: 'Вторая жизнь' } })).forum.version).toBe(5);
    expect(await revisionsOf(id)).toEqual([
      { action: 'UPDATE', version: 5 },
      { action: 'CREATE', version: 4 },
      { action: 'DELETE', version: 3 },
      { action: 'UPDATE', version: 2 },
      { action: 'CREATE', version: 1 },
    ]);
  });

  it('a version from the deleted life is CONFLICT', async () => {
    const stale = await write(UPDATE, { id, expectedVersion: 2, set: { theme: 'Из прошлой жизни' } });
    expect(stale.userErrors).toEqual([
      { path: ['input', 'expectedVersion'], code: 'CONFLICT', message: 'expected version 2, but the record is at version 5: someone changed it since; read it again' },
    ]);
    expect((await write(PUBLISH, { targets: [{ id, expectedVersion: 1 }] }, publisher)).userErrors.map((e: { code: string }) => e.code)).toEqual(['CONFLICT']);
    expect((await write(DELETE, { id, expectedVersion: 2 }, publisher)).userErrors.map((e: { code: string }) => e.code)).toEqual(['CONFLICT']);
    expect(await draftOf(id)).toEqual({ version: 5, stage: 'DRAFT', liveSince: null });
  });

  it('an imported key continues its versions after a delete', async () => {
    expect(await write(DELETE, { id, expectedVersion: 5 }, publisher)).toEqual({ deletedId: id, userErrors: [] });
    const imported = await write(IMPORT, { format: 'JSON', data: JSON.stringify({ forums: [{ key: 'forum-dvuh-zhiznei', title: 'Форум третьей жизни', sources: ['news-main'] }] }) });
    expect(imported).toEqual({ counts: [{ created: 1, updated: 0 }], userErrors: [] });
    expect((await draftOf(id)).version).toBe(7);
    expect((await revisionsOf(id)).slice(0, 2)).toEqual([
      { action: 'IMPORT', version: 7 },
      { action: 'DELETE', version: 6 },
    ]);
  });
});

describe('one version published or unpublished by racing calls', () => {
  async function racing(query: string, id: string, version: number) {
    const answers = await Promise.all(Array.from({ length: 5 }, () => app.gql(query, { input: { targets: [{ id, expectedVersion: version }] } }, { token: publisher })));
    return answers.map((a) => Object.values(dataOf(a))[0] as { published: { id: string }[]; userErrors: { code: string }[] });
  }

  it('five racing publishes of one version write one PUBLISH revision', async () => {
    const { forum } = await write(CREATE, { title: 'Форум пяти публикаций', sourceIds: [SOURCE] });
    const answers = await racing(PUBLISH, forum.id, 1);
    expect(answers).toEqual(Array.from({ length: 5 }, () => ({ published: [{ id: forum.id }], userErrors: [] })));
    expect(await revisionsOf(forum.id)).toEqual([
      { action: 'PUBLISH', version: 1 },
      { action: 'CREATE', version: 1 },
    ]);
    const { liveSince } = await draftOf(forum.id);
    expect(liveSince).toMatch(/^\d{4}-\d\d-\d\dT/);
    // A publish of the version published already, later, is the same no-op: liveSince stays.
    expect(await write(PUBLISH, { targets: [{ id: forum.id, expectedVersion: 1 }] }, publisher)).toEqual({ published: [{ id: forum.id }], userErrors: [] });
    expect(await draftOf(forum.id)).toEqual({ version: 1, stage: 'PUBLISHED', liveSince });
    expect(dataOf(await app.gql(`{ node(id: "${forum.id}") { ... on Forum { liveSince } } }`)).node).toEqual({ liveSince });
    expect((await revisionsOf(forum.id)).filter((r) => r.action === 'PUBLISH')).toHaveLength(1);
  });

  it('five racing unpublishes of one version write one UNPUBLISH revision', async () => {
    const { forum } = await write(CREATE, { title: 'Форум пяти снятий', sourceIds: [SOURCE] });
    expect((await write(PUBLISH, { targets: [{ id: forum.id, expectedVersion: 1 }] }, publisher)).userErrors).toEqual([]);
    const answers = await racing(UNPUBLISH, forum.id, 1);
    expect(answers.filter((a) => a.userErrors.length === 0)).toEqual([{ published: [{ id: forum.id }], userErrors: [] }]);
    expect(answers.flatMap((a) => a.userErrors)).toEqual(
      Array.from({ length: 4 }, () => ({ path: ['input', 'targets', '0', 'id'], code: 'NOT_FOUND', message: `${forum.id} is not published` })),
    );
    expect(await revisionsOf(forum.id)).toEqual([
      { action: 'UNPUBLISH', version: 1 },
      { action: 'PUBLISH', version: 1 },
      { action: 'CREATE', version: 1 },
    ]);
  });

  it('a publish racing another process’s publish of one version writes one PUBLISH revision', async () => {
    const { forum } = await write(CREATE, { title: 'Форум двух процессов', sourceIds: [SOURCE] });
    // A second pair of connections, as `npm run import -- --publish` would open: its writes are
    // not queued behind the server's, so only the transaction can tell that the version is published.
    const published = await openDatabase(app.config.database, { entities: ENTITIES });
    const draft = await openDraft(published, app.config.database, contentTables(ENTITIES), { entities: ENTITIES });
    try {
      const other = { published, draft, actor: 'other-process', events: followWrites() };
      const server = { published: app.database, draft: app.draft!, actor: 'server', events: followWrites() };
      const targets = [{ id: forum.id, expectedVersion: 1 }];
      const results = await Promise.all([publishRecords(other, targets), publishRecords(server, targets), publishRecords(other, targets), publishRecords(server, targets)]);
      expect(results.map((r) => r.userErrors)).toEqual([[], [], [], []]);
      expect(results.flatMap((r) => r.changed)).toEqual([{ type: 'Forum', key: fromGlobalId(forum.id).key, version: 1 }]);
      expect((await revisionsOf(forum.id)).filter((r) => r.action === 'PUBLISH')).toHaveLength(1);
      const unpublished = await Promise.all([unpublishRecords(other, targets), unpublishRecords(server, targets)]);
      expect(unpublished.flatMap((r) => r.changed)).toHaveLength(1);
      expect(unpublished.flatMap((r) => r.userErrors.map((e) => e.code))).toEqual(['NOT_FOUND']);
    } finally {
      await draft.close();
      await published.close();
    }
  });
});

describe('a record that came with the first drafts', () => {
  const published = (sql: string, params: unknown[] = []) => app.database.dataSource.query(app.database.dialect.placeholders(sql), params);
  const liveOf = async (id: string, stage: 'DRAFT' | 'PUBLISHED') =>
    dataOf(await app.gql(`{ node(id: "${id}", stage: ${stage}) { ... on Forum { version stage liveSince } } }`, undefined, { token: editor })).node;

  it('has no state row in the published stage: version 1, live since the stage began, until it is published again', async () => {
    const [{ id: key }] = await published('SELECT id FROM forum ORDER BY id LIMIT 1');
    const id = toGlobalId('Forum', key);
    const origins = await published('SELECT live_since FROM stage_origin');
    expect(origins).toHaveLength(1);
    const origin = String(origins[0].live_since);
    expect(origin).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await published("SELECT node_id FROM record_state WHERE node_type = 'Forum' AND node_id = ?", [key])).toEqual([]);
    // Both stages say the same of it: the drafts keep its row, the published stage implies it.
    expect(await liveOf(id, 'PUBLISHED')).toEqual({ version: 1, stage: 'PUBLISHED', liveSince: origin });
    expect(await liveOf(id, 'DRAFT')).toEqual({ version: 1, stage: 'PUBLISHED', liveSince: origin });

    expect((await write(UPDATE, { id, expectedVersion: 1, set: { theme: 'Тема после первых черновиков' } })).forum).toEqual({ id, version: 2, stage: 'DRAFT', liveSince: origin });
    expect(await liveOf(id, 'PUBLISHED')).toEqual({ version: 1, stage: 'PUBLISHED', liveSince: origin });
    expect(await write(PUBLISH, { targets: [{ id, expectedVersion: 2 }] }, publisher)).toEqual({ published: [{ id }], userErrors: [] });
    const after = await liveOf(id, 'PUBLISHED');
    expect(after).toEqual({ version: 2, stage: 'PUBLISHED', liveSince: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(after.liveSince > origin).toBe(true);
    expect(await liveOf(id, 'DRAFT')).toEqual(after);
    expect(await published("SELECT version, published_version FROM record_state WHERE node_type = 'Forum' AND node_id = ?", [key])).toEqual([{ version: 2, published_version: 2 }]);
  });
});
