import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { onExchangeEnd } from './http-lifecycle';
import { type Clock, systemClock } from './shared/clock';
import { sendRequestError } from './shared/errors';

export interface ConcurrencyOptions {
  /** Operations executed at once; the rest wait, in order of arrival. */
  max: number;
  /** Operations that may wait; one more is refused with 503 SERVER_BUSY. */
  maxQueued: number;
  /** Where "full for how long" reads the time (the system clock unless a test moves its own). */
  clock?: Clock;
}

export interface ConcurrencyStats {
  active: number;
  queued: number;
}

export type ConcurrencyLimiter = RequestHandler & {
  readonly stats: ConcurrencyStats;
  /** Milliseconds every slot has been taken with none freed; 0 while a slot is free. */
  fullFor(): number;
};

/**
 * Runs at most `max` GraphQL operations at once and queues the rest (MAX_CONCURRENT_OPERATIONS).
 *
 * The event loop executes one operation's JavaScript at a time anyway; what running 50 at once
 * adds is that every operation's objects stay alive while the other 49 take turns, long enough
 * to survive V8's young-generation collections, be copied to the old generation and wait there
 * for a full collection. A few operations at a time (enough to keep the SQLite read connections
 * busy while JavaScript runs) finish quickly, and their garbage dies young.
 *
 * A slot is freed as soon as the answer is complete (`res.end`): what is left is bytes on their
 * way to the client, which a client that reads slowly must not turn into a held slot; or when the
 * exchange ends without an answer, however it ends (onExchangeEnd: a closed socket frees the
 * slots of the pipelined requests queued on it, whose responses never emit `close`). A waiting
 * request whose exchange ends is dropped without running.
 *
 * Not a library: p-limit and p-queue limit promises, not requests whose end is the response's
 * end or its socket's close, and they cannot drop a waiting request whose client went away.
 */
export function limitConcurrency(options: ConcurrencyOptions): ConcurrencyLimiter {
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  let active = 0;
  let queued = 0;
  /** When the slots last became all taken, or one was last freed: progress, either way. */
  let fullSince = now();
  const queue: (() => void)[] = [];
  const startNext = () => {
    while (active < options.max && queue.length > 0) queue.shift()!();
  };
  const handler: RequestHandler = (req, res, next) => {
    if (active >= options.max && queued >= options.maxQueued) {
      res.setHeader('retry-after', '1');
      sendRequestError(
        res,
        503,
        'SERVER_BUSY',
        `The server is busy: ${active} operations are running and ${queued} waiting (the most it queues is ${options.maxQueued}); retry in a moment.`,
      );
      return;
    }
    let state: 'waiting' | 'running' | 'done' = 'waiting';
    let enqueued = false;
    const release = () => {
      if (state === 'running') {
        active -= 1;
        fullSince = now();
        startNext();
      } else if (state === 'waiting' && enqueued) queued -= 1;
      state = 'done';
    };
    const run = () => {
      if (state !== 'waiting') return;
      // Its socket died while it waited (its own release may not have run yet): never started.
      if (req.socket.destroyed) {
        release();
        return;
      }
      if (enqueued) queued -= 1;
      state = 'running';
      active += 1;
      if (active === options.max) fullSince = now();
      onAnswerComplete(res, release);
      next();
    };
    onExchangeEnd(req, res, release);
    if (active < options.max) run();
    else {
      enqueued = true;
      queued += 1;
      queue.push(run);
    }
  };
  const limiter = Object.defineProperty(handler, 'stats', { get: (): ConcurrencyStats => ({ active, queued }) }) as ConcurrencyLimiter;
  // defineProperty, not Object.assign: assign would copy the getter's value once.
  return Object.assign(limiter, { fullFor: () => (active >= options.max ? now() - fullSince : 0) });
}

/**
 * Calls `done` once the response's last byte is handed to `res.end` (before it is written to the
 * socket). Node has no event for that moment of a response queued behind another on its socket,
 * so `end` is wrapped, as compression and on-headers wrap it.
 */
function onAnswerComplete(res: ServerResponse, done: () => void): void {
  const end = res.end;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    res.end = end;
    const result = (end as (...a: unknown[]) => ServerResponse).apply(this, args);
    done();
    return result;
  } as typeof res.end;
}
