import type { DataSource, EntityManager } from 'typeorm';
import { dialectOf } from '../../db/dialect';
import type { LaterRebuild } from '../writes/write-later';
import { CLUSTER_EVENT_ROLLUP, CLUSTER_EVENT_START_DATE } from './cluster-event-stats.types';
import { refreshKeptCounts } from './start-counts';
import { dateSortKey, monthKey, yearKey } from './stats.query';

/** Each summary, by its name in stats_rollup_state, and the tables whose writes make it stale. */
export const ROLLUP_SOURCES: Record<string, readonly string[]> = {
  [CLUSTER_EVENT_ROLLUP]: ['cluster_event', 'cluster_event_federal_district'],
};

/**
 * Rebuilds every summary from its tables and records the generation it summed, in the caller's
 * transaction. Whoever writes a summary's tables calls it afterwards (the seed loader and the
 * synthetic generator do; the write side's events arm ROLLUPS_AFTER_WRITES); until then the
 * summary is stale and the stats are grouped live.
 */
export async function refreshRollups(target: DataSource | EntityManager): Promise<void> {
  const manager = 'manager' in target ? target.manager : target;
  const dialect = dialectOf(manager.connection);
  const binary = dialect.binary;
  const date = CLUSTER_EVENT_START_DATE;
  const year = yearKey(date).expr;
  const month = monthKey(date).expr;
  const sort = binary(dateSortKey(date));
  const columns = `scope, federal_district_id, kind, year, month, n, min_start, max_start, sum_reported_cluster_count`;
  const measures = `COUNT(*), MIN(${sort}), MAX(${sort}), SUM(t.reported_cluster_count)`;
  await manager.transaction(async (tx) => {
    // The state row first: concurrent refreshes queue here instead of interleaving.
    await tx.query(dialect.placeholders('UPDATE stats_rollup_state SET built = -1 WHERE name = ?'), [CLUSTER_EVENT_ROLLUP]);
    const [state] = (await tx.query(dialect.placeholders('SELECT generation FROM stats_rollup_state WHERE name = ?'), [CLUSTER_EVENT_ROLLUP])) as { generation: number }[];
    await tx.query(`DELETE FROM cluster_event_rollup`);
    // Once per event (scope 'e') and once per event and district ('d'); each per kind, and summed
    // over the kinds in the upper-case scope (a grouping that does not ask for the kind reads a
    // sixth of the rows: the analysts' district × month view 542 at scale 1).
    const district = { from: 'cluster_event t LEFT JOIN cluster_event_federal_district j ON j.event_id = t.id', key: 'j.federal_district_id' };
    for (const [scope, by] of [['e', null], ['d', district]] as const) {
      for (const kind of ['t.kind', null]) {
        const keys = [by?.key, kind, year, month].filter((key): key is string => key != null);
        await tx.query(
          `INSERT INTO cluster_event_rollup (${columns})
           SELECT '${kind ? scope : scope.toUpperCase()}', ${by?.key ?? 'NULL'}, ${kind ?? 'NULL'}, ${year}, ${month}, ${measures}
           FROM ${by?.from ?? 'cluster_event t'} GROUP BY ${keys.join(', ')}`,
        );
      }
    }
    await refreshKeptCounts(tx, CLUSTER_EVENT_ROLLUP);
    // Writes after the generation was read bump it again: the summary is then stale, never wrong.
    await tx.query(dialect.placeholders('UPDATE stats_rollup_state SET built = ? WHERE name = ?'), [Number(state.generation), CLUSTER_EVENT_ROLLUP]);
  });
}

/** The summaries of a stage, rebuilt once its writes pause (derived-data.ts arms it after every commit). */
export const ROLLUPS_AFTER_WRITES: LaterRebuild = {
  name: 'stats-rollups',
  rebuild: refreshRollups,
};
