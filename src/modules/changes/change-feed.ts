import type { Database } from '../../db/data-source';
import type { Context } from '../../context';
import type { NodeType } from '../../shared/global-id';
import { Stage } from '../../shared/stage';
import { type OutboxRow, lastOutboxId, readOutbox } from '../writes/outbox';
import { Rerun } from '../../shared/rerun';

/*
 * The change feed of one process: ONE reader tails the change outbox (the source of truth, in
 * the drafts' database) for every subscriber, and hands each row to the subscribers whose filter
 * takes it. It reads when this process's writes commit (wake, from the write events' after-commit
 * phase), on PostgreSQL when another process's write commits (its NOTIFY, writes/outbox-signal.ts),
 * and every pollMs besides (SQLite's only way to hear the import CLI; on PostgreSQL, what covers a
 * listener's reconnection): each instance tails the same outbox, which stays the truth.
 *
 * A subscriber with a cursor (`after`) first replays the rows after it from the outbox, page by
 * page (its own reads: a replay is that subscriber's), then takes the live rows, none twice and
 * none missed: live rows that arrive while it replays wait in its queue, and those the replay
 * read already are dropped. A cursor older than the oldest row the outbox still holds (it was
 * pruned) replays from the oldest held. A subscriber without a cursor starts at the feed's
 * position: the rows it reads next.
 *
 * A slow subscriber never holds memory without bound: past queueLength rows waiting, its queue
 * is dropped and it ends with FEED_OVERFLOW, which the transports send as a coded error, so the
 * client reconnects with the cursor of the last change it took.
 */

/** What a subscription's context holds beside a request's: the process's feed, and who hears of each change sent. */
/** A subscription's context (graphql-ws, graphql-sse): a request's, with the change feed it reads. */
export type SubscriptionContext = Context & { changeFeed?: ChangesContext };

export interface ChangesContext {
  feed: ChangeFeed;
  /** An SSE reconnection's Last-Event-ID: the cursor of a subscription that gives no `after`. */
  lastEventId?: string | null;
  /** Told the cursor of each event as it is resolved, in order (null for an event that is no change): the SSE ids. */
  resolved?: (cursor: string | null) => void;
}

/** Which changes one subscriber takes. */
export interface ChangeFilter {
  stages: ReadonlySet<Stage>;
  /** Only these types; null: all. */
  types: ReadonlySet<NodeType> | null;
  /** Only these records (global IDs); null: all. */
  ids: ReadonlySet<string> | null;
}

/** What a subscriber's stream yields: a change, or the end of a subscriber that fell too far behind. */
export type FeedItem = OutboxRow | FeedOverflow;

/** The last item of a subscriber whose queue overflowed. */
export interface FeedOverflow {
  overflow: true;
  /** The cursor of the last change it was given (null: none yet). */
  lastId: number | null;
  queueLength: number;
}

export function isOverflow(item: FeedItem): item is FeedOverflow {
  return (item as FeedOverflow).overflow === true;
}

export interface ChangeFeedOptions {
  /** The drafts' database, where the outbox lives. */
  drafts: Database;
  /** How often to read the outbox besides the wake-ups of this process's writes. */
  pollMs: number;
  /** The most rows one subscriber may have waiting. */
  queueLength: number;
  /** Rows per read (the shared tail and each replay). */
  batch?: number;
  /**
   * Awaited after each read of the outbox (the shared tail's and each replay's page) and before
   * its rows go to the subscribers: the subscriptions check there that the tokens they were
   * opened with are still live (token-watch.ts), so a change that committed after a revoke is
   * never handed to the revoked token's subscribers.
   */
  beforeDelivery?: () => Promise<void>;
  onError?: (error: unknown) => void;
}

const BATCH = 200;

export class ChangeFeed {
  private position = 0;
  private readonly subscribers = new Set<Subscriber>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private readonly reads = new Rerun(() => this.readNew(), () => this.stopped);
  private readyPromise: Promise<void> | null = null;
  /** Woken with no subscriber: nothing was read, and the position may be behind the outbox. */
  private idle = false;
  private catchingUp: Promise<void> | null = null;

  constructor(private readonly options: ChangeFeedOptions) {}

  /** Subscribers open now. */
  get size(): number {
    return this.subscribers.size;
  }

  /** Starts tailing at the outbox's newest row: a read every pollMs, and one whenever `wake` is called. */
  start(): Promise<void> {
    if (this.readyPromise) return this.readyPromise;
    this.stopped = false;
    this.readyPromise = lastOutboxId(this.options.drafts).then((id) => {
      this.position = Math.max(this.position, id);
      if (this.stopped) return;
      this.timer = setInterval(() => void this.wake(), this.options.pollMs);
      // The poll never keeps the process alive: the server's listener does, and stop() ends it.
      this.timer.unref();
    });
    return this.readyPromise;
  }

  /**
   * A read now (a write committed); one read at a time, and one more after it when woken meanwhile.
   * Without a subscriber nothing is read (an idle instance does not poll its outbox every second):
   * the first subscriber moves the position to the outbox's newest row instead.
   */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.subscribers.size === 0) {
      this.idle = true;
      return Promise.resolve();
    }
    return this.reads.run();
  }

  /**
   * A stream of the changes `filter` takes: those after `after` (replayed first), else those from
   * the feed's position on. The consumer ends it with return(); the feed with its end.
   */
  async subscribe(filter: ChangeFilter, after: number | null): Promise<AsyncIterableIterator<FeedItem>> {
    await this.start();
    if (this.idle && this.subscribers.size === 0) {
      // Subscribers arriving together share the one read; a later one finds a subscriber there.
      this.catchingUp ??= lastOutboxId(this.options.drafts)
        .then((id) => {
          this.position = Math.max(this.position, id);
          this.idle = false;
        })
        .finally(() => (this.catchingUp = null));
      await this.catchingUp;
    }
    const subscriber = new Subscriber(this, filter, after, this.options.queueLength);
    this.subscribers.add(subscriber);
    return subscriber;
  }

  /** Stops reading and ends every stream (after the rows already queued). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.reads.settled();
    for (const subscriber of [...this.subscribers]) subscriber.end();
    this.subscribers.clear();
  }

  /** @internal A subscriber's replay reads the outbox itself. */
  read(after: number, stages: ReadonlySet<Stage>, types: ReadonlySet<NodeType> | null): Promise<OutboxRow[]> {
    const stage = stages.size === 1 ? [...stages][0] : undefined;
    return readOutbox(this.options.drafts, { after, limit: this.options.batch ?? BATCH, stage, types: types ? [...types] : undefined });
  }

  /** @internal Before the rows of a read reach any subscriber. */
  async beforeDelivery(): Promise<void> {
    await this.options.beforeDelivery?.();
  }

  /** @internal */
  get pageSize(): number {
    return this.options.batch ?? BATCH;
  }

  /** @internal */
  forget(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
  }

  /** The rows after the position, page by page, each offered to every subscriber. */
  private async readNew(): Promise<void> {
    try {
      for (;;) {
        const rows = await readOutbox(this.options.drafts, { after: this.position, limit: this.pageSize });
        if (rows.length === 0) break;
        this.position = rows[rows.length - 1].id;
        await this.beforeDelivery();
        for (const subscriber of this.subscribers) subscriber.offer(rows);
        if (rows.length < this.pageSize) break;
      }
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}

/** One subscriber's stream: its queue, its replay, its end. */
class Subscriber implements AsyncIterableIterator<FeedItem> {
  private queue: OutboxRow[] = [];
  private head = 0;
  /** Rows offered live while the replay runs: they follow it. */
  private live: OutboxRow[] = [];
  /** Where the replay has read to; null once it is done (or there is none). */
  private replayAt: number | null;
  private lastId: number | null = null;
  private waiting: (() => void) | null = null;
  private ending: 'done' | 'overflow' | null = null;
  private finished = false;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly filter: ChangeFilter,
    after: number | null,
    private readonly queueLength: number,
  ) {
    this.replayAt = after;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<FeedItem> {
    return this;
  }

  /** Rows the feed read, in order. */
  offer(rows: readonly OutboxRow[]): void {
    if (this.finished || this.ending) return;
    const target = this.replayAt === null ? this.queue : this.live;
    for (const row of rows) if (this.takes(row)) target.push(row);
    if (this.queue.length - this.head + this.live.length > this.queueLength) {
      this.overflow();
      return;
    }
    this.signal();
  }

  end(): void {
    if (!this.ending) this.ending = 'done';
    this.signal();
  }

  async next(): Promise<IteratorResult<FeedItem>> {
    for (;;) {
      if (this.finished) return { value: undefined, done: true };
      if (this.ending === 'overflow') {
        this.finish();
        return { value: { overflow: true, lastId: this.lastId, queueLength: this.queueLength }, done: false };
      }
      if (this.head < this.queue.length) {
        const row = this.queue[this.head];
        this.head += 1;
        if (this.head > 1024 && this.head * 2 > this.queue.length) {
          this.queue = this.queue.slice(this.head);
          this.head = 0;
        }
        this.lastId = row.id;
        return { value: row, done: false };
      }
      if (this.ending === 'done') {
        this.finish();
        continue;
      }
      if (this.replayAt !== null) {
        await this.replayPage(this.replayAt);
        continue;
      }
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  async return(): Promise<IteratorResult<FeedItem>> {
    this.finish();
    return { value: undefined, done: true };
  }

  /** One page of the replay; the last one hands over to the live rows that waited. */
  private async replayPage(after: number): Promise<void> {
    const rows = await this.feed.read(after, this.filter.stages, this.filter.types);
    if (rows.length > 0) await this.feed.beforeDelivery();
    if (this.finished || this.replayAt === null) return;
    for (const row of rows) if (this.takes(row)) this.queue.push(row);
    const through = rows.length > 0 ? rows[rows.length - 1].id : after;
    this.replayAt = through;
    if (rows.length < this.feed.pageSize) {
      // Caught up with what had committed: the live rows the replay has not read follow.
      for (const row of this.live) if (row.id > through) this.queue.push(row);
      this.live = [];
      this.replayAt = null;
    }
  }

  private takes(row: OutboxRow): boolean {
    const { stages, types, ids } = this.filter;
    return stages.has(row.stage) && (!types || types.has(row.type)) && (!ids || ids.has(row.globalId));
  }

  private overflow(): void {
    this.queue = [];
    this.head = 0;
    this.live = [];
    this.ending = 'overflow';
    this.feed.forget(this);
    this.signal();
  }

  private finish(): void {
    this.finished = true;
    this.queue = [];
    this.live = [];
    this.feed.forget(this);
    this.signal();
  }

  private signal(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }
}

/** Both stages: what an EDITOR (and above) sees; a reader sees PUBLISHED only. */
export const ALL_STAGES: ReadonlySet<Stage> = new Set([Stage.PUBLISHED, Stage.DRAFT]);
