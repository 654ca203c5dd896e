import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import sqlite3 from 'sqlite3';
import { SeedArgsError, parseSeedArgs, seedSyntheticDatabase } from '../bench/seed-synthetic';
import { syntheticCounts } from '../bench/synthetic';
import { loadSeeds } from '../seeds/load';
import { openDatabase } from '../src/db/data-source';
import { followWrites } from '../src/derived-data';
import { ENTITIES } from '../src/entities';
import { importRecords } from '../src/modules/writes/write-import';
import { projectPath } from '../src/shared/paths';
import { draftConfigOf } from '../src/db/draft-location';
import { contentTables, openDraft } from '../src/stages';
import { type TestDatabase, createTestDatabase } from './support/app';
import { POSTGRES_URL, describeWith } from './support/services';

/*
 * The synthetic generator's target (bench/seed-synthetic.ts): a SQLite file or a PostgreSQL
 * database, never a file named after a URL; and every bulk load (the generator, the seed
 * loader, a large import) leaves fresh planner statistics of the tables it wrote.
 */

const SMALL = 0.01;
/** The tables the generator writes that hold records and their links (the derived ones differ by database). */
const TABLES = [...contentTables(ENTITIES), 'publication_mention'];

describe('the generator\'s --database', () => {
  it.each([
    ['mysql://x', '--database: expected a postgres:// or postgresql:// URL or a SQLite file path; received "mysql://x" (unsupported scheme)'],
    ['postgres:/oops', '--database: expected a postgres:// or postgresql:// URL or a SQLite file path; received "postgres:/oops" (unsupported scheme)'],
    ['postgres://exa mple/x', '--database: expected a valid postgres:// URL; received "postgres://exa mple/x"'],
  ])('refuses %s with a code, saying what it expected, and writes no file', async (url, message) => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-args-'));
    try {
      // As the command runs: the arguments are read before anything is opened.
      const failure = await Promise.resolve()
        .then(() => seedSyntheticDatabase(parseSeedArgs(['--scale', String(SMALL), '--database', url], cwd), false))
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SeedArgsError);
      expect(failure).toMatchObject({ code: 'INVALID_ARGUMENT', message });
      expect(fs.readdirSync(cwd)).toEqual([]);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('reads a path, sqlite:PATH and a postgresql:// URL; --force only replaces a file', () => {
    expect(parseSeedArgs(['--database', 'out/x.sqlite'], '/srv').database).toEqual({ kind: 'sqlite', path: '/srv/out/x.sqlite' });
    expect(parseSeedArgs(['--database', 'sqlite:x.sqlite'], '/srv').database).toEqual({ kind: 'sqlite', path: '/srv/x.sqlite' });
    expect(parseSeedArgs(['--database', 'postgresql://u@h/db']).database).toEqual({ kind: 'postgres', url: 'postgresql://u@h/db' });
    expect(() => parseSeedArgs(['--database', 'postgres://u:secret@h/db', '--force'])).toThrow(
      '--force: expected a SQLite file to replace; received a PostgreSQL database (postgres://u:***@h/db): give an empty database or schema instead',
    );
  });
});

/** Rows per table of `tables` through `query`. */
async function countRows(query: (sql: string) => Promise<{ n: number | string }[]>, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  return counts;
}

/** A fresh PostgreSQL database of its own, whatever TEST_DATABASE_URL says for the rest of the suite. */
async function postgresDatabase(): Promise<TestDatabase> {
  const previous = process.env.TEST_DATABASE_URL;
  process.env.TEST_DATABASE_URL = POSTGRES_URL.toString();
  try {
    return await createTestDatabase();
  } finally {
    process.env.TEST_DATABASE_URL = previous;
  }
}

/** The tables of `url`'s public schema (or `schema`) PostgreSQL has analyzed by hand (not autovacuum's). */
/** When `table` of `schema` was last analyzed (by a statement, not by autovacuum). */
async function lastAnalyzed(url: string, schema: string, table: string): Promise<Date> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query('SELECT last_analyze FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2', [schema, table]);
    return new Date(rows[0].last_analyze);
  } finally {
    await client.end();
  }
}

async function analyzedTables(url: string, schema = 'public'): Promise<Set<string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // The statistics collector reports with a delay of its own: forced here.
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query('SELECT relname FROM pg_stat_user_tables WHERE schemaname = $1 AND last_analyze IS NOT NULL', [schema]);
    return new Set(rows.map((row: { relname: string }) => row.relname));
  } finally {
    await client.end();
  }
}

/** The tables of the SQLite file `file` with statistics in sqlite_stat1. */
function sqliteAnalyzed(file: string): Promise<Set<string>> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
    db.all('SELECT DISTINCT tbl FROM sqlite_stat1', (error, rows: { tbl: string }[]) => {
      db.close();
      if (error) reject(error);
      else resolve(new Set(rows.map((row) => row.tbl)));
    });
  });
}

describeWith('postgres')('bulk loads on PostgreSQL and SQLite', () => {
  it('generates the same records into PostgreSQL as into SQLite, and analyzes what it wrote', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-synthetic-'));
    const pg = await postgresDatabase();
    try {
      const file = path.join(dir, 'small.sqlite');
      const intoSqlite = await seedSyntheticDatabase(parseSeedArgs(['--scale', String(SMALL), '--database', file]), false);
      const intoPostgres = await seedSyntheticDatabase(parseSeedArgs(['--scale', String(SMALL), '--database', pg.url]), false);
      expect(intoPostgres).toEqual(syntheticCounts(SMALL));
      expect(intoSqlite).toEqual(intoPostgres);

      const sqlite = await openDatabase({ kind: 'sqlite', path: file }, { entities: ENTITIES, migrate: false });
      const postgres = await openDatabase({ kind: 'postgres', url: pg.url }, { entities: ENTITIES, migrate: false });
      try {
        const inPostgres = await countRows((sql) => postgres.dataSource.query(sql), TABLES);
        expect(await countRows((sql) => sqlite.dataSource.query(sql), TABLES)).toEqual(inPostgres);
        expect(inPostgres.cluster_event).toBe(syntheticCounts(SMALL).clusterEvents);
        expect(inPostgres.forum).toBe(syntheticCounts(SMALL).forums);
      } finally {
        await sqlite.close();
        await postgres.close();
      }
      const written = ['forum', 'session', 'participation', 'speaker', 'organization', 'cluster', 'cluster_event', 'publication', 'publication_mention', 'quote', 'search_document', 'search_index'];
      const analyzed = await analyzedTables(pg.url);
      expect(written.filter((table) => !analyzed.has(table))).toEqual([]);
      const stat1 = await sqliteAnalyzed(file);
      expect(['forum', 'session', 'participation', 'cluster_event', 'publication_mention'].filter((table) => !stat1.has(table))).toEqual([]);
    } finally {
      await pg.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('the seed loader, the drafts copied by SQL and an import of 100 records or more analyze the tables they wrote', async () => {
    const pg = await postgresDatabase();
    const config = { kind: 'postgres' as const, url: pg.url };
    const published = await openDatabase(config, { entities: ENTITIES });
    try {
      await loadSeeds(published.dataSource, projectPath('seeds'));
      const seeded = await analyzedTables(pg.url);
      expect(['forum', 'session', 'organization', 'region', 'publication_mention', 'search_document'].filter((table) => !seeded.has(table))).toEqual([]);

      const draft = await openDraft(published, config, contentTables(ENTITIES), { entities: ENTITIES });
      try {
        const { schema } = draftConfigOf(config) as { schema: string };
        const drafted = await analyzedTables(pg.url, schema);
        expect(['forum', 'session', 'cluster', 'record_state', 'revision', 'search_document'].filter((table) => !drafted.has(table))).toEqual([]);
        const before = await lastAnalyzed(pg.url, schema, 'cluster');
        const clusters = Array.from({ length: 100 }, (_, i) => `  - { key: bulk-${i}, name: "Кластер ${i}", industry: импорт, sources: [news-main] }`).join('\n');
        const scope = { published, draft, actor: 'bulk-test', events: followWrites() };
        const result = await importRecords(scope, [{ name: 'clusters.yaml', format: 'YAML', text: `clusters:\n${clusters}\n` }], { dryRun: false });
        expect(result.userErrors).toEqual([]);
        expect(result.written).toHaveLength(100);
        const imported = await analyzedTables(pg.url, schema);
        expect(['cluster', 'record_state', 'revision', 'change_outbox', 'search_document'].filter((table) => !imported.has(table))).toEqual([]);
        // Analyzed again by the import, after the drafts' copy had.
        expect((await lastAnalyzed(pg.url, schema, 'cluster')).getTime()).toBeGreaterThan(before.getTime());
      } finally {
        await draft.close();
      }
    } finally {
      await published.close();
      await pg.drop();
    }
  }, 120_000);
});
