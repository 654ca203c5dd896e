import fs from 'node:fs';
import { createToken } from '../src/modules/auth/auth.tokens';
import { ENTITIES } from '../src/entities';
import { WRITE_KINDS } from '../src/modules/writes/write-kinds';
import { tableOf } from '../src/shared/entity-table';
import sqlite3 from 'sqlite3';
import { DRAFT_SCHEMA, copyFirstDraftsAhead, draftConfigOf, partialDraftsOf } from '../src/db/draft-location';
import { type SetUpLock, lockSetUp } from '../src/db/set-up-lock';
import type { FileCopy } from '../src/db/sqlite-copy';
import { contentTables, openDraft } from '../src/stages';
import { type TestApp, startTestApp } from './support/app';

/*
 * The draft stage opens over any published database: a new one, and one whose drafts were lost.
 * On SQLite the first drafts are a copy of the published file, finished under a name of its own;
 * on PostgreSQL they are copied by SQL. Either way they hold what the published stage holds,
 * with the origin, the revisions and the documents of drafts just made, and nothing of what only
 * the published stage keeps.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ draft: true });
}, 90_000);
afterAll(() => app?.close());

type Queryable = { dataSource: { query: (sql: string) => Promise<{ n: number | string }[]> } };

async function count(database: Queryable, sql: string): Promise<number> {
  return Number((await database.dataSource.query(sql))[0].n);
}

/** Removes the drafts of `app` as a lost disk or a DROP would. */
async function loseDrafts(): Promise<void> {
  await app.draft?.close();
  app.draft = null;
  const draftConfig = draftConfigOf(app.config.database);
  if (draftConfig.kind === 'sqlite') {
    if (app.config.database.kind === 'sqlite') await app.database.dataSource.query('DETACH DATABASE draft');
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(draftConfig.path + suffix, { force: true });
  } else {
    await app.database.dataSource.query('DROP SCHEMA draft CASCADE');
  }
}

const reopen = () => openDraft(app.database, app.config.database, contentTables(ENTITIES), { entities: ENTITIES });

it('makes the drafts anew from the published records when they are lost, keeping the published state', async () => {
  const forums = await count(app.database, 'SELECT COUNT(*) AS n FROM forum');
  let records = 0;
  for (const kind of WRITE_KINDS) records += await count(app.database, `SELECT COUNT(*) AS n FROM ${tableOf(kind.entity)}`);
  // The published stage keeps states only for what editors published: the seed records have none.
  expect(await count(app.database, 'SELECT COUNT(*) AS n FROM record_state')).toBe(0);
  const [origin] = await app.database.dataSource.query('SELECT live_since FROM stage_origin');
  const indexed = await count(app.database, 'SELECT COUNT(*) AS n FROM search_document');
  await createToken(app.database.dataSource, app.database.dialect, 'drafts-open-admin', 'ADMIN');
  await loseDrafts();
  const draft = await reopen();
  try {
    expect(await count(draft, 'SELECT COUNT(*) AS n FROM forum')).toBe(forums);
    // Neither stage keeps a state row for them (no documents were given): each keeps the
    // published stage's origin, which new drafts keep too.
    expect(await count(draft, 'SELECT COUNT(*) AS n FROM record_state')).toBe(0);
    expect(await draft.dataSource.query('SELECT live_since FROM stage_origin')).toEqual([origin]);
    expect(await app.database.dataSource.query('SELECT live_since FROM stage_origin')).toEqual([origin]);
    expect(await count(app.database, 'SELECT COUNT(*) AS n FROM record_state')).toBe(0);
    // One IMPORT revision a record, at version 1, and the derived data as the published stage's.
    expect(await count(draft, "SELECT COUNT(*) AS n FROM revision WHERE action = 'IMPORT' AND version = 1")).toBe(records);
    expect(await count(draft, 'SELECT COUNT(*) AS n FROM revision')).toBe(records);
    expect(await count(draft, 'SELECT COUNT(*) AS n FROM search_document')).toBe(indexed);
    // What only the published stage keeps is not copied into the drafts.
    expect(await count(app.database, 'SELECT COUNT(*) AS n FROM api_token')).toBeGreaterThan(0);
    expect(await count(draft, 'SELECT COUNT(*) AS n FROM api_token')).toBe(0);
    expect(await count(draft, 'SELECT COUNT(*) AS n FROM change_outbox')).toBe(0);
  } finally {
    await draft.close();
  }
});

it('on PostgreSQL, fills the drafts with every index and constraint of the published stage made again', async () => {
  if (app.config.database.kind !== 'postgres') return;
  await loseDrafts();
  const draft = await reopen();
  try {
    // The published stage's schema is the connection's first (public); the drafts' is `draft`.
    const shape = async (schema: string) => ({
      indexes: (await app.database.dataSource.query(`SELECT indexname, replace(indexdef, ' ON ${schema}.', ' ON ') AS definition FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname`, [schema])) as unknown[],
      constraints: (await app.database.dataSource.query(
        `SELECT t.relname, c.conname, c.contype, c.convalidated, regexp_replace(pg_get_constraintdef(c.oid), 'REFERENCES (draft|public)\\.', 'REFERENCES ') AS definition
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid WHERE c.connamespace = $1::regnamespace ORDER BY t.relname, c.conname`,
        [schema],
      )) as unknown[],
    });
    const published = await shape('public');
    expect(published.indexes.length).toBeGreaterThan(40);
    expect(published.constraints.length).toBeGreaterThan(40);
    expect(await shape(DRAFT_SCHEMA)).toEqual(published);
    expect(await count(draft, 'SELECT COUNT(*) AS n FROM forum')).toBe(await count(app.database, 'SELECT COUNT(*) AS n FROM forum'));
  } finally {
    await draft.close();
  }
});

it('gives the drafts the documents of the records it knows, by key, and none to the rest', async () => {
  const [forum] = (await app.database.dataSource.query('SELECT id, title FROM forum ORDER BY id LIMIT 1')) as { id: string; title: string }[];
  await loseDrafts();
  const draft = await openDraft(app.database, app.config.database, contentTables(ENTITIES), {
    entities: ENTITIES,
    documents: () => new Map([['Forum', [{ key: forum.id, title: 'известный документ' }, { key: 'no-such-forum', title: 'нет такого' }]]]),
  });
  try {
    // A state row for the record with a document, and none for the others (implied).
    const rows: { node_id: string; document: string | null; version: number; published_version: number; live_since: string }[] = await draft.dataSource.query(
      'SELECT node_id, document, version, published_version, live_since FROM record_state',
    );
    const [origin] = await app.database.dataSource.query('SELECT live_since FROM stage_origin');
    expect(rows.map((row) => [row.node_id, JSON.parse(row.document!).title, Number(row.version), Number(row.published_version), row.live_since])).toEqual([
      [forum.id, 'известный документ', 1, 1, origin.live_since],
    ]);
    expect(await count(draft, "SELECT COUNT(*) AS n FROM record_state WHERE node_id = 'no-such-forum'")).toBe(0);
  } finally {
    await draft.close();
  }
});

it('on SQLite, removes the half copy a crash left and leaves no copy under another name', async () => {
  const draftConfig = draftConfigOf(app.config.database);
  if (draftConfig.kind !== 'sqlite') return;
  const forums = await count(app.database, 'SELECT COUNT(*) AS n FROM forum');
  await loseDrafts();
  fs.writeFileSync(`${draftConfig.path}.partial`, 'half a copy, cut by a crash');
  fs.writeFileSync(`${draftConfig.path}-wal`, 'a log of drafts that are gone');
  const draft = await reopen();
  try {
    expect(await count(draft, 'SELECT COUNT(*) AS n FROM forum')).toBe(forums);
    expect(fs.existsSync(`${draftConfig.path}.partial`)).toBe(false);
    const [{ journal_mode }] = await draft.dataSource.query('PRAGMA journal_mode');
    expect(journal_mode).toBe('wal');
  } finally {
    await draft.close();
  }
});

describe('on SQLite, the first drafts copied ahead (begun by the entry point before the modules load)', () => {
  /** The set-up locks the copies ahead took, let go after each test (start-up lets go once the drafts are made). */
  const locks: SetUpLock[] = [];
  afterEach(async () => {
    for (const lock of locks.splice(0)) await lock.release();
  });

  /** Begins the copy as the entry point does, with the drafts lost, and tags the copy it made with a table of its own. */
  async function copyAhead(): Promise<FileCopy> {
    await loseDrafts();
    const ahead = copyFirstDraftsAhead(app.config.database);
    await ahead.copying;
    const lock = await ahead.lock;
    expect(lock).not.toBeNull();
    locks.push(lock!);
    const copy = await ahead.copied;
    expect(copy).not.toBeNull();
    const tagged = new sqlite3.Database(copy!.to);
    await new Promise<void>((resolve, reject) => tagged.exec('CREATE TABLE copied_ahead (x)', (error) => (error ? reject(error) : resolve())));
    await new Promise<void>((resolve) => tagged.close(() => resolve()));
    return copy!;
  }

  const tagged = async (draft: Queryable) => count(draft, "SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'copied_ahead'");

  it('takes the copy when nothing was committed to the published file since', async () => {
    if (app.config.database.kind !== 'sqlite') return;
    const forums = await count(app.database, 'SELECT COUNT(*) AS n FROM forum');
    const copiedAhead = await copyAhead();
    const draft = await openDraft(app.database, app.config.database, contentTables(ENTITIES), { entities: ENTITIES, copiedAhead });
    try {
      expect(await tagged(draft)).toBe(1);
      expect(await count(draft, 'SELECT COUNT(*) AS n FROM forum')).toBe(forums);
      expect(await count(draft, "SELECT COUNT(*) AS n FROM revision WHERE action = 'IMPORT'")).toBeGreaterThan(0);
      expect(fs.existsSync(copiedAhead.to)).toBe(false);
    } finally {
      await draft.close();
    }
  });

  it('copies anew when something was committed to the published file after the copy', async () => {
    if (app.config.database.kind !== 'sqlite') return;
    const copiedAhead = await copyAhead();
    const [forum] = (await app.database.dataSource.query('SELECT id FROM forum ORDER BY id LIMIT 1')) as { id: string }[];
    await app.database.dataSource.query("UPDATE forum SET title = 'записано после копии' WHERE id = ?", [forum.id]);
    const draft = await openDraft(app.database, app.config.database, contentTables(ENTITIES), { entities: ENTITIES, copiedAhead });
    try {
      expect(await tagged(draft)).toBe(0);
      expect(await draft.dataSource.query('SELECT title FROM forum WHERE id = ?', [forum.id])).toEqual([{ title: 'записано после копии' }]);
    } finally {
      await draft.close();
    }
  });

  it('begins no copy where the drafts exist', async () => {
    if (app.config.database.kind !== 'sqlite') return;
    const draft = await reopen();
    try {
      const ahead = copyFirstDraftsAhead(app.config.database);
      await ahead.copying;
      expect(await ahead.lock).toBeNull();
      expect(await ahead.copied).toBeNull();
      expect(fs.existsSync(partialDraftsOf((draftConfigOf(app.config.database) as { path: string }).path))).toBe(false);
    } finally {
      await draft.close();
    }
  });

  it('begins nothing, and leaves the partial copy alone, while another process sets the database up', async () => {
    if (app.config.database.kind !== 'sqlite') return;
    await loseDrafts();
    // Another process holds the set-up lock and is making the drafts' partial copy.
    const other = await lockSetUp(app.config.database, 0);
    const partial = partialDraftsOf((draftConfigOf(app.config.database) as { path: string }).path);
    fs.writeFileSync(partial, "the other process's copy, half made");
    try {
      const ahead = copyFirstDraftsAhead(app.config.database);
      await ahead.copying;
      expect(await ahead.lock).toBeNull();
      expect(await ahead.copied).toBeNull();
      expect(fs.readFileSync(partial, 'utf8')).toBe("the other process's copy, half made");
    } finally {
      await other!.release();
    }
    // Once it lets go, start-up makes the drafts anew.
    const draft = await reopen();
    await draft.close();
    expect(fs.existsSync(partial)).toBe(false);
  });
});

it('on SQLite, copies the drafts by SQL where the file cannot be copied, the search index with them', async () => {
  if (app.config.database.kind !== 'sqlite') return;
  await loseDrafts();
  // A write left in the log, and a reader holding a snapshot of it: the log cannot be emptied,
  // so the file cannot be copied consistently.
  const [forum] = (await app.database.dataSource.query('SELECT id FROM forum ORDER BY id LIMIT 1')) as { id: string }[];
  await app.database.dataSource.query("UPDATE forum SET title = 'записано до снимка' WHERE id = ?", [forum.id]);
  // A table of the published file alone: a copy of the file would carry it, drafts made by SQL not.
  await app.database.dataSource.query('CREATE TABLE made_by_hand (x)');
  const reader = new sqlite3.Database(app.config.database.path, sqlite3.OPEN_READONLY);
  const readerQuery = (sql: string) => new Promise<unknown[]>((resolve, reject) => reader.all(sql, (error, rows) => (error ? reject(error) : resolve(rows))));
  await readerQuery('BEGIN');
  await readerQuery('SELECT COUNT(*) FROM forum');
  try {
    // The copy ahead, begun before the modules load, does not wait for the reader (start-up's own
    // connection waits up to 5 s): it is not made, and the modules load at once.
    const ahead = copyFirstDraftsAhead(app.config.database);
    const waited = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 2_500).unref());
    expect(await Promise.race([ahead.copying.then(() => ahead.copied), waited])).toBeNull();
    await (await ahead.lock)?.release();
    const draft = await reopen();
    try {
      expect(await count(draft, "SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'made_by_hand'")).toBe(0);
      expect(await draft.dataSource.query('SELECT title FROM forum WHERE id = ?', [forum.id])).toEqual([{ title: 'записано до снимка' }]);
      // The index copied whole, finding what the published one finds.
      await draft.dataSource.query("INSERT INTO search_index (search_index) VALUES ('integrity-check')");
      const matches = async (database: Queryable) => count(database, `SELECT COUNT(*) AS n FROM search_index WHERE search_index MATCH '"проф" *'`);
      expect(await matches(app.database)).toBeGreaterThan(0);
      expect(await matches(draft)).toBe(await matches(app.database));
      expect(await count(draft, 'SELECT COUNT(*) AS n FROM search_index')).toBe(await count(app.database, 'SELECT COUNT(*) AS n FROM search_index'));
    } finally {
      await draft.close();
    }
  } finally {
    await readerQuery('ROLLBACK');
    await new Promise<void>((resolve) => reader.close(() => resolve()));
    await app.database.dataSource.query('DROP TABLE made_by_hand');
  }
}, 30_000);
