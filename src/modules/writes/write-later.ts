import type { DataSource, EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source';
import { serialized } from './write-core';

/*
 * Derived data rebuilt whole once a stage's writes pause (the stats summaries, the common words'
 * top lists): their subscribers arm a rebuild after each commit (derived-data.ts), and a write
 * only marks them stale in its transaction (triggers), so readers compute live, with the same
 * answers, until the rebuild has run.
 */

/** A rebuild of a stage's derived data, whole, after its writes. */
export interface LaterRebuild {
  name: string;
  /** Rebuilds it in `target`'s transaction, or in one of its own. */
  rebuild(target: DataSource | EntityManager): Promise<void>;
  /** Rebuilds `database`'s behind the writes queued on `queue` (without it: `rebuild`, behind them). */
  run?(database: Database, queue: Database): Promise<void>;
}

/** Runs `rebuild` of `database` behind the writes queued on `queue`. */
function runOf(rebuild: LaterRebuild, database: Database, queue: Database): Promise<void> {
  return rebuild.run ? rebuild.run(database, queue) : behindWrites(database, queue, () => rebuild.rebuild(database.dataSource));
}

/**
 * How long a stage's writes must pause before its rebuilds run. A rebuild reads the whole stage
 * (the top lists about a second per ten thousand documents, the summaries a second at the
 * benchmark's scale), and every write waits while it writes: the published stage's are rebuilt
 * soon after a publish, the drafts' once editors pause.
 */
const QUIET_MS = { published: 250, draft: 5_000 };

/** The rebuilds armed per database, and those running. */
const pending = new WeakMap<Database, Map<string, NodeJS.Timeout>>();
const running = new WeakMap<Database, Set<string>>();

/** Runs `work` behind the writes queued on `queue`, unless `database` was closed meanwhile. */
export function behindWrites(database: Database, queue: Database, work: () => Promise<void>): Promise<void> {
  return serialized(queue, async () => (database.dataSource.isInitialized ? work() : undefined));
}

/** Runs `rebuild` of `database` once its writes have paused for QUIET_MS (the timer restarts with each call); one run at a time. */
export function rebuildLater({ database, queue }: { database: Database; queue: Database }, rebuild: LaterRebuild): void {
  const timers = pending.get(database) ?? new Map<string, NodeJS.Timeout>();
  pending.set(database, timers);
  const busy = running.get(database) ?? new Set<string>();
  running.set(database, busy);
  const quiet = database === queue ? QUIET_MS.published : QUIET_MS.draft;
  const arm = () => {
    clearTimeout(timers.get(rebuild.name));
    const timer = setTimeout(() => {
      timers.delete(rebuild.name);
      if (busy.has(rebuild.name)) return arm();
      busy.add(rebuild.name);
      void runOf(rebuild, database, queue)
        .catch(() => undefined)
        .finally(() => busy.delete(rebuild.name));
    }, quiet);
    timer.unref();
    timers.set(rebuild.name, timer);
  };
  arm();
}

/** Whether a rebuild of `database` is armed and not yet run. */
export function rebuildArmed(database: Database): boolean {
  return (pending.get(database)?.size ?? 0) > 0;
}

/** Runs `rebuilds` of `database` now, dropping those armed: for tools and tests that read right after writing. */
export async function rebuildNow(database: Database, queue: Database, rebuilds: readonly LaterRebuild[]): Promise<void> {
  const timers = pending.get(database);
  for (const rebuild of rebuilds) {
    clearTimeout(timers?.get(rebuild.name));
    timers?.delete(rebuild.name);
  }
  for (const rebuild of rebuilds) await runOf(rebuild, database, queue);
}
