import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/data-source';
import { lastOutboxId, outboxIdsOf, readOutbox } from '../modules/writes/outbox';
import type { WriteEvent, WriteEvents } from '../modules/writes/write-events';
import { type Clock } from '../shared/clock';
import { throttled } from '../shared/redis';
import { Stage } from '../shared/stage';
import { type CacheStore, MemoryCacheStore } from './cache-store';
import { RedisCacheStore } from './redis-cache-store';
import { Rerun } from '../shared/rerun';

/*
 * The memory store of the response cache follows the change outbox. This process purges its
 * cache when its own publishes commit (server.ts, the write events' after-commit phase); another
 * process's (a second instance on the same database, the import CLI on the same SQLite file)
 * reaches it only through the outbox, which every write appends to in its transaction. The
 * follower keeps a cursor (the outbox's newest row at boot) and, when woken (on PostgreSQL by the
 * outbox's NOTIFY, outbox-signal.ts) and every pollMs, reads the rows after it page by page and
 * purges the tags of the PUBLISHED rows: one purge per page. This process's own rows come by too;
 * its write purges them once committed, so the follower hears this process's writes
 * (`hearOwnWrites`: the ids each recorded as it appended them, outboxIdsOf) and skips those rows.
 * Where a rolled-back transaction's ids are never given again (PostgreSQL's sequences:
 * Dialect.rolledBackIdsReused) it hears them in the write's transaction: a rolled-back write's
 * ids are never read, and the read that the commit's NOTIFY wakes cannot come before them.
 * Elsewhere (SQLite) it hears them once purged, after the commit: a rolled-back write's id can
 * be taken again by another process's row there; should a read see a row in the moment
 * between the commit and the after-commit handlers, it purges it as any other: a second purge,
 * never a missed one. An answer kept since the write's purge was computed after the commit (the
 * store keeps no answer computed before a later purge), so the skipped purge drops nothing stale.
 * With Redis the store is shared, and the writer's purge serves every instance: no follower.
 */

export interface CacheFollowerOptions {
  /** The drafts' database, where the outbox lives. */
  drafts: Database;
  /** Drops the cached answers holding any of `tags`. */
  purge(tags: readonly string[]): Promise<number>;
  /** How often to read the outbox besides the wake-ups. */
  pollMs: number;
  /** Rows per read. */
  batch?: number;
  /** A read failed: the next wake-up or poll retries from the same cursor. */
  onError(error: unknown): void;
}

const BATCH = 500;
/** The ids of this process's purged rows held until the cursor passes them; past it, a row purges twice. */
const HELD_IDS = 10_000;

export class CacheFollower {
  private cursor: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly reads = new Rerun(() => this.readNew(), () => this.stopped);
  /** The rows after the cursor that this process appended and has purged already. */
  private readonly purged = new Set<number>();
  /** Rows read, purges made, and published rows skipped as this process's own, so far (for tests and the log). */
  readonly stats = { rows: 0, purges: 0, skipped: 0 };

  constructor(private readonly options: CacheFollowerOptions) {}

  /** The cursor: the last row of the outbox read (null until the first look at the outbox). */
  get position(): number | null {
    return this.cursor;
  }

  /**
   * Starts at the outbox's newest row (what committed before is in no answer kept yet), then reads
   * every pollMs. Throws when the outbox cannot be read (as the change feed's start does): a
   * cursor guessed later could skip what committed meanwhile.
   */
  async start(): Promise<void> {
    if (this.cursor !== null || this.stopped) return;
    this.cursor = await lastOutboxId(this.options.drafts);
    if (this.stopped) return;
    this.timer = setInterval(() => void this.wake(), this.options.pollMs);
    // The poll never keeps the process alive: the server's listener does, and stop() ends it.
    this.timer.unref();
  }

  /** A read now (until started: nothing); one at a time, and one more after it when woken meanwhile. */
  wake(): Promise<void> {
    if (this.stopped || this.cursor === null) return Promise.resolve();
    return this.reads.run();
  }

  /**
   * Hears this process's PUBLISHED writes on `events` and skips their outbox rows (ownRows): in
   * the write's transaction where rolled-back ids are never given again, else after the commit,
   * once the after-commit handlers registered before this call (the write's own purge) have run.
   */
  hearOwnWrites(events: WriteEvents): void {
    const own = (written: readonly WriteEvent[]) => {
      if (written[0]?.stage === Stage.PUBLISHED) this.ownRows(outboxIdsOf(written));
    };
    if (this.options.drafts.dialect.rolledBackIdsReused) events.onWrite('after-commit', own);
    else events.onWrite('in-transaction', async (written) => own(written));
  }

  /** The outbox rows of this process's write, which the write purges itself once committed: a read after the cursor skips them. */
  ownRows(ids: readonly number[]): void {
    for (const id of ids) {
      // A row the cursor passed was purged by a read already; past the bound, a row purges twice.
      if ((this.cursor !== null && id <= this.cursor) || this.purged.size >= HELD_IDS) continue;
      this.purged.add(id);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.reads.settled();
  }

  /** The rows after the cursor, page by page, each page's published tags purged. */
  private async readNew(): Promise<void> {
    const { drafts } = this.options;
    const batch = this.options.batch ?? BATCH;
    try {
      for (;;) {
        const rows = await readOutbox(drafts, { after: this.cursor!, limit: batch });
        if (rows.length === 0) break;
        // Drafts change no published answer, and this process's writes purge their own rows: a page of them purges nothing.
        // Sorted before the purge: rows told meanwhile were read as any other's.
        let own = 0;
        let published = 0;
        const tags = new Set<string>();
        for (const row of rows) {
          if (this.purged.has(row.id)) own += 1;
          else if (row.stage === Stage.PUBLISHED) {
            published += 1;
            for (const tag of row.tags) tags.add(tag);
          }
        }
        if (published > 0) {
          await this.options.purge([...tags]);
          this.stats.purges += 1;
        }
        this.stats.rows += rows.length;
        this.stats.skipped += own;
        this.cursor = rows[rows.length - 1].id;
        for (const id of this.purged) if (id <= this.cursor) this.purged.delete(id);
        if (rows.length < batch) break;
      }
    } catch (error) {
      this.options.onError(error);
    }
  }
}

/**
 * Where the response cache keeps its answers: in Redis with REDIS_URL (shared by the instances),
 * else in memory, followed by a CacheFollower where the outbox is (the draft stage); the server
 * starts it, wakes it on the outbox's signal, and stops it.
 */
export function createCacheStore(config: Config, options: { logger: Logger; clock: Clock; drafts: Database | null }): { store: CacheStore; follower: CacheFollower | null } {
  const { logger, clock } = options;
  if (config.redisUrl) {
    const store = new RedisCacheStore(config.redisUrl, {
      prefix: config.responseCachePolicy.redisPrefix,
      onError: throttled((suppressed, error: Error, doing: string) => logger.warn({ err: error.message, doing, suppressed }, 'response cache: Redis unavailable, answering without the cache'), clock.now),
    });
    return { store, follower: null };
  }
  const store = new MemoryCacheStore({ maxBytes: config.responseCacheMb * 1024 * 1024, clock });
  const follower = options.drafts
    ? new CacheFollower({
        drafts: options.drafts,
        purge: (tags) => store.purge(tags),
        pollMs: config.subscriptions.pollMs,
        onError: (error) => logger.warn({ err: error }, 'response cache: a read of the outbox for other processes\' changes failed; the next one retries'),
      })
    : null;
  return { store, follower };
}
