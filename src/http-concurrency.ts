import type { RequestHandler } from 'express';
import { sendRequestError } from './shared/errors';

export interface ConcurrencyOptions {
  /** Operations executed at once; the rest wait, in order of arrival. */
  max: number;
  /** Operations that may wait; one more is refused with 503 SERVER_BUSY. */
  maxQueued: number;
}

/**
 * Runs at most `max` GraphQL operations at once and queues the rest (MAX_CONCURRENT_OPERATIONS).
 *
 * The event loop executes one operation's JavaScript at a time anyway; what running 50 at once
 * adds is that every operation's objects stay alive while the other 49 take turns, long enough
 * to survive V8's young-generation collections, be copied to the old generation and wait there
 * for a full collection. A few operations at a time (enough to keep the SQLite read connections
 * busy while JavaScript runs) finish quickly, and their garbage dies young. A queued request that
 * its client gives up on is dropped without running; a slot is freed when its response closes,
 * however it closes.
 *
 * Not a library: p-limit and p-queue limit promises, not requests whose end is the response's
 * `close` event, and they cannot drop a waiting request whose client went away.
 */
export function limitConcurrency(options: ConcurrencyOptions): RequestHandler & { readonly stats: { active: number; queued: number } } {
  let active = 0;
  const queue: (() => void)[] = [];
  let queued = 0;
  const startNext = () => {
    while (active < options.max && queue.length > 0) queue.shift()!();
  };
  const handler: RequestHandler = (_req, res, next) => {
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
    const run = () => {
      if (state !== 'waiting') return;
      if (enqueued) queued -= 1;
      state = 'running';
      active += 1;
      next();
    };
    res.once('close', () => {
      if (state === 'running') {
        active -= 1;
        startNext();
      } else if (state === 'waiting' && enqueued) queued -= 1;
      state = 'done';
    });
    if (active < options.max) run();
    else {
      enqueued = true;
      queued += 1;
      queue.push(run);
    }
  };
  // defineProperty, not Object.assign: assign would copy the getter's value once.
  return Object.defineProperty(handler, 'stats', { get: () => ({ active, queued }) }) as RequestHandler & { readonly stats: { active: number; queued: number } };
}
