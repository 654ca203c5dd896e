import type { DataSource } from 'typeorm';
import type { Database } from './db/data-source';
import type { Rebuild } from './db/migrations/rebuild';
import { reindexAll } from './modules/search/search.indexer';
import { refreshSearchTop } from './modules/search/search.top';
import { refreshRollups } from './modules/stats/stats.rollup';

/** How each derived data set is rebuilt by today's code, in the order they depend on each other. */
const REBUILDERS: [Rebuild, (dataSource: DataSource) => Promise<void>][] = [
  ['search-index', reindexAll],
  ['stats-rollups', refreshRollups],
  // The top hits are read from the index: after it.
  ['search-top', refreshSearchTop],
];

/**
 * Rebuilds what the migrations just run left to rebuild (Database.rebuilds: the search index
 * after the migration that made it, the stats summaries after one that changed their rows, ...)
 * and returns what it rebuilt. Start-up calls it once the database is migrated.
 */
export async function rebuildDerivedData(database: Database): Promise<Rebuild[]> {
  const done: Rebuild[] = [];
  for (const [name, rebuild] of REBUILDERS) {
    if (!database.rebuilds.has(name)) continue;
    await rebuild(database.dataSource);
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
  { table: 'stats_rollup_state' },
];
