import type { EntityManager } from 'typeorm';
import { loadConfig } from '../src/config';
import { type Database, openDatabase } from '../src/db/data-source';
import { PreparedStatements } from '../src/db/prepared-statements';
import { followWrites } from '../src/derived-data';
import { WriteEvents } from '../src/modules/writes/write-events';
import { writeKindOf } from '../src/modules/writes/write-kinds';
import { type RecordWrite, writeRecords } from '../src/modules/writes/write-records';
import type { RecordDocument } from '../src/modules/writes/write-rows';
import { projectPath } from '../src/shared/paths';
import { Stage } from '../src/shared/stage';
import { ENTITIES } from '../src/entities';
import { loadSeeds } from '../seeds/load';
import { type TestDatabase, createTestDatabase } from './support/app';

/*
 * The one write path writes the records of one kind together: a few statements per table
 * (multi-row INSERTs, cut below the dialect's bound on parameters), however many records, and
 * one record (a mutation) in as many as it took alone. The order of creation holds in a batch.
 */

let testDb: TestDatabase;
let database: Database;
beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }).database, { entities: ENTITIES });
  await loadSeeds(database.dataSource, projectPath('seeds'));
}, 60_000);
afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});
afterEach(() => jest.restoreAllMocks());

const FORUM = writeKindOf('Forum');
const QUOTE = writeKindOf('Quote');

const forum = (i: number): RecordDocument => ({
  key: `batch-forum-${i}`,
  title: `Форум пачки ${i}`,
  edition: 1,
  region: 'RU-BU',
  organizers: ['minprosveshcheniya', 'irpo'],
  sources: ['news-main', 'ref-baikal24-sport'],
});
const write = (kind: RecordWrite['kind'], document: RecordDocument, previous: RecordDocument | null = null): RecordWrite => ({ kind, document, previous, action: 'IMPORT', version: 1 });

/**
 * Runs writeRecords on `records` in a transaction of its own (its events handed to `bus`'s
 * in-transaction handlers) and resolves with the statements it ran (their first words): kept prepared (SQLite's runIn) or through the transaction's manager.
 */
async function statementsOf(records: readonly RecordWrite[], bus = new WriteEvents()): Promise<{ statements: string[]; events: string[] }> {
  const statements: string[] = [];
  const head = (sql: string) => sql.replace(/\s+/g, ' ').split(' ').slice(0, 3).join(' ');
  const all = PreparedStatements.prototype.all;
  jest.spyOn(PreparedStatements.prototype, 'all').mockImplementation(function (this: PreparedStatements, sql, params) {
    statements.push(head(sql));
    return all.call(this, sql, params);
  });
  const { events } = await database.dataSource.transaction(async (manager: EntityManager) => {
    const query = manager.query.bind(manager);
    jest.spyOn(manager, 'query').mockImplementation((sql: string, params?: unknown[]) => {
      statements.push(head(sql));
      return query(sql, params);
    });
    return bus.within(manager, database.dialect, Stage.PUBLISHED, (tx) => writeRecords(tx, records));
  });
  return { statements, events: events.map((e) => `${e.type}:${e.key}`) };
}

describe('writing the records of one kind', () => {
  it('writes one forum in one statement per table, as a mutation does', async () => {
    const { statements, events } = await statementsOf([write(FORUM, forum(0))]);
    expect(events).toEqual(['Forum:batch-forum-0']);
    expect(statements).toEqual([
      'DELETE FROM forum_organizer',
      'INSERT INTO "forum"',
      'INSERT INTO "forum_organizer"',
      'SELECT node_id AS',
      'INSERT INTO publication_mention',
    ]);
  });

  it('writes 300 forums (600 organizers, 600 mentions) in 12 statements on SQLite and 5 on PostgreSQL, not one per record', async () => {
    const records = Array.from({ length: 300 }, (_, i) => write(FORUM, forum(i + 1)));
    const { statements, events } = await statementsOf(records);
    expect(events).toEqual(records.map((r) => `Forum:${r.document.key}`));
    // SQLite binds at most 999 values a statement: 71 forums (14 columns), 333 organizers (3), 249 mentions (4).
    const chunks = database.dialect.name === 'sqlite' ? { forum: 5, organizer: 2, mention: 3 } : { forum: 1, organizer: 1, mention: 1 };
    expect(statements).toEqual([
      'DELETE FROM forum_organizer',
      ...Array<string>(chunks.forum).fill('INSERT INTO "forum"'),
      ...Array<string>(chunks.organizer).fill('INSERT INTO "forum_organizer"'),
      'SELECT node_id AS',
      ...Array<string>(chunks.mention).fill('INSERT INTO publication_mention'),
    ]);
    expect(statements).toHaveLength(database.dialect.name === 'sqlite' ? 12 : 5);
    const count = async (sql: string) => Number((await database.dataSource.query(sql))[0].n);
    expect(await count("SELECT COUNT(*) AS n FROM forum WHERE id LIKE 'batch-forum-%'")).toBe(301);
    expect(await count("SELECT COUNT(*) AS n FROM forum_organizer WHERE forum_id LIKE 'batch-forum-%'")).toBe(602);
    expect(await count("SELECT COUNT(*) AS n FROM publication_mention WHERE node_id LIKE 'batch-forum-%'")).toBe(602);
  });

  it("numbers a publication's new mentions after its others, in the order of the records, across statements", async () => {
    const ordinals = async (publication: string) =>
      (await database.dataSource.query(`SELECT node_id AS k, ordinal AS o FROM publication_mention WHERE publication_id = '${publication}' ORDER BY ordinal`)).map((r: { k: string; o: unknown }) => [
        r.k,
        Number(r.o),
      ]);
    const all = await ordinals('ref-baikal24-sport');
    expect(all.map(([, o]: [string, number]) => o)).toEqual(all.map((_: unknown, i: number) => i));
    const batch = all.filter(([k]: [string]) => k.startsWith('batch-forum-'));
    expect(batch.map(([k]: [string]) => k)).toEqual(Array.from({ length: 301 }, (_, i) => `batch-forum-${i}`));
  });

  it('keeps the links and mentions of a forum whose row alone changed, and rewrites only what changed', async () => {
    const before = forum(1);
    const after = { ...before, theme: 'новая тема', sources: ['news-main'] };
    const { statements } = await statementsOf([write(FORUM, after, before)]);
    expect(statements).toEqual(['INSERT INTO "forum"', 'SELECT node_id AS', 'DELETE FROM publication_mention']);
    const mentions = await database.dataSource.query("SELECT publication_id AS p FROM publication_mention WHERE node_id = 'batch-forum-1' ORDER BY publication_id");
    expect(mentions).toEqual([{ p: 'news-main' }]);
    const organizers = await database.dataSource.query("SELECT organization_id AS o FROM forum_organizer WHERE forum_id = 'batch-forum-1' ORDER BY ordinal");
    expect(organizers).toEqual([{ o: 'minprosveshcheniya' }, { o: 'irpo' }]);
  });
});

describe('quotes written together', () => {
  it('number the new ones after every other in their order, and leave an edited one its place', async () => {
    const quote = (key: string, text: string): RecordDocument => ({ key, text, speaker: 'maklina-elena', publication: 'news-main', sources: ['news-main'] });
    const rows = async () =>
      (await database.dataSource.query('SELECT id, ordinal FROM quote ORDER BY ordinal')).map((r: { id: string; ordinal: unknown }) => [r.id, Number(r.ordinal)]);
    const seeded = await rows();
    expect(seeded.map(([, o]: [string, number]) => o)).toEqual([0, 1, 2]);
    const [first] = seeded[0];
    const { statements } = await statementsOf([
      write(QUOTE, quote('batch-quote-a', 'первая')),
      write(QUOTE, { ...quote(first, 'исправленная'), speaker: 'neumyvakin-viktor' }),
      write(QUOTE, quote('batch-quote-b', 'вторая')),
    ]);
    // The keys the table holds already are read once: they keep their numbers.
    expect(statements).toEqual(['SELECT "id" AS', 'INSERT INTO "quote"', 'SELECT node_id AS']);
    expect(await rows()).toEqual([...seeded, ['batch-quote-a', 3], ['batch-quote-b', 4]]);
    expect((await database.dataSource.query(`SELECT text FROM quote WHERE id = '${first}'`))[0].text).toBe('исправленная');
  });
});

describe('the search documents of a batch', () => {
  it('are rebuilt a type at a time: one read, one DELETE a table, INSERTs of as many rows as the dialect binds', async () => {
    const records = Array.from({ length: 400 }, (_, i) => write(FORUM, { ...forum(i), key: `indexed-forum-${i}`, theme: `тема пачки ${i}` }));
    const { statements } = await statementsOf(records, followWrites(new WriteEvents(), { outbox: false }));
    // 800 fields (title, theme) of 5 values a row and 400 index entries: SQLite binds 999 values a
    // statement (199 fields, 166 entries of 6 values), PostgreSQL 65,535 (all, entries of 3 values).
    const chunks = database.dialect.name === 'sqlite' ? { documents: 5, entries: 3 } : { documents: 1, entries: 1 };
    expect(statements.filter((sql) => sql.includes('search_') || sql.startsWith('SELECT s.src'))).toEqual([
      'SELECT s.src, s.node_id,',
      'DELETE FROM search_index',
      'DELETE FROM search_document',
      ...Array<string>(chunks.documents).fill('INSERT INTO search_document'),
      ...Array<string>(chunks.entries).fill('INSERT INTO search_index'),
    ]);
    const count = async (sql: string) => Number((await database.dataSource.query(sql))[0].n);
    expect(await count("SELECT COUNT(*) AS n FROM search_document WHERE node_id LIKE 'indexed-forum-%'")).toBe(800);
    expect(await count("SELECT COUNT(*) AS n FROM search_index WHERE node_id LIKE 'indexed-forum-%'")).toBe(400);
  });
});
