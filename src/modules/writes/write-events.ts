import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source';
import type { Dialect } from '../../db/dialect';
import type { NodeType } from '../../shared/global-id';
import type { Stage } from '../../shared/stage';

/** A record of the seed format, as an event carries it before and after: its key and fields. */
export type RecordDocument = Record<string, unknown> & { key: string };

/*
 * What a write tells the data that follows it: one event per record it changed in one stage.
 * The write side owns the bus and imports none of its subscribers: the search index, the stats
 * summaries and the top lists subscribe where the bus is made (derived-data.ts), the response
 * cache where the server makes its own (server.ts). Two phases:
 *
 * - in-transaction: before the commit, in the write's transaction (its EntityManager and
 *   dialect): what must commit or roll back with the write (the search documents). A handler
 *   that throws fails the write, which is rolled back.
 * - after-commit: once the write has committed, never for one refused or rolled back: what
 *   follows it (summaries rebuilt once writes pause, caches that forget). A handler that throws
 *   cannot undo the write: it is reported (onError) and the handlers after it still run. They
 *   run before the write's caller has its answer, and the server's next write waits for them:
 *   a handler with slow work (a delivery) queues it and returns.
 */

/** What a write did to a record. */
export type WriteAction = 'CREATE' | 'UPDATE' | 'DELETE' | 'PUBLISH' | 'UNPUBLISH' | 'IMPORT';

/** One record changed in one stage by one write. */
export interface WriteEvent {
  type: NodeType;
  key: string;
  action: WriteAction;
  /** The stage whose rows changed: DRAFT (create, update, import, delete) or PUBLISHED (publish, unpublish, delete). */
  stage: Stage;
  /** The record's version after the write (a DELETE's: its DELETE revision's; a PUBLISH's: the version published). */
  version: number;
  /**
   * The record's document as the stage held it before the write (for the published stage: the
   * draft's document at its published version, rebuilt from the revisions); null where it had
   * none, or where none is kept (a record loaded before documents were kept).
   */
  before: RecordDocument | null;
  /** The record's document as the stage holds it now: null where the record left the stage. */
  after: RecordDocument | null;
}

/** The transaction a write emits its events in. */
export interface WriteTx {
  manager: EntityManager;
  dialect: Dialect;
  stage: Stage;
  /** Records an event of this transaction (its stage is the transaction's). */
  emit(event: Omit<WriteEvent, 'stage'>): void;
}

/** Where committed events were written: the stage's database, and the database whose queue orders the writes of both stages. */
export interface Committed {
  stage: Stage;
  database: Database;
  queue: Database;
}

export type InTransactionHandler = (events: readonly WriteEvent[], tx: { manager: EntityManager; dialect: Dialect }) => Promise<void>;
export type AfterCommitHandler = (events: readonly WriteEvent[], committed: Committed) => void | Promise<void>;

/** The bus of one pair of stage databases: handlers run in the order they were registered. */
export class WriteEvents {
  private readonly inTransaction: InTransactionHandler[] = [];
  private readonly afterCommitted: AfterCommitHandler[] = [];

  constructor(private readonly options: { onError?: (error: unknown, events: readonly WriteEvent[]) => void } = {}) {}

  /** Subscribes `handler` to one phase; returns what unsubscribes it. */
  onWrite(phase: 'in-transaction', handler: InTransactionHandler): () => void;
  onWrite(phase: 'after-commit', handler: AfterCommitHandler): () => void;
  onWrite(phase: 'in-transaction' | 'after-commit', handler: InTransactionHandler | AfterCommitHandler): () => void {
    const list: unknown[] = phase === 'in-transaction' ? this.inTransaction : this.afterCommitted;
    list.push(handler);
    return () => {
      const at = list.indexOf(handler);
      if (at >= 0) list.splice(at, 1);
    };
  }

  /**
   * Runs `work` in the transaction `manager` holds; the events it emits go to the in-transaction
   * handlers once it is done, in the same transaction, and are returned for afterCommit. Nothing
   * reaches a handler where `work` throws.
   */
  async within<T>(manager: EntityManager, dialect: Dialect, stage: Stage, work: (tx: WriteTx) => Promise<T>): Promise<{ result: T; events: WriteEvent[] }> {
    const events: WriteEvent[] = [];
    const result = await work({ manager, dialect, stage, emit: (event) => events.push({ ...event, stage }) });
    if (events.length > 0) for (const handler of this.inTransaction) await handler(events, { manager, dialect });
    return { result, events };
  }

  /** Hands committed `events` to the after-commit handlers, in order; a failure is reported and the rest still run. */
  async afterCommit(events: readonly WriteEvent[], committed: Committed): Promise<void> {
    if (events.length === 0) return;
    for (const handler of this.afterCommitted) {
      try {
        await handler(events, committed);
      } catch (error) {
        (this.options.onError ?? warn)(error, events);
      }
    }
  }
}

/** Without an onError: a process warning, since the write stands and its caller has its answer. */
function warn(error: unknown, events: readonly WriteEvent[]): void {
  const first = events[0];
  process.emitWarning(`a handler of ${events.length} committed write event(s) (first: ${first.action} ${first.type} ${first.key}) failed: ${(error as Error)?.message ?? String(error)}`, {
    code: 'WRITE_AFTER_COMMIT',
  });
}
