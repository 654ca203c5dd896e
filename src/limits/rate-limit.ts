import type { RequestHandler } from 'express';
import type Redis from 'ioredis';
import { type Clock, systemClock } from '../shared/clock';
import { connectRedis, redisAnswers } from '../shared/redis';

/** The state of one client's window after a request was counted (or refused). */
export interface RateLimitState {
  allowed: boolean;
  /** Points a client may spend per window. */
  limit: number;
  remaining: number;
  resetAt: Date;
}

/**
 * Cost points per client per fixed time window. A refused request spends nothing. Kept in memory
 * on one instance; in Redis when several instances must share the windows.
 */
export interface RateLimiter {
  /** The clock the windows are cut by, for whoever tells a client when its window resets. */
  readonly clock: Clock;
  consume(client: string, points: number): Promise<RateLimitState>;
  /** Whether the store behind the limiter answers (for /readyz). */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export interface RateLimitOptions {
  points: number;
  windowMs: number;
  /** Where the windows read the time (the system clock unless a test moves its own). */
  clock?: Clock;
}

function windowOf(now: number, windowMs: number): { start: number; resetAt: Date } {
  const start = Math.floor(now / windowMs) * windowMs;
  return { start, resetAt: new Date(start + windowMs) };
}

/** Windows in this process's memory. Old windows are dropped as new ones start. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly used = new Map<string, number>();
  private current = -1;
  readonly clock: Clock;

  constructor(private readonly options: RateLimitOptions) {
    this.clock = options.clock ?? systemClock;
  }

  async consume(client: string, points: number): Promise<RateLimitState> {
    const { start, resetAt } = windowOf(this.clock.now(), this.options.windowMs);
    if (start !== this.current) {
      this.used.clear();
      this.current = start;
    }
    const used = this.used.get(client) ?? 0;
    const allowed = used + points <= this.options.points;
    if (allowed) this.used.set(client, used + points);
    return { allowed, limit: this.options.points, remaining: this.options.points - (allowed ? used + points : used), resetAt };
  }

  async ready(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}
}

/**
 * Windows in Redis, shared by every instance: INCRBY on a key per client and window, expiring
 * with the window. The window a request counts in is cut by this process's clock (the key names
 * its start); Redis's own clock only drops the keys of past windows (PEXPIRE). When Redis does
 * not answer, requests are let through (and `onError` told): an outage of the limiter must not
 * become an outage of the API.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;
  readonly clock: Clock;

  constructor(
    url: string,
    private readonly options: RateLimitOptions & { onError?: (error: Error) => void },
  ) {
    this.clock = options.clock ?? systemClock;
    this.redis = connectRedis(url, (error) => this.options.onError?.(error));
  }

  async consume(client: string, points: number): Promise<RateLimitState> {
    const { start, resetAt } = windowOf(this.clock.now(), this.options.windowMs);
    const key = `graph:rate:${start}:${client}`;
    try {
      const results = await this.redis.multi().incrby(key, points).pexpire(key, this.options.windowMs * 2).exec();
      const used = Number(results?.[0]?.[1] ?? points);
      if (used > this.options.points) {
        await this.redis.decrby(key, points);
        return { allowed: false, limit: this.options.points, remaining: Math.max(this.options.points - (used - points), 0), resetAt };
      }
      return { allowed: true, limit: this.options.points, remaining: this.options.points - used, resetAt };
    } catch (error) {
      this.options.onError?.(error as Error);
      return { allowed: true, limit: this.options.points, remaining: this.options.points, resetAt };
    }
  }

  async ready(): Promise<boolean> {
    return redisAnswers(this.redis);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

/**
 * The flat charge of an operation refused before it ran (over a limit, a syntax or validation
 * error): a client that floods refusals spends its window as one that floods queries does
 * (100 refusals a minute with the default points).
 */
export const REFUSED_OPERATION_COST = 1_000;

/** What a client refused for a refusal it cannot pay for is told it was charged. */
export const REFUSED_OPERATION_CHARGE = `this refused operation costs ${REFUSED_OPERATION_COST} points`;

/**
 * What a client is told when its window cannot pay for a request: the message and Retry-After,
 * counted from `now` on the limiter's clock.
 */
export function rateLimitRefusal(what: string, state: RateLimitState, now: number): { message: string; retryAfter: number } {
  const retryAfter = Math.max(1, Math.ceil((state.resetAt.getTime() - now) / 1000));
  return {
    message: `Rate limit: ${what} and ${state.remaining} of ${state.limit} remain until ${state.resetAt.toISOString()}; retry after ${retryAfter} s.`,
    retryAfter,
  };
}

/**
 * Express middleware charging a flat `points` per request to the client's window (for routes
 * that are not GraphQL operations: the exports and the calendar). Refused: 429 with Retry-After.
 */
export function chargePerRequest(limiter: RateLimiter, points: number, clientOf: (req: Parameters<RequestHandler>[0]) => string): RequestHandler {
  return (req, res, next) => {
    limiter
      .consume(clientOf(req), points)
      .then((state) => {
        res.setHeader('x-ratelimit-limit', String(state.limit));
        res.setHeader('x-ratelimit-remaining', String(state.remaining));
        res.setHeader('x-ratelimit-reset', state.resetAt.toISOString());
        if (state.allowed) return next();
        const { message, retryAfter } = rateLimitRefusal(`this request costs ${points} points`, state, limiter.clock.now());
        res.setHeader('retry-after', String(retryAfter));
        res.status(429).json({ error: { code: 'RATE_LIMITED', message, retryAfter } });
      })
      .catch(next);
  };
}
