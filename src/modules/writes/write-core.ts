import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source';
import { type Dialect, chunksOf } from '../../db/dialect';
import { runIn, runOnceIn } from '../../db/prepared-statements';
import { type NodeType, fromGlobalId } from '../../shared/global-id';
import { Stage } from '../../shared/stage';
import type { WriteEvents, WriteTx } from './write-events';
import { UserError } from './write-inputs';
import type { State } from './record-state';
import type { RecordDocument } from './write-rows';

/*
 * What every write shares: the stages and who writes, one write at a time per database, write
 * transactions and the events they emit, versions checked and revisions.
 */

/** The stage databases and who writes. */
export interface WriteScope {
  published: Database;
  draft: Database;
  /** The token's name: every revision says who. */
  actor: string;
  /** Where the writes' events go: the derived data and the caches that follow the writes subscribe there. */
  events: WriteEvents;
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

/**
 * Runs `work` in a write transaction of `stage`'s database: the events it emits go to the
 * in-transaction handlers of `scope.events` before the commit, and to the after-commit ones once
 * it has committed (never where `work` or a handler throws: nothing was written).
 */
export async function writeWithEvents<T>(scope: Pick<WriteScope, 'published' | 'draft' | 'events'>, stage: Stage, work: (tx: WriteTx) => Promise<T>): Promise<T> {
  const database = stage === Stage.DRAFT ? scope.draft : scope.published;
  const { result, events } = await writeTransaction(database, (manager) => scope.events.within(manager, database.dialect, stage, work));
  await scope.events.afterCommit(events, { stage, database, queue: scope.published });
  return result;
}

/** A failure the payload reports: nothing was written. */
export class Refused extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.message).join('; '));
  }
}

/**
 * The document `type`'s record `key` had at `version`: `current` (its document now) with the
 * changes its later revisions recorded undone, newest first; null where `current` is. What the
 * published stage holds the rows of, at its published version. `revisions` is the drafts'
 * revision table as `manager`'s connection names it (`inDraft('revision')` from the published one).
 */
export async function documentAt(
  manager: EntityManager,
  dialect: Dialect,
  change: { type: NodeType; key: string; current: RecordDocument | null; version: number },
  revisions = 'revision',
): Promise<RecordDocument | null> {
  if (!change.current) return null;
  const rows = await runIn(manager, dialect, `SELECT changes FROM ${revisions} WHERE node_type = ? AND node_id = ? AND version > ? ORDER BY id DESC`, [change.type, change.key, change.version]);
  const document: Record<string, unknown> = { ...change.current };
  for (const row of rows) {
    for (const [field, { from }] of Object.entries(JSON.parse(String(row.changes)) as Record<string, { from: unknown }>)) {
      if (from === null) delete document[field];
      else document[field] = from;
    }
  }
  return document as RecordDocument;
}


/** A revision to append: what changed in the record `key` of `type`, and its version after. */
export interface RevisionChange {
  type: NodeType;
  key: string;
  action: string;
  version: number;
  changes: object;
}

/** Appends a revision to `table`: the stage's own, or `inDraft('revision')` from the published connection. */
export function addRevision(manager: EntityManager, dialect: Dialect, scope: WriteScope, change: RevisionChange, table = 'revision'): Promise<void> {
  return addRevisions(manager, dialect, scope, [change], new Date().toISOString(), table);
}

/** Appends the revisions `changes`, made `at`, to `table` in their order, many a statement. */
export async function addRevisions(manager: EntityManager, dialect: Dialect, scope: WriteScope, changes: readonly RevisionChange[], at: string, table = 'revision'): Promise<void> {
  for (const chunk of chunksOf(dialect, changes, 7)) {
    await (chunk.length === 1 ? runIn : runOnceIn)(
      manager,
      dialect,
      `INSERT INTO ${table} (node_type, node_id, action, version, actor, at, changes) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      chunk.flatMap((change) => [change.type, change.key, change.action, change.version, scope.actor, at, JSON.stringify(change.changes)]),
    );
  }
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
