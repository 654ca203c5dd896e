import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source';
import type { Dialect } from '../../db/dialect';
import { runIn } from '../../db/prepared-statements';
import { type NodeType, isNodeType, toGlobalId } from '../../shared/global-id';
import { WRITE_KINDS } from './write-kinds';
import { referencesOf } from './write-rows';
import { tagsOf } from '../../shared/cache-tags';
import { Stage } from '../../shared/stage';
import { type RecordDocument, type WriteAction, type WriteEvent } from './write-events';
import { inDraft } from './stage';
import { NOTIFY_OUTBOX } from './outbox-signal';

/*
 * The change outbox: one row per record and stage a write changed, appended in the write's own
 * transaction (an in-transaction handler of the write events, subscribed by followWrites), so a
 * change is in the outbox exactly when it committed. Its id is the change feed's cursor.
 *
 * Where it lives: in the drafts' database (the `draft` schema on PostgreSQL, graph.draft.sqlite
 * on SQLite), as the revisions do. Both stages' writes reach it in their own transaction without
 * a connection of its own: a DRAFT write's connection is the drafts', a PUBLISHED write's is the
 * published database's, which sees the drafts as `draft.` (and writes its revisions there
 * already). So both stages append to ONE table, in one order, and no connection takes a lock
 * in a new order: on SQLite a published write locks the published file and then the drafts'
 * (as publish does today), a draft write the drafts' only; keeping it in the published database
 * instead would need the drafts' connection to attach the published file and lock the two the
 * other way round, which two processes writing at once (the server and the import CLI) could
 * deadlock on. On PostgreSQL both schemas are one database: every row commits with its write.
 */

/** The outbox's table, as the connection of a write of `stage` names it. */
export function outboxTable(stage: Stage): string {
  return stage === Stage.DRAFT ? 'change_outbox' : inDraft('change_outbox');
}

/** One row of the outbox. */
export interface OutboxRow {
  /** The cursor: increasing in commit order. */
  id: number;
  type: NodeType;
  key: string;
  globalId: string;
  action: WriteAction;
  version: number;
  stage: Stage;
  /** When the write appended it (ISO). */
  at: string;
  /** What a cache purges: the record's global ID and `list:<Type>`. */
  tags: string[];
}

/**
 * Appends `events` (one write's, in the order it emitted them) to the outbox in the write's
 * transaction. On PostgreSQL the table is locked first (EXCLUSIVE: readers go on, appenders
 * wait) so that ids commit in the order they are taken: a reader past id N never misses a row
 * that commits later with a smaller id. On SQLite the write's file lock orders them already.
 * On PostgreSQL the transaction also notifies the other processes' readers (outbox-signal.ts).
 * Resolves with the ids of the rows appended, in the order of `events`, and records each event's
 * ({@link outboxIdsOf}): this process's readers of the outbox then know its own rows once the
 * write has committed.
 */
export async function appendToOutbox(events: readonly WriteEvent[], tx: { manager: EntityManager; dialect: Dialect }, now: () => number = Date.now): Promise<number[]> {
  if (events.length === 0) return [];
  const table = outboxTable(events[0].stage);
  if (tx.dialect.name === 'postgres') await tx.manager.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`);
  const at = new Date(now()).toISOString();
  // Many rows per statement (an import appends one per record): at most 8 parameters x 100.
  for (let start = 0; start < events.length; start += APPEND_BATCH) {
    const batch = events.slice(start, start + APPEND_BATCH);
    const params = batch.flatMap((event) => [
      event.type,
      event.key,
      toGlobalId(event.type, event.key),
      event.action,
      event.version,
      event.stage,
      at,
      JSON.stringify(tagsOfChange(event)),
    ]);
    const values = batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    const rows = await runIn(tx.manager, tx.dialect, `INSERT INTO ${table} (node_type, node_id, global_id, action, version, stage, at, tags) VALUES ${values} RETURNING id`, params);
    // The ids are taken in the order of the rows given; RETURNING may list them in any order.
    const ids = rows.map((row) => Number(row.id)).sort((a, b) => a - b);
    if (ids.length !== batch.length) throw new Error(`change_outbox: expected ${batch.length} ids of the rows appended; received ${ids.length}`);
    batch.forEach((event, index) => appended.set(event, ids[index]));
  }
  // Every listening process hears of it when, and only if, the write commits (outbox-signal.ts).
  if (tx.dialect.name === 'postgres') await tx.manager.query(NOTIFY_OUTBOX);
  return events.map((event) => appended.get(event)!);
}

/** The outbox row each event was appended as, by this process (appendToOutbox). */
const appended = new WeakMap<WriteEvent, number>();

/**
 * The ids of the outbox rows `events` were appended as by this process, in their order (none for
 * an event appended by none: a write without the outbox). Once the after-commit handlers have
 * them, the rows have committed.
 */
export function outboxIdsOf(events: readonly WriteEvent[]): number[] {
  return events.flatMap((event) => appended.get(event) ?? []);
}

/**
 * What a change makes stale, for a cache to purge: the record and its type's lists (tagsOf), and
 * each record it began or stopped referencing. Their answers list it without holding its ID before
 * the change: a session moved from forum B to forum A leaves B's page and joins A's; a new session
 * joins its forum's page. A record whose references stay as they were (a title edited) tags no
 * other record: the answers that show it hold its ID. A published change whose `before` is null
 * (first published, or loaded before documents were kept) began referencing all it references.
 */
export function tagsOfChange(event: WriteEvent): string[] {
  const kind = WRITE_KINDS.find((k) => k.type === event.type);
  const referenced = (document: RecordDocument | null) => new Set(kind && document ? referencesOf(kind, document).map((ref) => toGlobalId(ref.type, ref.key)) : []);
  const before = referenced(event.before);
  const after = referenced(event.after);
  const changed = [...[...before].filter((id) => !after.has(id)), ...[...after].filter((id) => !before.has(id))];
  return [...new Set([...tagsOf(event.type, event.key), ...changed])];
}

/** Rows appended per INSERT. */
const APPEND_BATCH = 100;

/** What to read of the outbox: rows after the cursor `after`, of one stage and some types where given, oldest first. */
export interface OutboxQuery {
  after: number;
  limit: number;
  stage?: Stage;
  types?: readonly NodeType[];
}

/** Rows of the outbox of `drafts` (the drafts' database, where it lives). */
export async function readOutbox(drafts: Database, query: OutboxQuery): Promise<OutboxRow[]> {
  const where = ['id > ?'];
  const params: unknown[] = [query.after];
  if (query.stage) {
    where.push('stage = ?');
    params.push(query.stage);
  }
  if (query.types) {
    where.push(drafts.dialect.inArray('node_type'));
    params.push(drafts.dialect.arrayParam([...query.types]));
  }
  params.push(query.limit);
  // Its read connections, outside any write transaction: only committed rows.
  const rows = await drafts.read(`SELECT * FROM change_outbox WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`, params);
  return rows.map((row) => rowOf(row as Record<string, unknown>));
}

/**
 * The oldest row the outbox of `drafts` holds (0 while it is empty): older rows were pruned
 * (webhooks/outbox-prune.ts). A reader resuming after a cursor below it gets the rows from it on.
 */
export async function oldestOutboxId(drafts: Database): Promise<number> {
  const [row] = await drafts.read('SELECT MIN(id) AS id FROM change_outbox', []);
  return Number(row?.id ?? 0);
}

/** The newest cursor of the outbox of `drafts` (0 while it is empty). */
export async function lastOutboxId(drafts: Database): Promise<number> {
  const [row] = await drafts.read('SELECT MAX(id) AS id FROM change_outbox', []);
  return Number(row?.id ?? 0);
}

function rowOf(row: Record<string, unknown>): OutboxRow {
  const type = String(row.node_type);
  if (!isNodeType(type)) throw new Error(`change_outbox ${String(row.id)}: expected a node type; received ${JSON.stringify(type)}`);
  return {
    id: Number(row.id),
    type,
    key: String(row.node_id),
    globalId: String(row.global_id),
    action: String(row.action) as WriteAction,
    version: Number(row.version),
    stage: String(row.stage) as Stage,
    at: String(row.at),
    tags: JSON.parse(String(row.tags)) as string[],
  };
}
