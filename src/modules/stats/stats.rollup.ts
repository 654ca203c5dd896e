import type { DataSource, EntityManager } from 'typeorm';
import { postgresDialect, sqliteDialect } from '../../db/dialect';
import { CLUSTER_EVENT_START_DATE } from './cluster-event-stats.types';
import { dateSortKey, monthKey, yearKey } from './stats.query';

/** Each summary, by its name in stats_rollup_state, and the tables whose writes make it stale. */
export const ROLLUP_SOURCES: Record<string, readonly string[]> = {
  cluster_event: ['cluster_event', 'cluster_event_federal_district'],
};

/**
 * Rebuilds every summary from its tables and records the generation it summed, in the caller's
 * transaction. Whoever writes a summary's tables calls it afterwards (the seed loader and the
 * synthetic generator do); until then the summary is stale and the stats are grouped live.
 */
export async function refreshRollups(target: DataSource | EntityManager): Promise<void> {
  const manager = 'manager' in target ? target.manager : target;
  const dialect = manager.connection.options.type === 'postgres' ? postgresDialect : sqliteDialect;
  const binary = dialect.binary;
  const date = CLUSTER_EVENT_START_DATE;
  const year = yearKey(date).expr;
  const month = monthKey(date).expr;
  const sort = binary(dateSortKey(date));
  const columns = `scope, federal_district_id, kind, year, month, n, min_start, max_start, sum_reported_cluster_count`;
  const measures = `COUNT(*), MIN(${sort}), MAX(${sort}), SUM(t.reported_cluster_count)`;
  await manager.transaction(async (tx) => {
    // The state row first: concurrent refreshes queue here instead of interleaving.
    await tx.query(`UPDATE stats_rollup_state SET built = -1 WHERE name = 'cluster_event'`);
    const [state] = (await tx.query(`SELECT generation FROM stats_rollup_state WHERE name = 'cluster_event'`)) as { generation: number }[];
    await tx.query(`DELETE FROM cluster_event_rollup`);
    // Per kind (scopes 'e' and 'd'), and without it (scopes 'E' and 'D': a grouping that does not
    // ask for the kind reads a sixth of the rows, the analysts' district × month view 542 at scale 1).
    for (const [scope, kind] of [['e', 't.kind'], ['E', 'NULL']]) {
      await tx.query(
        `INSERT INTO cluster_event_rollup (${columns})
         SELECT '${scope}', NULL, ${kind}, ${year}, ${month}, ${measures}
         FROM cluster_event t GROUP BY ${kind === 'NULL' ? '' : `${kind}, `}${year}, ${month}`,
      );
    }
    for (const [scope, kind] of [['d', 't.kind'], ['D', 'NULL']]) {
      await tx.query(
        `INSERT INTO cluster_event_rollup (${columns})
         SELECT '${scope}', j.federal_district_id, ${kind}, ${year}, ${month}, ${measures}
         FROM cluster_event t LEFT JOIN cluster_event_federal_district j ON j.event_id = t.id
         GROUP BY j.federal_district_id, ${kind === 'NULL' ? '' : `${kind}, `}${year}, ${month}`,
      );
    }
    // Writes after the generation was read bump it again: the summary is then stale, never wrong.
    await tx.query(dialect.placeholders(`UPDATE stats_rollup_state SET built = ? WHERE name = 'cluster_event'`), [Number(state.generation)]);
  });
}
