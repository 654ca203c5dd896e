import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source';
import type { Dialect } from '../../db/dialect';
import { runIn } from '../../db/prepared-statements';
import { type NodeType, fromGlobalId } from '../../shared/global-id';
import { reindexChanged } from '../search/search.indexer';
import { refreshSearchTop, refreshSearchTopApart } from '../search/search.top';
import { refreshRollups } from '../stats/stats.rollup';
import { UserError } from './write-inputs';
import type { WriteKind } from './write-kinds';
import { type RecordDocument, referencesOf } from './write-rows';
import type { State } from './record-state';

/*
 * What every write shares: the stages and who writes, one write at a time per database, write
 * transactions, versions checked and revisions, the derived data a write rebuilds in its
 * transaction and what it leaves to rebuild after.
 */

/** The stage databases and who writes. */
export interface WriteScope {
  published: Database;
  draft: Database;
  /** The token's name: every revision says who. */
  actor: string;
  /** Called once a change of the published stage has committed (the response cache forgets). */
  onPublished: () => void;
}

/** What a write did: the record's key and its version after the write (nothing, with userErrors). */
export type WriteResult = { key: string; version: number | null; userErrors: UserError[] };

const queues = new WeakMap<Database, Promise<unknown>>();

/** Runs `work` after every other write of `database` has finished. */
export function serialized<T>(database: Database, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(database) ?? Promise.resolve();
  const next = previous.then(work, work);
  queues.set(database, next.catch(() => undefined));
  return next;
}

/**
 * Runs `work` in a write transaction of `database`. On SQLite it begins IMMEDIATE: the write
 * lock is taken first (waiting out another process's writer through the busy timeout), so a
 * transaction that reads before it writes never fails with SQLITE_BUSY when another connection
 * committed in between, as a deferred one would.
 */
export async function writeTransaction<T>(database: Database, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (database.dataSource.options.type !== 'sqlite') return database.dataSource.transaction(work);
  const runner = database.dataSource.createQueryRunner();
  const { manager } = runner;
  await runIn(manager, database.dialect, 'BEGIN IMMEDIATE');
  try {
    const result = await work(manager);
    await runIn(manager, database.dialect, 'COMMIT');
    return result;
  } catch (error) {
    await runIn(manager, database.dialect, 'ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

/** A failure the payload reports: nothing was written. */
export class Refused extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.message).join('; '));
  }
}

/** Appends a revision to `table`: the stage's own, or `inDraft('revision')` from the published connection. */
export async function addRevision(
  manager: EntityManager,
  dialect: Dialect,
  scope: WriteScope,
  change: { type: NodeType; key: string; action: string; version: number; changes: object },
  table = 'revision',
): Promise<void> {
  await runIn(manager, dialect, `INSERT INTO ${table} (node_type, node_id, action, version, actor, at, changes) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
    change.type,
    change.key,
    change.action,
    change.version,
    scope.actor,
    new Date().toISOString(),
    JSON.stringify(change.changes),
  ]);
}

/** The fields whose values differ, as {field: {from, to}}. */
export function diff(before: RecordDocument | null, after: RecordDocument | null): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const name of [...names].sort()) {
    const from = before?.[name] ?? null;
    const to = after?.[name] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) out[name] = { from, to };
  }
  return out;
}

/**
 * Keys of records whose search documents a change of `documents` touches: the record, and what
 * its link records name (a session's participants are found by their talks' positions).
 */
export function touched(kind: WriteKind, documents: (RecordDocument | null)[]): Partial<Record<NodeType, string[]>> {
  const out: Partial<Record<NodeType, string[]>> = {};
  const add = (type: NodeType, key: string) => (out[type] ??= []).includes(key) || out[type]!.push(key);
  for (const document of documents) {
    if (!document) continue;
    add(kind.type, document.key);
    for (const ref of referencesOf(kind, document)) if (ref.path.length === 3) add(ref.type, ref.key);
  }
  return out;
}

/**
 * The derived data of a write, in its transaction: the search documents of what it touched are
 * rebuilt; the stats summaries and the common words' top lists are marked stale by their
 * triggers in the same transaction (readers then compute live, with the same answers) and
 * rebuilt after the commit, in the background (refreshLater).
 */
export async function refreshDerived(manager: EntityManager, targets: Partial<Record<NodeType, string[]>>): Promise<void> {
  await reindexChanged(manager, targets);
}

/** The rebuilds waiting to run, per database. */
const pending = new WeakMap<Database, { rollups?: NodeJS.Timeout; top?: NodeJS.Timeout }>();

/**
 * How long a stage's writes must pause before its summaries and top lists are rebuilt. A rebuild
 * reads the whole stage (the top lists about a second per ten thousand documents, the summaries
 * a second at the benchmark's scale), and every write waits while it runs: the published
 * stage's are rebuilt soon after a publish, the drafts' once editors pause. Meanwhile reads
 * compute live, with the same answers.
 */
const QUIET_MS = { published: 250, draft: 5_000 };

/** Rebuilds the summaries and top lists of `database` after its writes, behind the writes queued on `queue`. */
export function refreshLater(database: Database, queue: Database): void {
  const timers = pending.get(database) ?? {};
  pending.set(database, timers);
  const quiet = database === queue ? QUIET_MS.published : QUIET_MS.draft;
  const arm = (key: 'rollups' | 'top', work: () => Promise<void>) => {
    if (timers[key]) clearTimeout(timers[key]);
    timers[key] = setTimeout(() => {
      delete timers[key];
      if (running.has(`${key}`)) return arm(key, work);
      running.add(key);
      void work()
        .catch(() => undefined)
        .finally(() => running.delete(key));
    }, quiet);
    timers[key].unref();
  };
  const running = runningOf(database);
  const alive = () => database.dataSource.isInitialized;
  arm('rollups', () => serialized(queue, async () => (alive() ? refreshRollups(database.dataSource) : undefined)));
  // The ranking reads apart where it can, so the stage's writes wait only for the lists' write.
  arm('top', () =>
    database.readsApart
      ? refreshSearchTopApart(database.dataSource, (sql, params) => database.read(sql, params ?? []), (work) => serialized(queue, async () => (alive() ? work() : undefined)))
      : serialized(queue, async () => (alive() ? refreshSearchTop(database.dataSource) : undefined)),
  );
}

const runs = new WeakMap<Database, Set<string>>();

/** The rebuilds of `database` running now. */
function runningOf(database: Database): Set<string> {
  let set = runs.get(database);
  if (!set) runs.set(database, (set = new Set()));
  return set;
}

/** Rebuilds the drafts' summaries and top lists shortly (after an import). */
export function refreshSoon(scope: WriteScope): void {
  refreshLater(scope.draft, scope.published);
}

/** Rebuilds now what refreshLater would: for tests and tools that read right after writing. */
export async function refreshNow(database: Database, queue: Database = database): Promise<void> {
  const timers = pending.get(database);
  if (timers?.rollups) clearTimeout(timers.rollups);
  if (timers?.top) clearTimeout(timers.top);
  pending.delete(database);
  await serialized(queue, async () => {
    await refreshRollups(database.dataSource);
    await refreshSearchTop(database.dataSource);
  });
}

/** The record a global ID names, where it is of `type`; a user error at `path` otherwise. */
export function keyOf(id: string, type: NodeType | null, path: readonly string[]): { type: NodeType; key: string } {
  let decoded;
  try {
    decoded = fromGlobalId(id, path.join('.'));
  } catch (error) {
    throw new Refused([UserError.of(path, 'INVALID', (error as Error).message)]);
  }
  if (type && decoded.type !== type) throw new Refused([UserError.of(path, 'INVALID', `expected the ID of a ${type}; received the ID of a ${decoded.type}`)]);
  return decoded;
}

export function checkVersion(state: State | null, expected: number, path: readonly string[], id: string): State {
  if (!state) throw new Refused([UserError.of(path.slice(0, -1).concat('id'), 'NOT_FOUND', `no record has the ID ${id}`)]);
  if (state.version !== expected) throw new Refused([versionConflict(path, expected, state.version)]);
  return state;
}

/** The CONFLICT of a write that expected version `expected` of a record at version `actual`. */
export function versionConflict(path: readonly string[], expected: number, actual: number): UserError {
  return UserError.of(path, 'CONFLICT', `expected version ${expected}, but the record is at version ${actual}: someone changed it since; read it again`);
}
