import type { DataSource, EntityManager } from 'typeorm';
import type { Database } from './db/data-source';
import { REBUILDS_DUE, type Rebuild, rebuildDone, rebuildsDue } from './db/migrations/rebuild';
import { reindexAll, reindexWritten } from './modules/search/search.indexer';
import { TOP_LISTS_AFTER_WRITES, refreshSearchTop } from './modules/search/search.top';
import { ROLLUPS_AFTER_WRITES, refreshRollups } from './modules/stats/stats.rollup';
import { appendToOutbox } from './modules/writes/outbox';
import { WriteEvents } from './modules/writes/write-events';
import { type LaterRebuild, rebuildLater, rebuildNow } from './modules/writes/write-later';

/*
 * The derived data: what it is, how today's code rebuilds it after migrations, and how it follows
 * the writes (it subscribes to their events; the write side names none of it).
 */

/** How each derived data set is rebuilt by today's code, in the order they depend on each other. */
const REBUILDERS: [Rebuild, (dataSource: DataSource) => Promise<void>][] = [
  ['search-index', reindexAll],
  ['stats-rollups', refreshRollups],
  // The top hits are read from the index: after it.
  ['search-top', refreshSearchTop],
];

/**
 * Rebuilds what the migrations left to rebuild (migrations/rebuild.ts: the search index after the
 * migration that made it, the stats summaries after one that changed their rows, ...), recording
 * each done as it ends, and returns what it rebuilt. Whoever opens a database calls it once it is
 * migrated (set-up.ts); what a process did not finish is due for the next. `all`: every derived
 * data set, due or not (after a bulk load).
 */
export async function rebuildDerivedData(database: Database, options: { all?: boolean } = {}): Promise<Rebuild[]> {
  const due = await rebuildsDue(database.dataSource);
  const done: Rebuild[] = [];
  for (const [name, rebuild] of REBUILDERS) {
    if (!options.all && !due.has(name)) continue;
    await rebuild(database.dataSource);
    await rebuildDone(database.dataSource, name);
    done.push(name);
  }
  return done;
}

/**
 * The tables of the derived data, in the order a copy writes them: the search documents and
 * index, the top lists, the stats summaries, and last the state that says which are fresh.
 */
export const DERIVED_TABLES: readonly { table: string; rowidColumns?: readonly string[] }[] = [
  // On SQLite an index entry's rowid is its document's (search.dialect.ts): both copied with their rowids.
  { table: 'search_document', rowidColumns: ['node_type', 'node_id', 'ordinal', 'field', 'text'] },
  { table: 'search_index', rowidColumns: ['node_type', 'node_id', 'head', 'body'] },
  { table: 'search_top' },
  { table: 'search_top_query' },
  { table: 'cluster_event_rollup' },
  { table: 'cluster_event_start_count' },
  { table: 'stats_rollup_state' },
  // A copy is as fresh as what it copies: what is due there is due in the copy.
  { table: REBUILDS_DUE },
];

/** What is rebuilt whole once a stage's writes pause, in the order they depend on each other (the top lists after the index, which the writes keep). */
const AFTER_WRITES: readonly LaterRebuild[] = [ROLLUPS_AFTER_WRITES, TOP_LISTS_AFTER_WRITES];

/**
 * Subscribes the derived data to the writes of `events`: the search documents of what a write
 * touched are rebuilt in its transaction; the summaries and top lists, which its transaction
 * marked stale (triggers; readers compute live meanwhile), once the stage's writes pause.
 * Whoever makes a bus for the write side calls it: the server, the import CLI, start-up's
 * finishing of interrupted deletes, the seed loader.
 *
 * The change outbox (modules/writes/outbox.ts) is appended to in the same transaction, after the
 * search documents, unless `outbox` is false: the seed loader's, whose initial load of an empty
 * database is the state the feed starts from, not thousands of changes (and runs before the
 * drafts, where the outbox lives, are open).
 */
export function followWrites(events: WriteEvents = new WriteEvents(), options: { outbox?: boolean } = {}): WriteEvents {
  events.onWrite('in-transaction', reindexWritten);
  if (options.outbox !== false) {
    events.onWrite('in-transaction', async (written, tx) => {
      await appendToOutbox(written, tx);
    });
  }
  for (const rebuild of AFTER_WRITES) events.onWrite('after-commit', (_events, committed) => rebuildLater(committed, rebuild));
  return events;
}

/** Rebuilds now what follows `database`'s writes once they pause, behind the writes queued on `queue`: for tools and tests that read right after writing. */
export function rebuildAfterWritesNow(database: Database, queue: Database = database): Promise<void> {
  return rebuildNow(database, queue, AFTER_WRITES);
}

/** Rebuilds the summaries and top lists in `manager`'s transaction: a bulk load (the seed loader) that is read at once. */
export async function rebuildAfterWritesIn(manager: EntityManager): Promise<void> {
  for (const { rebuild } of AFTER_WRITES) await rebuild(manager);
}
