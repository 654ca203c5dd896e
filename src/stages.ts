import path from 'node:path';
import { ConfigError, type DatabaseConfig } from './config';
import { type Database, type OpenOptions, openDatabase } from './db/data-source';
import { isEmpty } from './db/is-empty';
import { DERIVED_TABLES, followWrites } from './derived-data';
import { DRAFT_SCHEMA, inDraft } from './modules/writes/stage';
import { recordInitialState } from './modules/writes/write-state';
import { finishInterruptedDeletes } from './modules/writes/write-service';
import type { RecordDocument } from './modules/writes/write-rows';
import { tableOf } from './shared/entity-table';
import type { NodeType } from './shared/global-id';

/*
 * The two stages of the content: PUBLISHED, what readers see (the database DATABASE_URL names,
 * read as before), and DRAFT, the latest edits (a second database of the same schema: the SQLite
 * file beside it, `graph.draft.sqlite`, or the schema `draft` of the same PostgreSQL database).
 * Every read path reads one of them whole, so readers pay nothing for the drafts and an editor's
 * DRAFT read runs the same SQL on the drafts. The published database's own connection sees the
 * draft tables as `draft.<table>` (ATTACH on SQLite, the schema on PostgreSQL): publishing copies
 * rows across in one transaction.
 */

/** Where the draft stage of the database `config` names lives. */
export function draftConfigOf(config: DatabaseConfig): DatabaseConfig {
  if (config.kind === 'postgres') return { ...config, schema: DRAFT_SCHEMA };
  if (config.path === ':memory:') throw new ConfigError('DATABASE_URL: expected a SQLite file (the drafts live in a file beside it); received ":memory:"');
  const { dir, name, ext } = path.parse(config.path);
  return { kind: 'sqlite', path: path.join(dir, `${name}.${DRAFT_SCHEMA}${ext || '.sqlite'}`) };
}

/**
 * Opens (and migrates) the draft stage of `published`, makes it visible to the published
 * database's connection as `draft.`, and, where the drafts are empty and the published stage
 * is not, fills them with a copy of the published records (`tables`, parents first) and
 * rebuilds their derived data; then finishes any delete a crash cut in two.
 */
export async function openDraft(
  published: Database,
  config: DatabaseConfig,
  tables: readonly string[],
  options: OpenOptions & { documents?: () => ReadonlyMap<NodeType, readonly RecordDocument[]> },
): Promise<Database> {
  const draftConfig = draftConfigOf(config);
  const draft = await openDatabase(draftConfig, options);
  try {
    if (draftConfig.kind === 'sqlite') {
      const attached: { name: string }[] = await published.dataSource.query('PRAGMA database_list');
      if (!attached.some((d) => d.name === DRAFT_SCHEMA)) await published.dataSource.query(`ATTACH DATABASE ? AS ${DRAFT_SCHEMA}`, [draftConfig.path]);
    }
    if ((await isEmpty(draft.dataSource)) && !(await isEmpty(published.dataSource))) {
      await published.dataSource.transaction(async (manager) => {
        for (const table of tables) await manager.query(`INSERT INTO ${inDraft(table)} SELECT * FROM ${table}`);
        // The derived data is the published stage's, rebuilt at its start-up: copied as it is,
        // in SQL, instead of computed again (minutes of stemming for a large database). Its
        // state rows last: the copies above marked the drafts' summaries stale.
        for (const { table, rowidColumns } of DERIVED_TABLES) {
          await manager.query(`DELETE FROM ${inDraft(table)}`);
          const columns = draftConfig.kind === 'sqlite' && rowidColumns ? ['rowid', ...rowidColumns].join(', ') : null;
          await manager.query(columns ? `INSERT INTO ${inDraft(table)} (${columns}) SELECT ${columns} FROM ${table}` : `INSERT INTO ${inDraft(table)} SELECT * FROM ${table}`);
        }
        // What was there is published, as the real data set is: the first import, by "seeds".
        await recordInitialState(manager, published.dialect, options.documents?.() ?? new Map(), 'seeds');
      });
    }
    // A delete a crash cut in two is finished before anything reads either stage.
    await finishInterruptedDeletes(published, draft, followWrites());
    return draft;
  } catch (error) {
    await draft.close().catch(() => undefined);
    throw error;
  }
}

/** The content tables of `entities`, in their order (parents first). */
export function contentTables(entities: readonly (new () => object)[]): string[] {
  return entities.map((entity) => tableOf(entity));
}
