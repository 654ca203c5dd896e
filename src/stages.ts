import fs from 'node:fs';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import type { DatabaseConfig } from './config';
import { type Database, type OpenOptions, openDatabase } from './db/data-source';
import { isEmpty } from './db/is-empty';
import { analyzeTables } from './db/dialect';
import { loadWithIndexesAfter } from './db/bulk-load';
import { type FileCopy, LOG_SUFFIXES, copySqliteFile, removeSqliteFiles, stillCurrent, syncFile } from './db/sqlite-copy';
import { DRAFT_SCHEMA, draftConfigOf, partialDraftsOf } from './db/draft-location';
import { DERIVED_TABLES, followWrites } from './derived-data';
import { inDraft } from './modules/writes/stage';
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

/**
 * Opens (and migrates) the draft stage of `published`, makes it visible to the published
 * database's connection as `draft.`, and, where the drafts are empty and the published stage
 * is not, fills them with a copy of the published records (`tables`, parents first) and their
 * derived data; then finishes any delete a crash cut in two. A SQLite file with no drafts beside
 * it yet gets them as a copy of the file (firstDraftsByFile). The caller holds the set-up lock
 * (set-up.ts), so no other process makes or fills the same drafts meanwhile.
 */
export async function openDraft(
  published: Database,
  config: DatabaseConfig,
  tables: readonly string[],
  options: OpenOptions & {
    documents?: () => ReadonlyMap<NodeType, readonly RecordDocument[]>;
    /** The first drafts' copy of the file made ahead (copyFirstDraftsAhead), taken where the file has not changed since. */
    copiedAhead?: FileCopy | null;
  },
): Promise<Database> {
  const draftConfig = draftConfigOf(config);
  const documents = () => options.documents?.() ?? new Map<NodeType, readonly RecordDocument[]>();
  if (config.kind === 'sqlite' && draftConfig.kind === 'sqlite') {
    await firstDraftsByFile(published, { from: config.path, to: draftConfig.path, copiedAhead: options.copiedAhead ?? null }, tables, documents);
  }
  const draft = await openDatabase(draftConfig, options);
  try {
    if (draftConfig.kind === 'sqlite') {
      const attached: { name: string }[] = await published.dataSource.query('PRAGMA database_list');
      if (!attached.some((d) => d.name === DRAFT_SCHEMA)) await published.dataSource.query(`ATTACH DATABASE ? AS ${DRAFT_SCHEMA}`, [draftConfig.path]);
    }
    if ((await isEmpty(draft.dataSource)) && !(await isEmpty(published.dataSource))) {
      await published.dataSource.transaction(async (manager) => {
        // On PostgreSQL, the drafts' secondary indexes and foreign keys are made after the rows.
        const bulk = (load: () => Promise<void>) => (draftConfig.kind === 'postgres' ? loadWithIndexesAfter(manager, DRAFT_SCHEMA, load) : load());
        await bulk(async () => {
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
          await recordInitialState(manager, published.dialect, documents(), 'seeds');
        });
      });
      // A bulk load, planned on fresh statistics as after every other (analyzeTables).
      await analyzeTables(draft.dataSource, draft.dialect, [...tables, ...DERIVED_TABLES.map(({ table }) => table), 'record_state', 'revision']);
    }
    // A delete a crash cut in two is finished before anything reads either stage.
    await finishInterruptedDeletes(published, draft, followWrites());
    return draft;
  } catch (error) {
    await draft.close().catch(() => undefined);
    throw error;
  }
}

/**
 * On SQLite, the first drafts of a published file with records: a copy of the file, made by the
 * file system (db/sqlite-copy.ts) instead of row by row. At scale 10 (2.3 GB) the rows took
 * 238 s to copy, the search index tokenized anew, and left a 2.5 GB log; the file takes seconds.
 * The copy is finished under a name of its own: what starts empty in the drafts (the states,
 * revisions, outbox, and what only the published stage keeps: tokens, documents, webhooks)
 * emptied, the initial state recorded; only then does it take the drafts' name, so a crash
 * leaves nothing half made under it. A copy the entry point began ahead (`copiedAhead`, while
 * the modules loaded) is taken if nothing was committed to the published file since, and made
 * anew otherwise. Does nothing where the drafts exist or the copy cannot be made consistent:
 * openDraft then copies by SQL, as on PostgreSQL.
 */
async function firstDraftsByFile(
  published: Database,
  { from, to, copiedAhead }: { from: string; to: string; copiedAhead: FileCopy | null },
  tables: readonly string[],
  documents: () => ReadonlyMap<NodeType, readonly RecordDocument[]>,
): Promise<void> {
  const partial = partialDraftsOf(to);
  if (fs.existsSync(to) || (await isEmpty(published.dataSource))) {
    removeSqliteFiles(partial);
    return;
  }
  let copy = copiedAhead !== null && copiedAhead.from === from && copiedAhead.to === partial && stillCurrent(copiedAhead) ? copiedAhead : null;
  if (copy === null) {
    removeSqliteFiles(partial);
    copy = await copySqliteFile(published, from, partial);
    if (copy === null) return;
  }
  await published.dataSource.query(`ATTACH DATABASE ? AS ${DRAFT_SCHEMA}`, [partial]);
  try {
    // Filled without a log or syncs: a crash leaves only the partial copy, which the next start
    // removes; the copy is synced once, whole, before it is renamed. Syncs go off first: leaving
    // WAL would otherwise sync it there too.
    await published.dataSource.query(`PRAGMA ${DRAFT_SCHEMA}.synchronous = OFF`);
    await published.dataSource.query(`PRAGMA ${DRAFT_SCHEMA}.journal_mode = OFF`);
    await published.dataSource.transaction(async (manager) => {
      for (const table of await tablesStartingEmpty(manager, tables)) await manager.query(`DELETE FROM ${inDraft(table)}`);
      await recordInitialState(manager, published.dialect, documents(), 'seeds');
    });
  } finally {
    await published.dataSource.query(`DETACH DATABASE ${DRAFT_SCHEMA}`);
  }
  // On disk before it takes the drafts' name: a power loss then leaves a whole copy or none.
  await copy.written;
  await syncFile(partial);
  for (const suffix of LOG_SUFFIXES) {
    // A log left beside a drafts file that is gone is not this copy's.
    fs.rmSync(to + suffix, { force: true });
    if (fs.existsSync(partial + suffix)) fs.renameSync(partial + suffix, to + suffix);
  }
  await syncFile(path.dirname(to));
}

/** The ordinary tables of the attached drafts that a new draft stage has empty: all but the content (`tables`), the derived data and the migrations' record. */
async function tablesStartingEmpty(manager: EntityManager, tables: readonly string[]): Promise<string[]> {
  // TypeORM's record of the migrations run: its own name for it unless the options give one.
  const migrations = manager.connection.options.migrationsTableName ?? 'migrations';
  const kept = new Set([...tables, ...DERIVED_TABLES.map(({ table }) => table), migrations]);
  const listed: { name: string; type: string }[] = await manager.query(`PRAGMA ${DRAFT_SCHEMA}.table_list`);
  return listed.filter(({ name, type }) => type === 'table' && !name.startsWith('sqlite_') && !kept.has(name)).map(({ name }) => name);
}

/** The content tables of `entities`, in their order (parents first). */
export function contentTables(entities: readonly (new () => object)[]): string[] {
  return entities.map((entity) => tableOf(entity));
}
