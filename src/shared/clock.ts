/**
 * Where the time windows of the server (the rate limiter's, the response cache's, the concurrency
 * limiter's) read the time. The server runs on {@link systemClock}; a test hands in a clock it
 * moves itself, so that a window ends when the test says, not when the wall clock gets there.
 * The shape is lru-cache's `perf`, so a cache's TTLs follow the same clock.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
