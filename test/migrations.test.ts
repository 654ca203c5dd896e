import { loadConfig } from '../src/config';
import { type Database, MIGRATIONS, openDatabase } from '../src/db/data-source';
import { rebuildDerivedData } from '../src/derived-data';
import { REBUILDS_DUE, rebuildsDue, recordingRebuilds } from '../src/db/migrations/rebuild';
import type { QueryRunner } from 'typeorm';
import { projectPath } from '../src/shared/paths';
import { loadSeeds } from '../seeds/load';
import { type TestDatabase, createTestDatabase } from './support/app';
import { ENTITIES } from '../src/entities';
import { contentTables } from '../src/stages';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

describe('migrations', () => {
  it('a new database is migrated on open; reopening migrates nothing and keeps the data', async () => {
    const config = loadConfig({ DATABASE_URL: testDb.url }).database;
    const first = await openDatabase(config, { entities: ENTITIES });
    expect(await first.dataSource.showMigrations()).toBe(false);
    await loadSeeds(first.dataSource, projectPath('seeds'));
    const applied = await first.dataSource.query('SELECT name FROM migrations ORDER BY id');
    await first.dataSource.destroy();

    const again = await openDatabase(config, { entities: ENTITIES });
    try {
      expect(await again.dataSource.query('SELECT name FROM migrations ORDER BY id')).toEqual(applied);
      const forums: { n: number | string }[] = await again.dataSource.query('SELECT COUNT(*) AS n FROM forum');
      expect(Number(forums[0].n)).toBe(4);
    } finally {
      await again.dataSource.destroy();
    }
  });

  /**
   * The derived data of `database`: how many rows each table has (and whether the summaries are
   * fresh), and the rows themselves, in an order of their own.
   */
  async function derivedData(database: Database) {
    const count = async (sql: string) => Number(((await database.dataSource.query(sql)) as { n: number | string }[])[0].n);
    const rows = async (table: string) =>
      ((await database.dataSource.query(`SELECT * FROM ${table}`)) as Record<string, unknown>[]).map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();
    return {
      counts: {
        documents: await count('SELECT COUNT(*) AS n FROM search_document'),
        rollup: await count('SELECT COUNT(*) AS n FROM cluster_event_rollup'),
        top: await count('SELECT COUNT(*) AS n FROM search_top_query'),
        fresh: await count('SELECT COUNT(*) AS n FROM stats_rollup_state WHERE built = generation'),
      },
      rows: Object.fromEntries(await Promise.all(['search_document', 'search_top', 'search_top_query', 'cluster_event_rollup'].map(async (table) => [table, await rows(table)]))),
    };
  }

  /** Copies the content rows of `from` (its entities' tables, parents first) into the empty `to`, as they are. */
  async function copyContent(from: Database, to: Database): Promise<void> {
    await to.dataSource.transaction(async (manager) => {
      for (const table of contentTables(ENTITIES)) {
        const rows = (await from.dataSource.query(`SELECT * FROM ${table}`)) as Record<string, unknown>[];
        if (rows.length === 0) continue;
        const columns = Object.keys(rows[0]);
        // One statement per table: a row may name its parent in a later row (checked at the statement's end).
        const values = rows.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
        await manager.query(to.dialect.placeholders(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values}`), rows.flatMap((row) => columns.map((c) => row[c])));
      }
    });
  }

  it('a database made before a migration is migrated forward and its derived data rebuilt by today\'s code', async () => {
    const own = await createTestDatabase();
    const blank = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: own.url }).database;
    try {
      const first = await openDatabase(config, { entities: ENTITIES });
      expect([...(await rebuildsDue(first.dataSource))].sort()).toEqual(['search-index', 'search-top', 'stats-rollups']);
      await loadSeeds(first.dataSource, projectPath('seeds'));
      const seeded = (await derivedData(first)).counts;
      expect(seeded.documents).toBeGreaterThan(0);
      expect(seeded.rollup).toBeGreaterThan(0);
      expect(seeded.fresh).toBe(2);
      // Back to the database as the first migration left it: the derived tables go, and so does
      // whatever data a later migration added (a column's values); the rest stays.
      for (let i = 1; i < MIGRATIONS.length; i++) await first.dataSource.undoLastMigration({ transaction: 'each' });
      await first.close();

      const upgraded = await openDatabase(config, { entities: ENTITIES });
      try {
        expect([...(await rebuildsDue(upgraded.dataSource))].sort()).toEqual(['search-index', 'search-top', 'stats-rollups']);
        expect((await derivedData(upgraded)).counts.documents).toBe(0);
        // What today's code derives from the rows that came through, not from the seeds (a later
        // migration's column loses its values on the way down): the same rows copied into a
        // database made by today's migrations, rebuilt there. The upgraded database must hold
        // exactly that once its own rebuild has run.
        const reference = await openDatabase(loadConfig({ DATABASE_URL: blank.url }).database, { entities: ENTITIES });
        let expected: Awaited<ReturnType<typeof derivedData>>;
        try {
          await copyContent(upgraded, reference);
          expect(await rebuildDerivedData(reference)).toEqual(['search-index', 'stats-rollups', 'search-top']);
          expected = await derivedData(reference);
        } finally {
          await reference.close();
        }
        expect(expected.counts.documents).toBeGreaterThan(0);
        expect(expected.counts.rollup).toBeGreaterThan(0);
        expect(expected.counts.fresh).toBe(2);

        expect(await rebuildDerivedData(upgraded)).toEqual(['search-index', 'stats-rollups', 'search-top']);
        expect(await derivedData(upgraded)).toEqual(expected);
      } finally {
        await upgraded.close();
      }
      const again = await openDatabase(config, { entities: ENTITIES });
      expect((await rebuildsDue(again.dataSource)).size).toBe(0);
      await again.close();
    } finally {
      await own.drop();
      await blank.drop();
    }
  });

  it('a rebuild the opener did not finish is due at the next open, and done once', async () => {
    const own = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: own.url }).database;
    try {
      // Migrated, then gone before its rebuild (a kill during it, or a CLI that only migrated).
      const first = await openDatabase(config, { entities: ENTITIES });
      await loadSeeds(first.dataSource, projectPath('seeds'));
      await first.dataSource.query('DELETE FROM search_document');
      await first.close();

      const next = await openDatabase(config, { entities: ENTITIES });
      try {
        expect([...(await rebuildsDue(next.dataSource))].sort()).toEqual(['search-index', 'search-top', 'stats-rollups']);
        expect(await rebuildDerivedData(next)).toEqual(['search-index', 'stats-rollups', 'search-top']);
        expect((await derivedData(next)).counts.documents).toBeGreaterThan(0);
        expect((await rebuildsDue(next.dataSource)).size).toBe(0);
        expect(await rebuildDerivedData(next)).toEqual([]);
      } finally {
        await next.close();
      }
    } finally {
      await own.drop();
    }
  });

  it('a migration that names rebuilds records them in its own transaction, under its own name', async () => {
    class Renamed1799999999999 {
      name = 'Renamed1799999999999';
      readonly rebuilds = ['search-top'];
      async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query('SELECT 1');
      }
      async down(): Promise<void> {}
    }
    const Recording = recordingRebuilds(Renamed1799999999999);
    expect(Recording.name).toBe('Renamed1799999999999');
    expect(recordingRebuilds(MIGRATIONS[0])).toBe(MIGRATIONS[0]);
    const database = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }).database, { entities: ENTITIES });
    const queryRunner = database.dataSource.createQueryRunner();
    try {
      // As before the migration of the table's own name: the first migration that names a rebuild makes it.
      await queryRunner.query(`DROP TABLE ${REBUILDS_DUE}`);
      // Rolled back with the migration's transaction: not due, and no table.
      await queryRunner.startTransaction();
      await new Recording().up(queryRunner);
      await queryRunner.rollbackTransaction();
      expect(await queryRunner.hasTable(REBUILDS_DUE)).toBe(false);
      // Committed with it: due.
      await queryRunner.startTransaction();
      await new Recording().up(queryRunner);
      await queryRunner.commitTransaction();
      expect([...(await rebuildsDue(database.dataSource))]).toEqual(['search-top']);
    } finally {
      await queryRunner.query(`DELETE FROM ${REBUILDS_DUE}`);
      await queryRunner.release();
      await database.close();
    }
  });

  it('every entity column exists in the migrated table, with the same nullability', async () => {
    const database = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }).database, { entities: ENTITIES });
    try {
      for (const entity of database.dataSource.entityMetadatas) {
        const columns: { name: string; nullable: boolean }[] =
          database.dialect.name === 'postgres'
            ? (
                await database.dataSource.query(
                  `SELECT column_name AS name, is_nullable AS nullable FROM information_schema.columns WHERE table_name = $1`,
                  [entity.tableName],
                )
              ).map((c: { name: string; nullable: string }) => ({ name: c.name, nullable: c.nullable === 'YES' }))
            : (await database.dataSource.query(`PRAGMA table_info(${entity.tableName})`)).map(
                (c: { name: string; notnull: number; pk: number }) => ({ name: c.name, nullable: c.notnull === 0 && c.pk === 0 }),
              );
        const actual = Object.fromEntries(columns.map((c) => [c.name, c.nullable]));
        const expected = Object.fromEntries(entity.columns.map((c) => [c.databaseName, c.isNullable]));
        expect({ table: entity.tableName, columns: actual }).toEqual({ table: entity.tableName, columns: expected });
      }
    } finally {
      await database.dataSource.destroy();
    }
  });
});
