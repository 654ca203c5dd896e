import type { Database } from '../../db/data-source';
import type { Clock } from '../../shared/clock';
import { Stage } from '../../shared/stage';
import { readOutbox } from '../writes/outbox';
import { webhookHeaders } from './webhook-signature';
import { type PruneResult, pruneOutbox } from './outbox-prune';
import { type WebhookDeliveryRow, type WebhookEndpointRow, claimDelivery, disableEndpoint, releaseDelivery, enqueue, listEndpoints, pendingDeliveries, recordAttempt } from './webhook-store';

/*
 * The delivery worker: one loop per server process, started and stopped with the server. Each
 * pass, for every enabled endpoint, it queues the PUBLISHED outbox rows past the endpoint's
 * position (a delivery each, in the published database), then sends what is due, oldest change
 * first. What it knows is in the tables: a process that dies between a write and its delivery
 * loses nothing, since the outbox row committed with the write and the next process's worker
 * queues from the endpoint's position.
 *
 * - At least once: a delivery is DELIVERED once the receiver answered 2xx; a crash between the
 *   answer and the record of it sends it again, with the same webhook-id.
 * - In order per record: a record's later change waits while an earlier one is not delivered
 *   (due later, or failing); other records go on.
 * - Retries on the schedule (WEBHOOK_RETRY_SCHEDULE): after the n-th failed attempt the next is
 *   due schedule[n-1] later; past the schedule's end the delivery is FAILED (a replay sends it again).
 * - 410 Gone disables the endpoint (the delivery is GONE).
 * - A receiver that does not answer at all ends its endpoint's pass: one attempt per pass.
 * - Several processes on one database: each attempt is claimed first (its next attempt moved
 *   past the attempt's longest wait), so one process sends it; a process killed mid-attempt
 *   leaves it due again once that time has passed.
 * - The outbox is pruned from the same loop, at most every PRUNE_EVERY_MS per process: rows
 *   older than the retention that no enabled endpoint still needs (outbox-prune.ts).
 */

export interface WebhookWorkerOptions {
  published: Database;
  drafts: Database;
  clock: Clock;
  retryScheduleMs: readonly number[];
  pollMs: number;
  timeoutMs: number;
  /** Outbox rows older than this are pruned (OUTBOX_RETENTION_HOURS); never, where absent. */
  outboxRetentionMs?: number;
  onError?: (error: unknown) => void;
}

/** How often a process prunes the outbox, at most: a prune is a few statements, the retention hours or days. */
export const PRUNE_EVERY_MS = 10 * 60_000;

/** Deliveries sent per endpoint per pass; outbox rows queued per read. */
const BATCH = 200;

export class WebhookWorker {
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  /** Set by stop(): a pass running ends between deliveries. */
  private closing = false;
  private readonly inFlight = new Set<AbortController>();
  private prunedAt = -Infinity;

  constructor(private readonly options: WebhookWorkerOptions) {}

  /** Starts the loop: a pass now, then every pollMs (and whenever `wake` is called). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** A pass soon: a publish committed. */
  wake(): void {
    if (!this.stopped) this.schedule(0);
  }

  /** One pass after those running or queued; resolves when it is done (tests and tools call it directly). */
  runOnce(): Promise<void> {
    const next = this.chain.then(() => this.pass());
    this.chain = next.catch((error: unknown) => this.options.onError?.(error));
    return this.chain;
  }

  /** Stops the loop: no new pass, requests in flight aborted (their deliveries stay PENDING), the pass running awaited. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const controller of this.inFlight) controller.abort();
    await this.chain;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runOnce().then(() => {
        if (!this.stopped && !this.timer) this.schedule(this.options.pollMs);
      });
    }, ms);
    // The loop never keeps the process alive: the server's listener does, and stop() ends it.
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    const { published } = this.options;
    for (const endpoint of await listEndpoints(published, { enabledOnly: true })) {
      if (this.closing) return;
      await this.queue(endpoint);
      await this.deliver(endpoint);
    }
    if (this.options.outboxRetentionMs !== undefined && this.options.clock.now() - this.prunedAt >= PRUNE_EVERY_MS && !this.closing) await this.prune();
  }

  /** Prunes the outbox now (the loop does every PRUNE_EVERY_MS): rows older than the retention no enabled endpoint needs. */
  async prune(): Promise<PruneResult> {
    const now = this.options.clock.now();
    this.prunedAt = now;
    if (this.options.outboxRetentionMs === undefined) return { deleted: 0, floor: 0 };
    return pruneOutbox(this.options.published, this.options.drafts, { before: now - this.options.outboxRetentionMs });
  }

  /** Queues the published changes past the endpoint's position. */
  private async queue(endpoint: WebhookEndpointRow): Promise<void> {
    let after = endpoint.queuedThrough;
    for (;;) {
      const rows = await readOutbox(this.options.drafts, { after, limit: BATCH, stage: Stage.PUBLISHED });
      if (rows.length === 0) return;
      await enqueue(this.options.published, endpoint, rows, this.options.clock.now());
      after = rows[rows.length - 1].id;
      if (rows.length < BATCH) return;
    }
  }

  /** Sends the endpoint's due deliveries, oldest change first, each record's in order. */
  private async deliver(endpoint: WebhookEndpointRow): Promise<void> {
    const { published, clock, retryScheduleMs } = this.options;
    const waiting = new Set<string>();
    for (const delivery of await pendingDeliveries(published, endpoint.id, BATCH)) {
      const record = `${delivery.type}:${delivery.key}`;
      if (waiting.has(record)) continue;
      if (delivery.nextAttemptAt > clock.now()) {
        waiting.add(record);
        continue;
      }
      if (this.closing) return;
      // Another process's worker may have it: each attempt is claimed first.
      if (!(await claimDelivery(published, delivery, clock.now() + 2 * this.options.timeoutMs))) {
        waiting.add(record);
        continue;
      }
      const answer = await this.send(endpoint, delivery);
      const at = clock.now();
      if (answer.status !== null && answer.status >= 200 && answer.status < 300) {
        await recordAttempt(published, delivery, { status: 'DELIVERED', responseStatus: answer.status, error: null, nextAttemptAt: at, at });
      } else if (answer.status === 410) {
        await recordAttempt(published, delivery, { status: 'GONE', responseStatus: 410, error: 'the receiver answered 410 Gone: endpoint disabled', nextAttemptAt: at, at });
        await disableEndpoint(published, endpoint.id, `the receiver answered 410 Gone at ${new Date(at).toISOString()} (delivery ${delivery.id})`);
        return;
      } else {
        if (answer.aborted) return releaseDelivery(published, delivery);
        const wait = retryScheduleMs[delivery.attempts];
        const error = answer.error ?? `expected a 2xx answer; received ${answer.status}`;
        await recordAttempt(published, delivery, { status: wait === undefined ? 'FAILED' : 'PENDING', responseStatus: answer.status, error, nextAttemptAt: at + (wait ?? 0), at });
        // No answer at all (refused, reset, timed out): the receiver is down, and the endpoint's
        // other deliveries would only wait out the same failure; they are tried on the next pass.
        if (answer.status === null) return;
        waiting.add(record);
      }
    }
  }

  /** One attempt: the receiver's status, or the error that stopped it (no redirects followed: a 3xx is a failure). */
  private async send(endpoint: WebhookEndpointRow, delivery: WebhookDeliveryRow): Promise<{ status: number | null; error: string | null; aborted: boolean }> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(new Error(`no answer within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
    try {
      const timestamp = Math.floor(this.options.clock.now() / 1000);
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: webhookHeaders(endpoint.secrets, delivery.webhookId, timestamp, delivery.body),
        body: delivery.body,
        redirect: 'manual',
        signal: controller.signal,
      });
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status, error: null, aborted: false };
    } catch (error) {
      const reason = controller.signal.reason instanceof Error ? controller.signal.reason.message : ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message;
      return { status: null, error: `the request failed: ${reason}`, aborted: this.closing };
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
  }
}
