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

/** Rebuilds every derived data set of `dataSource` from its content tables. */
export async function rebuildAllDerivedData(dataSource: DataSource): Promise<void> {
  for (const [, rebuild] of REBUILDERS) await rebuild(dataSource);
}
