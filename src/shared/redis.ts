import Redis from 'ioredis';

/**
 * A connection to Redis for a store the API can do without for a while (the rate-limit windows,
 * the automatic persisted queries): commands fail at once while it is down (no offline queue, no
 * retry of a command) instead of holding requests, and it reconnects in the background.
 */
export function connectRedis(url: string, onError: (error: Error) => void, options: { commandTimeoutMs?: number } = {}): Redis {
  const redis = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    ...(options.commandTimeoutMs ? { commandTimeout: options.commandTimeoutMs } : {}),
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  redis.on('error', onError);
  return redis;
}

/** Whether Redis answers a PING now (for /readyz). */
export async function redisAnswers(redis: Redis): Promise<boolean> {
  try {
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  }
}

/** The most often an outage of Redis is reported by `throttled` while it lasts. */
export const REDIS_ERROR_EVERY_MS = 10_000;

/**
 * `report`, called at most once per REDIS_ERROR_EVERY_MS, with how many failures went unreported
 * since the last call: while Redis is down every request's command fails, and each would report it.
 */
export function throttled<A extends unknown[]>(report: (suppressed: number, ...args: A) => void, now: () => number = Date.now): (...args: A) => void {
  let toldAt = -Infinity;
  let suppressed = 0;
  return (...args) => {
    if (now() - toldAt < REDIS_ERROR_EVERY_MS) {
      suppressed += 1;
      return;
    }
    report(suppressed, ...args);
    toldAt = now();
    suppressed = 0;
  };
}
