import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/data-source';
import { projectPath } from '../src/shared/paths';
import { loadSeeds } from '../seeds/load';
import { type TestDatabase, createTestDatabase } from './support/app';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

describe('migrations', () => {
  it('a new database is migrated on open; reopening migrates nothing and keeps the data', async () => {
    const config = loadConfig({ DATABASE_URL: testDb.url }).database;
    const first = await openDatabase(config);
    expect(await first.dataSource.showMigrations()).toBe(false);
    await loadSeeds(first.dataSource, projectPath('seeds'));
    const applied = await first.dataSource.query('SELECT name FROM migrations ORDER BY id');
    await first.dataSource.destroy();

    const again = await openDatabase(config);
    try {
      expect(await again.dataSource.query('SELECT name FROM migrations ORDER BY id')).toEqual(applied);
      const forums: { n: number | string }[] = await again.dataSource.query('SELECT COUNT(*) AS n FROM forum');
      expect(Number(forums[0].n)).toBe(4);
    } finally {
      await again.dataSource.destroy();
    }
  });

  it('every entity column exists in the migrated table, with the same nullability', async () => {
    const database = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }).database);
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
