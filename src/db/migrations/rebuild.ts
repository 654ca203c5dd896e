import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Derived data a migration leaves for today's code to rebuild once every migration has run: the
 * search index, the stats summaries, the kept top hits. A migration carries its own SQL and
 * imports no live code, so that what an old migration does never changes with that code; what
 * it cannot write as SQL (stems computed in JS, summaries grouped by today's rules) it names in
 * `rebuilds`. They are recorded as due in the database (REBUILDS_DUE), in the migration's own
 * transaction, and the caller runs them (src/derived-data.ts, rebuildDerivedData), removing each
 * once done: a process that dies in between leaves them due for the next.
 */
export type Rebuild = 'search-index' | 'stats-rollups' | 'search-top';

/** The table of the rebuilds due (migration RebuildsDue1766100000000). */
export const REBUILDS_DUE = 'derived_rebuild_due';

/**
 * The table of the rebuilds due, made by the first migration that names a rebuild, in its
 * transaction (older than the migration of the table's own name, which makes it where none did).
 */
export const CREATE_REBUILDS_DUE = `CREATE TABLE IF NOT EXISTS ${REBUILDS_DUE} (
  rebuild varchar(32) NOT NULL PRIMARY KEY
)`;

/** The rebuilds a migration names (none when it names none). */
export function rebuildsOf(migration: unknown): readonly Rebuild[] {
  const named = (migration as { rebuilds?: unknown } | undefined)?.rebuilds;
  return Array.isArray(named) ? (named as Rebuild[]) : [];
}

/**
 * `migration`, recording the rebuilds it names as due in its own transaction: committed with it or
 * not at all, whatever stops the process after.
 */
export function recordingRebuilds(migration: new () => MigrationInterface): new () => MigrationInterface {
  const rebuilds = rebuildsOf(new migration());
  if (rebuilds.length === 0) return migration;
  const recording = class extends migration {
    override async up(queryRunner: QueryRunner): Promise<void> {
      await super.up(queryRunner);
      await queryRunner.query(CREATE_REBUILDS_DUE);
      await recordRebuildsDue((sql) => queryRunner.query(sql), rebuilds);
    }
  };
  // TypeORM orders and records a migration by its class's name.
  Object.defineProperty(recording, 'name', { value: migration.name });
  return recording;
}

/** Records `rebuilds` as due (those due already stay so). */
export async function recordRebuildsDue(query: (sql: string) => Promise<unknown>, rebuilds: Iterable<Rebuild>): Promise<void> {
  // The names are this file's own literals, never input.
  for (const rebuild of new Set(rebuilds)) await query(`INSERT INTO ${REBUILDS_DUE} (rebuild) VALUES ('${rebuild}') ON CONFLICT DO NOTHING`);
}

/** The rebuilds due in the database `dataSource` opens. */
export async function rebuildsDue(dataSource: DataSource): Promise<Set<Rebuild>> {
  const rows: { rebuild: Rebuild }[] = await dataSource.query(`SELECT rebuild FROM ${REBUILDS_DUE}`);
  return new Set(rows.map(({ rebuild }) => rebuild));
}

/** Records that `rebuild` is done. */
export async function rebuildDone(dataSource: DataSource, rebuild: Rebuild): Promise<void> {
  await dataSource.query(`DELETE FROM ${REBUILDS_DUE} WHERE rebuild = '${rebuild}'`);
}
