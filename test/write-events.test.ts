import type { WriteEvent } from '../src/modules/writes/write-events';
import { toGlobalId } from '../src/shared/global-id';
import { type TestApp, dataOf, startTestApp, tokens } from './support/app';

/*
 * The write side's events, as the server's requests emit them (what the derived data, the
 * response cache and, next, subscriptions and webhooks follow), and the request's loaders after
 * a write: a later read of the same operation sees what the write left.
 */

let app: TestApp;
let editor: string;
let publisher: string;

beforeAll(async () => {
  app = await startTestApp({ draft: true });
  ({ editor, publisher } = await tokens(app, 'events'));
}, 90_000);
afterAll(() => app?.close());

const SOURCE = toGlobalId('Publication', 'news-main');
const BURYATIA = toGlobalId('Region', 'RU-BU');
const IRKUTSK = toGlobalId('Region', 'RU-IRK');
const CREATE = 'mutation ($input: CreateForumInput!) { createForum(input: $input) { forum { id version } userErrors { code message } } }';
const UPDATE = 'mutation ($input: UpdateForumInput!) { updateForum(input: $input) { forum { id version } userErrors { code message } } }';
const PUBLISH = 'mutation ($input: PublishInput!) { publish(input: $input) { published { id } userErrors { code message } } }';
const DELETE = 'mutation ($input: DeleteInput!) { deleteForum(input: $input) { deletedId userErrors { code message } } }';

const line = (e: WriteEvent) => `${e.action} ${e.type}:${e.key} ${e.stage} v${e.version}`;
/** How many rows of `table` have the key `key` in `stage`, read on a connection of its own (outside any write transaction). */
async function countApart(stage: string, table: string, key: string): Promise<number> {
  const database = stage === 'DRAFT' ? app.draft! : app.database;
  expect(database.readsApart).toBe(true);
  const [row] = await database.read(`SELECT COUNT(*) AS n FROM ${table} WHERE id = ?`, [key]);
  return Number(row.n);
}

/** Subscribes to the server's write events for the length of `work`: what each phase saw. */
async function recording(work: () => Promise<void>, inTransaction?: (events: readonly WriteEvent[]) => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const events = app.server.writeEvents;
  const off = [
    events.onWrite('in-transaction', async (list, tx) => {
      for (const e of list) {
        const [inside] = await tx.manager.query(tx.dialect.placeholders('SELECT COUNT(*) AS n FROM forum WHERE id = ?'), [e.key]);
        seen.push(`in ${line(e)}: rows ${Number(inside.n)} inside, ${await countApart(e.stage, 'forum', e.key)} apart`);
      }
      await inTransaction?.(list);
    }),
    events.onWrite('after-commit', async (list, committed) => {
      for (const e of list) seen.push(`after ${line(e)} (${committed.stage}): rows ${await countApart(e.stage, 'forum', e.key)} apart`);
    }),
  ];
  try {
    await work();
  } finally {
    for (const unsubscribe of off) unsubscribe();
  }
  return seen;
}

describe('the events of a record’s writes', () => {
  it('reach the in-transaction handlers before the commit and the after-commit ones after it, one per stage written', async () => {
    let id = '';
    const seen = await recording(async () => {
      const created = dataOf(await app.gql(CREATE, { input: { title: 'Форум событий', regionId: BURYATIA, sourceIds: [SOURCE] } }, { token: editor })).createForum;
      expect(created.userErrors).toEqual([]);
      id = created.forum.id;
      expect(dataOf(await app.gql(PUBLISH, { input: { targets: [{ id, expectedVersion: 1 }] } }, { token: publisher })).publish.userErrors).toEqual([]);
      expect(dataOf(await app.gql(DELETE, { input: { id, expectedVersion: 1 } }, { token: publisher })).deleteForum).toEqual({ deletedId: id, userErrors: [] });
    });
    expect(seen).toEqual([
      'in CREATE Forum:forum-sobytiy DRAFT v1: rows 1 inside, 0 apart',
      'after CREATE Forum:forum-sobytiy DRAFT v1 (DRAFT): rows 1 apart',
      'in PUBLISH Forum:forum-sobytiy PUBLISHED v1: rows 1 inside, 0 apart',
      'after PUBLISH Forum:forum-sobytiy PUBLISHED v1 (PUBLISHED): rows 1 apart',
      // A delete of a published record: the drafts first, then the published stage.
      'in DELETE Forum:forum-sobytiy DRAFT v2: rows 0 inside, 1 apart',
      'after DELETE Forum:forum-sobytiy DRAFT v2 (DRAFT): rows 0 apart',
      'in DELETE Forum:forum-sobytiy PUBLISHED v2: rows 0 inside, 1 apart',
      'after DELETE Forum:forum-sobytiy PUBLISHED v2 (PUBLISHED): rows 0 apart',
    ]);
  });

  it('say what the record was and is', async () => {
    const events: WriteEvent[] = [];
    const off = app.server.writeEvents.onWrite('after-commit', (list) => void events.push(...list));
    try {
      const created = dataOf(await app.gql(CREATE, { input: { title: 'Форум двух версий', regionId: BURYATIA, sourceIds: [SOURCE] } }, { token: editor })).createForum;
      dataOf(await app.gql(UPDATE, { input: { id: created.forum.id, expectedVersion: 1, set: { regionId: IRKUTSK } } }, { token: editor }));
    } finally {
      off();
    }
    const document = { key: 'forum-dvukh-versiy', title: 'Форум двух версий', organizers: [], sources: ['news-main'] };
    expect(events).toEqual([
      { type: 'Forum', key: 'forum-dvukh-versiy', action: 'CREATE', stage: 'DRAFT', version: 1, before: null, after: { ...document, region: 'RU-BU' } },
      { type: 'Forum', key: 'forum-dvukh-versiy', action: 'UPDATE', stage: 'DRAFT', version: 2, before: { ...document, region: 'RU-BU' }, after: { ...document, region: 'RU-IRK' } },
    ]);
  });

  it('roll the write back where an in-transaction handler fails, and reach no after-commit handler', async () => {
    const search = `{ search(query: "откатов", stage: DRAFT) { totalCount } }`;
    const seen = await recording(
      async () => {
        const failed = await app.gql(CREATE, { input: { title: 'Форум откатов', regionId: BURYATIA, sourceIds: [SOURCE] } }, { token: editor });
        expect(failed.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
      },
      async () => {
        throw new Error('the outbox is full');
      },
    );
    expect(seen).toEqual(['in CREATE Forum:forum-otkatov DRAFT v1: rows 1 inside, 0 apart']);
    expect(await countApart('DRAFT', 'forum', 'forum-otkatov')).toBe(0);
    const [state] = await app.draft!.read("SELECT COUNT(*) AS n FROM record_state WHERE node_type = 'Forum' AND node_id = 'forum-otkatov'", []);
    expect(Number(state.n)).toBe(0);
    // Its search documents went with it (they were written in the transaction, before the failing handler).
    expect(dataOf(await app.gql(search, undefined, { token: editor })).search.totalCount).toBe(0);
    // Nothing of it stayed: the same key is free, and the write goes through without the handler.
    const again = dataOf(await app.gql(CREATE, { input: { title: 'Форум откатов', regionId: BURYATIA, sourceIds: [SOURCE] } }, { token: editor })).createForum;
    expect(again).toEqual({ forum: { id: toGlobalId('Forum', 'forum-otkatov'), version: 1 }, userErrors: [] });
    expect(dataOf(await app.gql(search, undefined, { token: editor })).search.totalCount).toBe(1);
  });

  it('are not emitted by a refused write, nor by one that changes nothing', async () => {
    const created = dataOf(await app.gql(CREATE, { input: { title: 'Форум отказов', regionId: BURYATIA, sourceIds: [SOURCE] } }, { token: editor })).createForum;
    const seen = await recording(async () => {
      const stale = dataOf(await app.gql(UPDATE, { input: { id: created.forum.id, expectedVersion: 7, set: { title: 'Поздно' } } }, { token: editor })).updateForum;
      expect(stale.userErrors.map((e: { code: string }) => e.code)).toEqual(['CONFLICT']);
      const same = dataOf(await app.gql(UPDATE, { input: { id: created.forum.id, expectedVersion: 1, set: { title: 'Форум отказов' } } }, { token: editor })).updateForum;
      expect(same).toEqual({ forum: { id: created.forum.id, version: 1 }, userErrors: [] });
      const taken = dataOf(await app.gql(CREATE, { input: { title: 'Форум отказов', sourceIds: [SOURCE] } }, { token: editor })).createForum;
      expect(taken.userErrors.map((e: { code: string }) => e.code)).toEqual(['DUPLICATE_KEY']);
      const unpublished = dataOf(await app.gql(PUBLISH.replace('publish(', 'unpublish(').replace('publish {', 'unpublish {'), { input: { targets: [{ id: created.forum.id, expectedVersion: 1 }] } }, { token: publisher }));
      expect(unpublished.unpublish.userErrors.map((e: { code: string }) => e.code)).toEqual(['NOT_FOUND']);
    });
    expect(seen).toEqual([]);
  });
});

describe('the request’s loaders after a write', () => {
  const FORUM = 'title version region { name } revisions(first: 10) { totalCount } sessions(first: 100) { totalCount }';

  it('read a record a mutation of the same operation changed after an earlier one read it', async () => {
    const created = dataOf(await app.gql(CREATE, { input: { title: 'Форум загрузчиков', regionId: BURYATIA, sourceIds: [SOURCE] } }, { token: editor })).createForum;
    const answer = dataOf(
      await app.gql(
        `mutation ($id: ID!, $irkutsk: ID!) {
          first: updateForum(input: { id: $id, expectedVersion: 1, set: { title: "Форум загрузчиков I" } }) { forum { ${FORUM} } userErrors { code } }
          second: updateForum(input: { id: $id, expectedVersion: 2, set: { title: "Форум загрузчиков II", regionId: $irkutsk } }) { forum { ${FORUM} } userErrors { code } }
        }`,
        { id: created.forum.id, irkutsk: IRKUTSK },
        { token: editor },
      ),
    );
    expect(answer).toEqual({
      first: { forum: { title: 'Форум загрузчиков I', version: 2, region: { name: 'Бурятия' }, revisions: { totalCount: 2 }, sessions: { totalCount: 0 } }, userErrors: [] },
      second: { forum: { title: 'Форум загрузчиков II', version: 3, region: { name: 'Иркутская' }, revisions: { totalCount: 3 }, sessions: { totalCount: 0 } }, userErrors: [] },
    });
  });

  it('read the lists a write changed, of records other than the one written', async () => {
    const created = dataOf(await app.gql(CREATE, { input: { title: 'Форум списков', regionId: BURYATIA, sourceIds: [SOURCE] } }, { token: editor })).createForum;
    const answer = dataOf(
      await app.gql(
        `mutation ($id: ID!) {
          before: updateForum(input: { id: $id, expectedVersion: 1, set: { city: "Кяхта" } }) { forum { sessions(first: 100) { totalCount nodes { title } } } }
          created: createSession(input: { title: "Сессия списков", kind: PLENARY, forumId: $id, sourceIds: ["${SOURCE}"] }) {
            session { title forum { city sessions(first: 100) { totalCount nodes { title } } } }
            userErrors { code }
          }
        }`,
        { id: created.forum.id },
        { token: editor },
      ),
    );
    expect(answer).toEqual({
      before: { forum: { sessions: { totalCount: 0, nodes: [] } } },
      created: { session: { title: 'Сессия списков', forum: { city: 'Кяхта', sessions: { totalCount: 1, nodes: [{ title: 'Сессия списков' }] } } }, userErrors: [] },
    });
  });
});
